#include "scanner/identify/shingles.h"

#include <array>

namespace oblige::identify {
namespace {

// An order-dependent combination (a polynomial in an odd multiplier) of the
// shingle's word hashes, then a final mix so the high bits, which the index
// buckets on, are uniform. (The committed fingerprints hold these values:
// changing the combination means regenerating them.)
std::uint32_t combine(const std::array<std::uint64_t, kShingleWords>& word_hashes,
                      std::size_t first) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (std::size_t k = 0; k < kShingleWords; ++k)
    h = (h ^ word_hashes[(first + k) % kShingleWords]) * 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return static_cast<std::uint32_t>(h >> 32);
}

}  // namespace

std::uint32_t shingle_hash(std::string_view text, const std::vector<Word>& words, std::size_t i) {
  std::array<std::uint64_t, kShingleWords> hashes{};
  for (std::size_t k = 0; k < kShingleWords; ++k) hashes[k] = word_hash(text, words[i + k]);
  return combine(hashes, 0);
}

std::vector<std::uint32_t> shingle_hashes(std::string_view text, const std::vector<Word>& words) {
  std::vector<std::uint32_t> out;
  if (words.size() < kShingleWords) return out;
  out.reserve(words.size() - kShingleWords + 1);
  // Each word hashed once: the last kShingleWords hashes in a ring.
  std::array<std::uint64_t, kShingleWords> ring{};
  for (std::size_t i = 0; i < words.size(); ++i) {
    ring[i % kShingleWords] = word_hash(text, words[i]);
    if (i + 1 >= kShingleWords) out.push_back(combine(ring, (i + 1) % kShingleWords));
  }
  return out;
}

}  // namespace oblige::identify
