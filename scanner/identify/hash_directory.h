// A directory over sorted 32-bit hashes: for each value of their top `bits`
// bits, where its run of hashes starts. Hashes are spread evenly, so finding
// one searches a bucket of a few instead of the whole list. The similarity
// index stores one in its blob (similarity_index.h); the clause-kind model
// builds one over its features on first use (kind_model.h).
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace oblige::identify {

// The bucket of `hash` in a directory of `bits` bits (1 to 31).
inline std::uint32_t directory_bucket(std::uint32_t hash, std::uint32_t bits) {
  return hash >> (32 - bits);
}

// 2^bits + 1 entries: entry b is the first index of `sorted` whose bucket is
// b or later; the last is sorted.size().
inline std::vector<std::uint32_t> hash_directory(std::span<const std::uint32_t> sorted,
                                                 std::uint32_t bits) {
  std::vector<std::uint32_t> dir((std::size_t{1} << bits) + 1, 0);
  for (std::size_t b = 0, k = 0; b < dir.size(); ++b) {
    while (k < sorted.size() && directory_bucket(sorted[k], bits) < b) ++k;
    dir[b] = static_cast<std::uint32_t>(k);
  }
  return dir;
}

// Where `hash` is in `sorted`, looked up through its directory `dir`.
inline std::optional<std::uint32_t> find_in_directory(std::span<const std::uint32_t> sorted,
                                                      std::span<const std::uint32_t> dir,
                                                      std::uint32_t bits, std::uint32_t hash) {
  const std::uint32_t b = directory_bucket(hash, bits);
  const auto first = sorted.begin() + dir[b], last = sorted.begin() + dir[b + 1];
  const auto it = std::lower_bound(first, last, hash);
  if (it == last || *it != hash) return std::nullopt;
  return static_cast<std::uint32_t>(it - sorted.begin());
}

}  // namespace oblige::identify
