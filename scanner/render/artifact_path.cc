#include "scanner/render/artifact_path.h"

#include <boost/filesystem.hpp>

namespace oblige::render {

namespace fs = boost::filesystem;

ArtifactBase::ArtifactBase(const std::string& target) {
  boost::system::error_code ec;
  fs::path base(target);
  // A single file was scanned: its path is relative to its folder. A link to
  // a folder is a folder (fs::is_regular_file follows links).
  if (fs::is_regular_file(base, ec)) base = base.parent_path();
  base_ = base.string();
  if (base.is_absolute()) cwd_ = fs::current_path(ec).string();
}

std::string ArtifactBase::path(const std::string& relative) const {
  fs::path full = fs::path(base_) / relative;
  if (full.is_absolute() && !cwd_.empty()) {
    const fs::path rel = full.lexically_relative(cwd_);
    if (!rel.empty() && rel.begin()->string() != "..") full = rel;
  }
  std::string out = full.lexically_normal().generic_string();
  if (out.rfind("./", 0) == 0) out = out.substr(2);
  if (out == ".") out.clear();
  return out.empty() ? relative : out;
}

}  // namespace oblige::render
