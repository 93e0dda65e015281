// FileCache: what scanning one file gave, kept by its real path, so a blob
// that several Hugging Face snapshots link to is read and matched once. On a
// hit the stored outcome is copied with its paths rewritten to the new
// logical path.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "scanner/scan/scan_file.h"

namespace oblige::scan {

class FileCache {
 public:
  // The outcome for `real_path` scanned as `role`, reported at `display_path`.
  std::optional<FileOutcome> find(const std::string& real_path, const std::string& role,
                                  const std::string& display_path) const;
  void store(const std::string& real_path, const std::string& role, const FileOutcome& outcome);
  std::size_t hits() const { return hits_; }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, FileOutcome> outcomes_;
  mutable std::size_t hits_ = 0;
};

}  // namespace oblige::scan
