#include "scanner/scan/file_cache.h"

namespace oblige::scan {

std::optional<results::FileResult> FileCache::find(const std::string& real_path,
                                                   results::FileRole role,
                                                   const std::string& display_path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = files_.find({real_path, role});
  if (it == files_.end()) return std::nullopt;
  ++hits_;
  results::FileResult copy = it->second;
  copy.path = display_path;
  return copy;
}

void FileCache::store(const std::string& real_path, const results::FileResult& file) {
  std::lock_guard<std::mutex> lock(mutex_);
  results::FileResult stored = file;
  stored.path.clear();
  files_.emplace(std::make_pair(real_path, file.role), std::move(stored));
}

}  // namespace oblige::scan
