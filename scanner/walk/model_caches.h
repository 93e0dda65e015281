// Model caches: where downloaded models live on disk, and which revision each
// folder holds. discover_models() recognises, in this order:
//
//   hf-cache     a Hugging Face hub cache: models--ORG--NAME (and datasets--,
//                spaces--) with refs/, blobs/ and snapshots/<commit>/, the
//                snapshot files being relative links into blobs/ (or copies)
//   modelscope   a ModelScope cache: OWNER/NAME folders with a .mv file
//                ("Revision:<rev>,CreatedAt:<ts>"); dots in names are stored
//                as "___"; the pickled .msc/.mdl files are never opened
//   local-dir    a snapshot_download(local_dir=...) folder: its files plus
//                .cache/huggingface/download/*.metadata (commit on line 1)
//   folder       anything else: the folder is one model
//
// Nothing here reads a model file; only refs, .mv and .metadata files.
#pragma once

#include <boost/filesystem.hpp>
#include <string>
#include <vector>

namespace oblige::walk {

struct ModelSnapshot {
  std::string layout;        // hf-cache | modelscope | local-dir | folder
  std::string repo_type;     // model | dataset | space
  std::string repo_id;       // "org/name"
  std::string revision;      // commit hash, or "" when unknown
  std::vector<std::string> refs;  // refs pointing at this revision (main, v1.0, pr/3)
  boost::filesystem::path path;   // the snapshot folder on disk
  std::string logical_path;       // how its files are reported, relative to the root
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

}  // namespace oblige::walk
