// Resolving a symbolic link found by a walk, without looking outside.
//
// The link's folder is canonical already (the walk never follows a link to a
// folder), so its target is resolved component by component from there:
// "." and ".." are exact on a canonical path, a component inside the scanned
// root or the allowed root is checked with one lstat() (and read with
// readlink() when it is a link, up to 40 links), a component that is an
// ancestor of either root is canonical by construction, and anything else is
// outside: the resolution stops there, so nothing outside the roots is ever
// stat'd, and whether an outside path exists is never revealed.
//
// A target in a Hugging Face cache's unfinished downloads (a blob ending in
// ".incomplete", anything under ".no_exist/") is refused: those are never read.
#pragma once

#include <string>
#include <string_view>

namespace oblige::walk {

struct LinkZone {
  std::string root;     // canonical: the scanned folder
  std::string allowed;  // canonical: where links may also lead (== root when none)
};

struct ResolvedLink {
  enum class End {
    kFile,        // a regular file inside a root
    kFolder,      // a folder (not followed)
    kSpecial,     // a FIFO, socket or device
    kBroken,      // dangling, or a component is not a folder
    kLoop,        // more than 40 links
    kOutside,     // leaves both roots
    kUnfinished,  // an .incomplete blob or .no_exist/ entry
  } end = End::kBroken;
  std::string target;  // canonical absolute path (kFile, kFolder, kSpecial, kUnfinished)
};

// Resolves the link `link_text` found in the canonical folder `folder`.
ResolvedLink resolve_link(const LinkZone& zone, const std::string& folder,
                          std::string_view link_text);

// True when `path` is `root` or below it (both canonical, absolute).
bool is_inside(std::string_view path, std::string_view root);

}  // namespace oblige::walk
