#include "scanner/walk/git_source.h"

#include "scanner/text/module_loader.h"
#include "scanner/walk/git_reader.h"

namespace oblige::walk {

GitSource read_git_source(const std::string& path, const GitSourceOptions& options) {
  std::string missing;
  const auto read = reinterpret_cast<GitRead>(text::module_symbol(kGitModule, kGitEntry, &missing));
  GitSource out;
  if (!read) {
    out.error = "git sources cannot be read: " + missing;
    return out;
  }
  read(path, options, &out);
  return out;
}

}  // namespace oblige::walk
