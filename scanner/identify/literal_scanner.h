// LiteralScanner: which of a fixed set of short strings occur in a text, in
// one pass (Aho-Corasick, as a table). It runs the prefilter guards
// (prefilter_guards.h): a few hundred windows of at most 8 bytes, a trie of
// a few thousand nodes, so the whole automaton is built in a fraction of a
// millisecond, where an RE2::Set over the patterns themselves took 6 ms to
// compile.
//
// Bytes that occur in no literal share one class; the transition table has
// a row per node and a column per class, failure links resolved, so a text
// costs one lookup per byte.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace oblige::identify {

class LiteralScanner {
 public:
  explicit LiteralScanner(const std::vector<std::string_view>& literals);

  // present[i]: literals[i] occurs in `text`. Empty literals never occur.
  std::vector<bool> present(std::string_view text) const;

  std::size_t size() const { return literal_count_; }

 private:
  std::size_t literal_count_ = 0;
  std::uint32_t classes_ = 1;
  std::uint8_t class_of_[256] = {};
  std::vector<std::uint16_t> next_;          // [node * classes_ + class]: at most 65,536 nodes
  std::vector<std::uint32_t> output_begin_;  // per node + 1: into outputs_
  std::vector<std::uint32_t> outputs_;       // literals ending at a node, suffixes included
};

}  // namespace oblige::identify
