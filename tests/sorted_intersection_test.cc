#include "scanner/identify/sorted_intersection.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

using oblige::identify::for_each_common;

namespace {

// n distinct values below `range`, ascending.
std::vector<std::uint32_t> sorted_distinct(std::mt19937& rng, std::size_t n, std::uint32_t range) {
  std::set<std::uint32_t> s;
  std::uniform_int_distribution<std::uint32_t> pick(0, range - 1);
  while (s.size() < n) s.insert(pick(rng));
  return {s.begin(), s.end()};
}

// The indices of a for_each_common reports, sorted, and whether any came twice.
std::vector<std::size_t> common_indices(const std::vector<std::uint32_t>& a,
                                        const std::vector<std::uint32_t>& b, bool* repeated) {
  std::vector<std::size_t> out;
  for_each_common(a, b, [&](std::size_t i) { out.push_back(i); });
  std::sort(out.begin(), out.end());
  *repeated = std::adjacent_find(out.begin(), out.end()) != out.end();
  return out;
}

// The indices of a whose value b holds, by binary search.
std::vector<std::size_t> expected_indices(const std::vector<std::uint32_t>& a,
                                          const std::vector<std::uint32_t>& b) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::binary_search(b.begin(), b.end(), a[i])) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("for_each_common finds each shared value once whatever the lists' sizes", "[identify]") {
  std::mt19937 rng(20261207);
  std::size_t checked = 0, shared = 0;
  // Sizes around the four-value blocks and the tails, dense and sparse value
  // ranges (many shared or few), and one list many times the other's length
  // (the galloping path).
  for (std::size_t na : {0, 1, 3, 4, 5, 7, 8, 9, 16, 31, 100, 1000})
    for (std::size_t nb : {0, 1, 2, 4, 6, 8, 13, 64, 333, 2000, 20000})
      for (std::uint32_t range : {64u, 4096u, 1u << 31}) {
        if (na > range / 2 || nb > range / 2) continue;
        const auto a = sorted_distinct(rng, na, range);
        const auto b = sorted_distinct(rng, nb, range);
        bool repeated = false;
        INFO(na << " against " << nb << " below " << range);
        const auto got = common_indices(a, b, &repeated);
        CHECK_FALSE(repeated);
        CHECK(got == expected_indices(a, b));
        ++checked;
        shared += got.size();
      }
  CHECK(checked > 300);
  CHECK(shared > 500);
  // Values at the ends of the range, and equal last values of two blocks.
  const std::vector<std::uint32_t> a = {0, 5, 9, 12, 13, 14, 15, 0xFFFFFFFE, 0xFFFFFFFF};
  const std::vector<std::uint32_t> b = {0, 1, 2, 12, 13, 14, 15, 16, 0xFFFFFFFF};
  bool repeated = false;
  CHECK(common_indices(a, b, &repeated) == std::vector<std::size_t>{0, 3, 4, 5, 6, 8});
  CHECK(common_indices(b, a, &repeated) == std::vector<std::size_t>{0, 3, 4, 5, 6, 8});
}
