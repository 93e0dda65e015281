// Git sources: candidates read from a repository through libgit2 instead of
// the working tree.
//
//   staged  what is about to be committed: the index (GIT_INDEX_FILE when git
//           sets it for a hook, including the temporary index of
//           `git commit -a`), blobs from the object database
//   rev     a commit, tag or branch, without a checkout (bare repositories
//           too): revparse -> tree -> walk
//
// Candidates are chosen by the same select_path() as the folder walk (skipped
// folders such as node_modules/ and .git/, roles, model folders), on the raw
// bytes of each name. Blob sizes are read from the object headers first: a
// blob over `max_size` is never inflated, and the others are inflated only
// when the scan reads them, once per blob however many entries name it (the
// candidates keep the repository open for that). Submodules and conflict
// entries are skipped; Git LFS pointer files are never treated as text;
// symbolic links in the tree are reported, not followed. Paths are shown
// escaped (display_name.h). `changed` lists the paths the commit adds or
// changes (staged only, escaped the same way), for --changed-only.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "scanner/walk/walker.h"

namespace oblige::walk {

struct GitSourceOptions {
  bool staged = false;
  std::string revision;  // used when !staged
  std::uintmax_t max_size = 16 * 1024 * 1024;
};

struct GitSource {
  bool ok = false;
  std::string error;              // why the repository could not be read
  WalkResult walk;                // display paths relative to the repository root
  std::set<std::string> changed;  // staged: paths added or changed against HEAD
  std::string workdir;            // the working tree, empty for a bare repository
  std::string description;        // "staged changes" or "revision v1.0 (abc123...)"
};

// `path`: any folder inside the repository (or the repository itself); only
// files under it are candidates.
GitSource read_git_source(const std::string& path, const GitSourceOptions& options);

}  // namespace oblige::walk
