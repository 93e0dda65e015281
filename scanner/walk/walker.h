// Walker: finds the candidate files under a scanned path.
//
// The walk goes to any depth in a deterministic order (names sorted byte-wise)
// and reads nothing but folder listings. It never follows a symbolic link to a
// folder, so it cannot loop; a symbolic link to a file is followed only when
// its target stays inside the scanned root. FIFOs, sockets and devices are
// never opened. Everything it had to skip that looked like a license is
// reported as a problem with the path, never silently dropped.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <boost/filesystem.hpp>

#include "scanner/results/rule.h"
#include "scanner/walk/candidates.h"

namespace oblige::walk {

struct Candidate {
  boost::filesystem::path path;       // what to open (a symlink's resolved target)
  std::string display_path;           // relative to the root, '/' separated
  CandidateRole role = CandidateRole::kNone;
  std::uintmax_t size = 0;
  bool via_symlink = false;
  // Set when the bytes come from somewhere else than `path` (a git blob read
  // from the index or a commit): then `path` is not opened.
  std::shared_ptr<const std::string> content;
};

struct WalkProblem {
  results::RuleId rule;  // a scan/* rule
  std::string display_path;
  std::string message;   // the cause, a short phrase ("symbolic link to a folder, not followed")
};

struct WalkResult {
  std::vector<Candidate> candidates;
  std::vector<WalkProblem> problems;
  std::size_t files_seen = 0;
  std::size_t folders_seen = 0;
  // Folders (relative, "" for the root) that hold model weights or a
  // config.json: model folders, even without a model card.
  std::vector<std::string> model_folders;
};

struct WalkOptions {
  // Folders never entered (matched against the folder's own name). ".cache"
  // holds a snapshot_download(local_dir=...) folder's download metadata.
  std::vector<std::string> skip_folders = {".git", ".hg",          ".svn",
                                           ".cache", "node_modules", "__pycache__"};
  // Symbolic links may point anywhere inside this folder; empty: the root.
  boost::filesystem::path allowed_root;
  // Prefixed to every display path.
  std::string display_prefix;
  // Report a linked file under its target's path (GitHub code scanning does
  // not show results in files reached through a link). An audit keeps the
  // link's own logical path instead (snapshots link into blobs/).
  bool report_link_targets = true;
};

// Walks `root`, a folder or a single file. A single file is always a
// candidate, whatever its name (the user asked for it); its name still gives
// its role (a NOTICE is a notice, a README a model card).
WalkResult walk(const boost::filesystem::path& root, const WalkOptions& options = {});

}  // namespace oblige::walk
