// IntervalUnion: a set of half-open byte ranges kept as their union, asked
// whether a range overlaps any of them in logarithmic time. The clause-kind
// search asks this once per hit; scanning the hits found so far instead made
// a 16 MB text quadratic (minutes).
#pragma once

#include <cstddef>
#include <iterator>
#include <map>

namespace oblige::identify {

class IntervalUnion {
 public:
  // Whether [begin, end) (not empty) shares a byte with a range added before.
  bool overlaps(std::size_t begin, std::size_t end) const {
    auto it = merged_.lower_bound(end);  // the first range starting at or after `end`
    if (it == merged_.begin()) return false;
    // The ranges are disjoint and sorted: the last one starting before `end`
    // reaches furthest among those.
    return std::prev(it)->second > begin;
  }

  void add(std::size_t begin, std::size_t end) {
    if (begin >= end) return;
    auto it = merged_.upper_bound(begin);
    if (it != merged_.begin() && std::prev(it)->second >= begin) {
      --it;
      begin = it->first;
    }
    while (it != merged_.end() && it->first <= end) {
      if (it->second > end) end = it->second;
      it = merged_.erase(it);
    }
    merged_.emplace(begin, end);
  }

 private:
  std::map<std::size_t, std::size_t> merged_;  // begin -> end, disjoint
};

}  // namespace oblige::identify
