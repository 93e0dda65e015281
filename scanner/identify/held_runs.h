// Held runs: which of a text's shingles a reference holds, as bits, and the
// best-scoring run of them (text_match.h places references by it).
//
// The run is the one Kadane's algorithm finds over every shingle (+1 held,
// -miss not held, a shingle that is not eligible ends a run), but worked out
// from the runs of held shingles alone: between two held shingles the score
// only falls, along a run of them it only rises, so the best run's ends are
// held shingles and a gap costs `miss` per shingle in it. A text of n
// shingles costs n / 64 word reads and one step a run of held shingles
// instead of n steps, for each candidate and each placement.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace oblige::identify {

// One bit per shingle of a text.
class HeldBits {
 public:
  HeldBits() = default;
  explicit HeldBits(std::size_t size) : words_((size + 63) / 64, 0), size_(size) {}

  std::size_t size() const { return size_; }
  void set(std::size_t i) { words_[i / 64] |= std::uint64_t{1} << (i % 64); }
  bool test(std::size_t i) const { return (words_[i / 64] >> (i % 64)) & 1u; }

  // Calls f(begin, end) for every maximal run [begin, end) of set bits, in
  // order: a reference holds most of a text it matches in long runs.
  template <typename F>
  void for_each_run(F&& f) const {
    std::size_t begin = 0;
    std::uint64_t previous_top = 0;  // the last bit of the word before
    for (std::size_t w = 0; w < words_.size(); ++w) {
      const std::uint64_t bits = words_[w];
      const std::uint64_t next_low = w + 1 < words_.size() ? words_[w + 1] & 1u : 0;
      std::uint64_t starts = bits & ~((bits << 1) | previous_top);
      std::uint64_t ends = bits & ~((bits >> 1) | (next_low << 63));
      previous_top = bits >> 63;
      while (starts | ends) {
        const std::uint64_t lowest = (starts | ends) & -(starts | ends);
        const std::size_t at = w * 64 + static_cast<std::size_t>(std::countr_zero(lowest));
        if (starts & lowest) begin = at;
        if (ends & lowest) f(begin, at + 1);
        starts &= ~lowest;
        ends &= ~lowest;
      }
    }
  }

 private:
  std::vector<std::uint64_t> words_;
  std::size_t size_ = 0;
};

// Shingles [begin, end) that no run may use.
struct ShingleRange {
  std::size_t begin = 0, end = 0;
};

// Adds `range` to the sorted, disjoint `ranges`, merging where they touch.
void add_range(std::vector<ShingleRange>* ranges, ShingleRange range);

struct Run {
  std::size_t first = 0, last = 0;  // shingle indices, inclusive
  bool found = false;
};

// The best-scoring run of eligible shingles: +1 for a shingle `held` holds,
// -miss for one it does not; `ineligible` (sorted, disjoint) ends a run. Of
// runs with the best score, the one that ends first, started where the
// score last fell to zero or below (as the dense scan finds it).
Run densest_run(const HeldBits& held, std::span<const ShingleRange> ineligible, long miss);

}  // namespace oblige::identify
