#include <boost/filesystem.hpp>

#include "reporters/report.h"

namespace oblige::reporters {

std::string artifact_path(const std::string& target, const std::string& path) {
  namespace fs = boost::filesystem;
  boost::system::error_code ec;
  fs::path base(target);
  // A single file was scanned: its path is relative to its folder. A link to
  // a folder is a folder (fs::is_regular_file follows links).
  if (fs::is_regular_file(base, ec)) base = base.parent_path();
  fs::path full = base / path;
  if (full.is_absolute()) {
    const fs::path rel = full.lexically_relative(fs::current_path(ec));
    if (!rel.empty() && rel.begin()->string() != "..") full = rel;
  }
  std::string out = full.lexically_normal().generic_string();
  if (out.rfind("./", 0) == 0) out = out.substr(2);
  return out.empty() ? path : out;
}

}  // namespace oblige::reporters
