// A finding's file as a path relative to the working folder (the repository
// root in CI): the target joined with the path inside it. SARIF URIs and
// every message use this one form.
#pragma once

#include <string>

namespace oblige::render {

// What a target's paths are relative to: the target folder, or the folder
// of a single scanned file. Computed once per target (it asks the file
// system whether the target is a file).
class ArtifactBase {
 public:
  explicit ArtifactBase(const std::string& target);
  std::string path(const std::string& relative) const;

 private:
  std::string base_;
  std::string cwd_;
};

}  // namespace oblige::render
