// IntervalUnion answers as a scan over every range added would.
#include "scanner/identify/interval_union.h"

#include <catch2/catch.hpp>
#include <random>
#include <utility>
#include <vector>

TEST_CASE("interval union: overlap answers agree with checking every range added", "[identify]") {
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> at(0, 20000), length(1, 30);
  oblige::identify::IntervalUnion ranges;
  std::vector<std::pair<std::size_t, std::size_t>> added;
  for (int step = 0; step < 4000; ++step) {
    const std::size_t begin = at(random), end = begin + length(random);
    bool expected = false;
    for (const auto& [b, e] : added) expected = expected || (b < end && begin < e);
    INFO("step " << step << " [" << begin << ", " << end << ")");
    REQUIRE(ranges.overlaps(begin, end) == expected);
    if (step % 3 == 0) {
      ranges.add(begin, end);
      added.emplace_back(begin, end);
    }
  }
  // Touching ranges merge, and still leave the byte after them free.
  oblige::identify::IntervalUnion touching;
  touching.add(0, 5);
  touching.add(5, 10);
  CHECK(touching.overlaps(9, 12));
  CHECK_FALSE(touching.overlaps(10, 12));
}
