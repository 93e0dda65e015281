// Model caches: where downloaded models live on disk, and which revision each
// folder holds. discover_models() recognises, in this order:
//
//   hf-cache     a Hugging Face hub cache: models--ORG--NAME (and datasets--,
//                spaces--) with refs/, blobs/ and snapshots/<commit>/, the
//                snapshot files being relative links into blobs/ (or copies);
//                also one such repository folder, or one snapshot, given alone
//   modelscope   a ModelScope cache: OWNER/NAME folders with a .mv file
//                ("Revision:<rev>,CreatedAt:<ts>"); dots in names are stored
//                as "___"; the pickled .msc/.mdl files are never opened
//   local-dir    a snapshot_download(local_dir=...) folder: its files plus
//                .cache/huggingface/download/*.metadata (commit on line 1)
//   folder       anything else: the folder is one model
//
// Nothing here reads a model file; only refs, .mv and .metadata files, each
// opened below the cache root with no symbolic link on the way (a refs/ that
// is a link to ~ or /etc is not followed), checked to be a regular file, and
// read for one short line at most. A ref is believed only when it holds a
// revision hash (40 hex digits, or 64 for SHA-256): nothing else of its
// content is ever shown. Names from the cache are shown escaped.
//
// snapshot_context() recognises a path inside one snapshot (what
// snapshot_download() returns) so that `oblige scan` can follow its links
// into that repository's blobs/ only and report logical paths.
#pragma once

#include <boost/filesystem.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scanner/walk/walker.h"

namespace oblige::walk {

struct ModelSnapshot {
  std::string layout;             // hf-cache | modelscope | local-dir | folder
  std::string repo_type;          // model | dataset | space
  std::string repo_id;            // "org/name" (escaped)
  std::string revision;           // commit hash, or "" when unknown
  std::vector<std::string> refs;  // refs pointing at this revision (main, v1.0, pr/3)
  boost::filesystem::path path;   // the snapshot folder on disk
  std::string logical_path;       // how its files are reported, relative to the root
  // Where the snapshot's links may lead: its repository's blobs/ for
  // hf-cache; empty otherwise (the snapshot folder itself).
  boost::filesystem::path allowed_root;
};

struct CacheProblem {
  std::string path;
  std::string message;
};

// The default Hugging Face cache: $HF_HUB_CACHE, else $HF_HOME/hub, else
// $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub.
boost::filesystem::path default_hf_cache();

std::vector<ModelSnapshot> discover_models(const boost::filesystem::path& root,
                                           std::vector<CacheProblem>* problems);

// A path inside one downloaded snapshot, and what a scan of it needs.
struct SnapshotContext {
  ModelSnapshot snapshot;  // layout hf-cache or modelscope; logical_path:
                           // "models--ORG--NAME/snapshots/REV" or "OWNER/NAME"
  boost::filesystem::path
      repository;       // hf: the models--ORG--NAME folder; modelscope: the model folder
  std::string subpath;  // the given path below the snapshot folder, "" for the folder itself
};

// For a path at or below `.../models--ORG--NAME/snapshots/REV` or a ModelScope
// model folder: its context; nothing for any other path.
std::optional<SnapshotContext> snapshot_context(const boost::filesystem::path& path);

// The walk options for scanning a snapshot: links followed into the
// repository's blobs/ only, reported at their logical (link) paths, relative
// to the scanned path.
WalkOptions snapshot_walk_options(const SnapshotContext& context);

// True for a folder holding Hugging Face repository folders (models--*,
// datasets--*, spaces--* with snapshots/), as ~/.cache/huggingface/hub: a
// scan there should suggest `oblige audit`.
bool is_hf_cache_root(const boost::filesystem::path& folder);

// True for one repository folder of such a cache (models--ORG--NAME).
bool is_hf_repository(const boost::filesystem::path& folder);

// A ref's content is a revision: 40 or 64 lower-case hex digits.
bool is_revision_hash(std::string_view text);

}  // namespace oblige::walk
