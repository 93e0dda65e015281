#include "scanner/identify/held_runs.h"

#include <algorithm>

namespace oblige::identify {

void add_range(std::vector<ShingleRange>* ranges, ShingleRange range) {
  if (range.begin >= range.end) return;
  ranges->push_back(range);
  std::sort(ranges->begin(), ranges->end(),
            [](const ShingleRange& a, const ShingleRange& b) { return a.begin < b.begin; });
  std::vector<ShingleRange> merged;
  for (const ShingleRange& r : *ranges) {
    if (!merged.empty() && r.begin <= merged.back().end)
      merged.back().end = std::max(merged.back().end, r.end);
    else
      merged.push_back(r);
  }
  *ranges = std::move(merged);
}

Run densest_run(const HeldBits& held, std::span<const ShingleRange> ineligible, long miss) {
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  Run best;
  long best_score = 0, score = 0;
  std::size_t start = 0, previous = kNone;
  std::size_t next_range = 0;   // first range not yet wholly before the shingle
  std::size_t barrier_end = 0;  // end of the last range passed
  bool passed_barrier = false;
  // A run of held shingles [i, end), all eligible.
  const auto take = [&](std::size_t i, std::size_t end) {
    // A range between the last held shingle and this one ended that run;
    // so did a gap that cost all of its score.
    const bool fresh = previous == kNone || (passed_barrier && barrier_end > previous);
    const long carried = fresh ? 0 : score - miss * static_cast<long>(i - previous - 1);
    if (carried <= 0) {
      start = i;
      score = 0;
    } else {
      score = carried;
    }
    score += static_cast<long>(end - i);
    previous = end - 1;
    if (score > best_score) {
      best_score = score;
      best = {start, previous, true};
    }
  };
  held.for_each_run([&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end;) {
      while (next_range < ineligible.size() && ineligible[next_range].end <= i) {
        barrier_end = ineligible[next_range++].end;
        passed_barrier = true;
      }
      if (next_range < ineligible.size() && ineligible[next_range].begin <= i) {
        i = std::min(end, ineligible[next_range].end);
        continue;
      }
      const std::size_t until =
          next_range < ineligible.size() ? std::min(end, ineligible[next_range].begin) : end;
      take(i, until);
      i = until;
    }
  });
  return best;
}

}  // namespace oblige::identify
