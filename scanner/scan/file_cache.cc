#include "scanner/scan/file_cache.h"

#include "scanner/findings/fingerprint.h"

namespace oblige::scan {
namespace {

std::string key_of(const std::string& real_path, const std::string& role) {
  return real_path + '\0' + role;
}

void rewrite(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty() || from == to) return;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

}  // namespace

std::optional<FileOutcome> FileCache::find(const std::string& real_path, const std::string& role,
                                           const std::string& display_path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = outcomes_.find(key_of(real_path, role));
  if (it == outcomes_.end()) return std::nullopt;
  ++hits_;
  FileOutcome copy = it->second;
  const std::string old_path = copy.file.path;
  copy.file.path = display_path;
  for (auto& l : copy.licenses) l.file = display_path;
  for (auto& d : copy.declared) d.file = display_path;
  for (auto& f : copy.findings) {
    f.location.path = display_path;
    rewrite(f.message, old_path, display_path);
    // Findings about the file itself are identified by its path.
    if (f.license_id.empty()) f.fingerprint = findings::fingerprint({f.rule_id, display_path});
  }
  return copy;
}

void FileCache::store(const std::string& real_path, const std::string& role,
                      const FileOutcome& outcome) {
  std::lock_guard<std::mutex> lock(mutex_);
  outcomes_.emplace(key_of(real_path, role), outcome);
}

}  // namespace oblige::scan
