// FileCache: what scanning one file gave, kept by its real path, so a blob
// that several Hugging Face snapshots link to is read and matched once. The
// evidence is path-free: a hit is the stored FileResult placed at the new
// logical path, nothing inside it rewritten.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "scanner/results/evidence.h"

namespace oblige::scan {

class FileCache {
 public:
  // The evidence for `real_path` scanned as `role`, placed at `display_path`.
  std::optional<results::FileResult> find(const std::string& real_path, results::FileRole role,
                                          const std::string& display_path) const;
  void store(const std::string& real_path, const results::FileResult& file);
  std::size_t hits() const { return hits_; }

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, results::FileRole>, results::FileResult> files_;
  mutable std::size_t hits_ = 0;
};

}  // namespace oblige::scan
