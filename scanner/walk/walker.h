// Walker: finds the candidate files under a scanned path.
//
// The walk goes to any depth, on a few threads sharing a work-stealing queue
// of folders (so a repository under one top folder uses every core), and
// reads nothing but folder listings: readdir()'s d_type tells files from
// folders, with an lstat() only where the file system does not say, and links
// are resolved against their already canonical folder (resolve_link.h). It
// never follows a symbolic link to a folder, so it cannot loop; a symbolic
// link to a file is followed only when its target stays inside the scanned
// root (or `allowed_root`). FIFOs, sockets and devices are never opened.
// Everything it had to skip that looked like a license is reported as a
// problem with the path, never silently dropped. The result is sorted, so it
// does not depend on scheduling.
//
// Candidates are not opened by the walk: each carries the open folder it lies
// under and a link-free path below it, and read_candidate.h opens it from
// there with no link allowed on the way (safe_open.h), then checks what it
// opened. A file swapped for a link, a FIFO or anything else between the walk
// and the read is refused, not followed.
#pragma once

#include <boost/filesystem.hpp>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "scanner/results/rule.h"
#include "scanner/walk/candidates.h"
#include "scanner/walk/safe_open.h"

namespace oblige::walk {

// Bytes fetched only when the file is read (a git blob): at most one copy,
// shared by every entry naming the same blob. Thread-safe.
class LazyContent {
 public:
  virtual ~LazyContent() = default;
  // The bytes, or null with `error` set.
  virtual std::shared_ptr<const std::string> bytes(std::string* error) const = 0;
};

struct Candidate {
  // Where the bytes are: the file, or a link's resolved target (canonical);
  // for a git blob, its path in the repository. Names the file for caches;
  // never opened by name.
  boost::filesystem::path path;
  // Names the bytes when `path` does not: a git blob's id. Entries with the
  // same bytes are scanned once (a tree may name one blob a hundred times).
  std::string content_key;
  std::string display_path;  // relative to the root, '/' separated, escaped
  CandidateRole role = CandidateRole::kNone;
  // A git blob's size (read from its header, before any inflation); 0 from a
  // folder walk (the reader's fstat() is the truth).
  std::uintmax_t size = 0;
  bool via_symlink = false;
  bool third_party = false;  // see FileSelection::third_party
  // How a folder walk's file is opened: below `base`, at `relative` (raw
  // bytes, no link, no "..").
  std::shared_ptr<const FolderHandle> base;
  std::string relative;
  // Set when the bytes come from somewhere else (a git blob read from the
  // index or a commit): then nothing is opened.
  std::shared_ptr<const std::string> content;
  std::shared_ptr<const LazyContent> lazy;
};

struct WalkProblem {
  results::RuleId rule;  // a scan/* rule
  std::string display_path;
  std::string message;  // the cause, a short phrase ("symbolic link to a folder, not followed")
};

struct WalkResult {
  std::vector<Candidate> candidates;  // sorted by display path
  std::vector<WalkProblem> problems;  // sorted by display path, then rule
  std::size_t files_seen = 0;
  std::size_t folders_seen = 0;
  // Folders (relative, "" for the root) that hold model weights or a
  // config.json: model folders, even without a model card.
  std::vector<std::string> model_folders;
  // The scanned folder on disk, canonical ("" when it could not be opened):
  // no need to canonicalize it again.
  std::string root;
};

struct WalkOptions {
  // Folders never entered (matched against the folder's own name).
  std::vector<std::string> skip_folders = default_skipped_folders();
  // Symbolic links may point anywhere inside this folder too; empty: the
  // root only. A Hugging Face snapshot's links lead into its repository's
  // blobs/ (see snapshot_context() in model_caches.h).
  boost::filesystem::path allowed_root;
  // Prefixed to every display path.
  std::string display_prefix;
  // Report a linked file under its target's path (GitHub code scanning does
  // not show results in files reached through a link). An audit keeps the
  // link's own logical path instead (snapshots link into blobs/).
  bool report_link_targets = true;
  // Walking threads; 0: hardware_threads().
  unsigned threads = 0;
};

// Walks `root`, a folder or a single file. A single file is always a
// candidate, whatever its name (the user asked for it); its name still gives
// its role (a NOTICE is a notice, a README a model card).
WalkResult walk(const boost::filesystem::path& root, const WalkOptions& options = {});

// std::thread::hardware_concurrency(), read once per process (it opens
// /sys/devices/system/cpu/online each time), at least 1.
unsigned hardware_threads();

}  // namespace oblige::walk
