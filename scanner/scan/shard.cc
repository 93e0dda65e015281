#include "scanner/scan/shard.h"

#include <cstdint>

#include "scanner/text/normalize.h"

namespace oblige::scan {

unsigned shard_of(const std::string& repo_id, unsigned count) {
  if (count <= 1) return 0;
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text::ascii_lower(repo_id)) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return static_cast<unsigned>(hash % count);
}

bool parse_shard(const std::string& text, Shard* shard) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) return false;
  const std::string index = text.substr(0, slash), count = text.substr(slash + 1);
  for (const std::string& part : {index, count})
    if (part.size() > 6 || part.find_first_not_of("0123456789") != std::string::npos) return false;
  const unsigned long i = std::stoul(index), n = std::stoul(count);
  if (n < 1 || n > 100000 || i < 1 || i > n) return false;
  shard->index = static_cast<unsigned>(i - 1);
  shard->count = static_cast<unsigned>(n);
  return true;
}

}  // namespace oblige::scan
