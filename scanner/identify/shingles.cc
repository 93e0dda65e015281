#include "scanner/identify/shingles.h"

namespace oblige::identify {

std::uint32_t shingle_hash(const std::vector<Word>& words, std::size_t i) {
  // An order-dependent combination (a polynomial in an odd multiplier), then
  // a final mix so the high bits, which the index buckets on, are uniform.
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (std::size_t k = 0; k < kShingleWords; ++k)
    h = (h ^ words[i + k].hash) * 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return static_cast<std::uint32_t>(h >> 32);
}

std::vector<std::uint32_t> shingle_hashes(const std::vector<Word>& words) {
  std::vector<std::uint32_t> out;
  if (words.size() < kShingleWords) return out;
  out.reserve(words.size() - kShingleWords + 1);
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i)
    out.push_back(shingle_hash(words, i));
  return out;
}

}  // namespace oblige::identify
