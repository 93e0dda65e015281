// Held runs: the run search over runs of held shingles finds exactly what
// the dense scan over every shingle (written out here as the reference)
// finds, whatever the held bits and the ranges no run may use.
#include "scanner/identify/held_runs.h"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

using namespace oblige::identify;

namespace {

// Kadane's scan over every shingle: +1 held, -miss not held, an ineligible
// shingle ends a run; the first end reaching the best score wins.
Run dense_run(const std::vector<bool>& held, const std::vector<bool>& eligible, long miss) {
  Run best;
  long best_score = 0, score = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < held.size(); ++i) {
    if (!eligible[i]) {
      score = 0;
      continue;
    }
    if (score <= 0) {
      score = 0;
      start = i;
    }
    score += held[i] ? 1 : -miss;
    if (score > best_score) {
      best_score = score;
      best = {start, i, true};
    }
  }
  return best;
}

}  // namespace

TEST_CASE("held runs: the run search agrees with a scan of every shingle", "[identify]") {
  std::mt19937 random(11);
  for (int trial = 0; trial < 3000; ++trial) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(0, 300)(random);
    // Held shingles in bursts, as a license matched with edits holds them.
    const double density = std::uniform_real_distribution<double>(0.05, 0.95)(random);
    std::vector<bool> dense(n, false);
    HeldBits bits(n);
    bool on = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (std::bernoulli_distribution(0.2)(random))
        on = std::bernoulli_distribution(density)(random);
      if (on || std::bernoulli_distribution(0.05)(random)) {
        dense[i] = true;
        bits.set(i);
      }
    }
    std::vector<ShingleRange> ineligible;
    std::vector<bool> eligible(n, true);
    const int ranges = std::uniform_int_distribution<int>(0, 4)(random);
    for (int r = 0; r < ranges && n > 0; ++r) {
      const std::size_t b = std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
      const std::size_t e =
          std::min(n, b + std::uniform_int_distribution<std::size_t>(1, 80)(random));
      add_range(&ineligible, {b, e});
      for (std::size_t i = b; i < e; ++i) eligible[i] = false;
    }
    for (std::size_t k = 1; k < ineligible.size(); ++k)
      REQUIRE(ineligible[k - 1].end < ineligible[k].begin);
    std::vector<bool> listed(n, false);
    bits.for_each_run([&](std::size_t b, std::size_t e) {
      REQUIRE(b < e);
      REQUIRE((b == 0 || !dense[b - 1]));
      REQUIRE((e == n || !dense[e]));
      for (std::size_t i = b; i < e; ++i) listed[i] = true;
    });
    REQUIRE(listed == dense);
    for (long miss : {1L, 2L, 3L}) {
      INFO("trial " << trial << ", " << n << " shingles, miss " << miss);
      const Run expected = dense_run(dense, eligible, miss);
      const Run got = densest_run(bits, ineligible, miss);
      REQUIRE(got.found == expected.found);
      if (expected.found) {
        CHECK(got.first == expected.first);
        CHECK(got.last == expected.last);
      }
    }
  }
}

TEST_CASE("held runs: runs cross the 64-bit words of the bits", "[identify]") {
  HeldBits bits(200);
  for (std::size_t i = 60; i < 130; ++i) bits.set(i);
  bits.set(0);
  bits.set(64);  // already in the run: setting it twice changes nothing
  bits.set(199);
  std::vector<std::pair<std::size_t, std::size_t>> runs;
  bits.for_each_run([&](std::size_t b, std::size_t e) { runs.emplace_back(b, e); });
  const std::vector<std::pair<std::size_t, std::size_t>> expected = {{0, 1}, {60, 130}, {199, 200}};
  CHECK(runs == expected);
  const Run run = densest_run(bits, {}, 2);
  CHECK(run.found);
  CHECK(run.first == 60);
  CHECK(run.last == 129);
}
