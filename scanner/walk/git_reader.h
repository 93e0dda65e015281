// The entry point of the module oblige-git.so (git_reader.cc), which
// git_source.cc loads on first use (text/module_loader.h).
#pragma once

#include <string>

#include "scanner/walk/git_source.h"

namespace oblige::walk {

inline constexpr const char* kGitModule = "oblige-git.so";
inline constexpr const char* kGitEntry = "oblige_git_read";

using GitRead = void (*)(const std::string& path, const GitSourceOptions& options, GitSource* out);

}  // namespace oblige::walk
