// LiteralScanner: which of a fixed set of short strings occur in a text, in
// one pass (Aho-Corasick, as a table). It runs the prefilter guards
// (prefilter_guards.h): about 1,600 windows of at most 16 bytes, a trie of
// some 15,000 nodes.
//
// Bytes that occur in no literal share one class; the transition table has
// a row per node and a column per class, failure links resolved, so a text
// costs one lookup per byte. Nodes are numbered breadth first, so the rows
// a text visits most (the shallow ones) sit together. Each lookup waits for
// the one before, so a text of 256 bytes or more is scanned as four
// interleaved streams (each starting early by the longest literal's length,
// so nothing across a seam is missed): four chains of lookups in flight
// instead of one.
//
// The tables are plain arrays (LiteralTables): the build generates those of
// the guards (tools/compile_guards.cc), so a run builds nothing — building
// them took about 1 ms and a megabyte of freshly zeroed pages per run.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace oblige::identify {

// Set in a `next` entry when literals end at the node it leads to.
constexpr std::uint16_t kHasOutputs = 0x8000;

struct LiteralTables {
  std::uint32_t literal_count = 0;
  std::uint32_t classes = 1;
  std::uint32_t longest = 0;                    // bytes of the longest literal
  std::span<const std::uint8_t> class_of;       // [byte]: 256 entries
  // [node * classes + class]: the next node (at most 32,768), | kHasOutputs
  std::span<const std::uint16_t> next;
  std::span<const std::uint32_t> output_begin;  // per node + 1: into outputs
  std::span<const std::uint32_t> outputs;       // literals ending at a node, suffixes included
};

class LiteralScanner {
 public:
  // Builds the automaton for `literals`.
  explicit LiteralScanner(const std::vector<std::string_view>& literals);
  // Runs tables built before (the embedded ones); they must outlive it.
  explicit LiteralScanner(const LiteralTables& tables) : t_(tables) {}
  LiteralScanner(const LiteralScanner&) = delete;
  LiteralScanner& operator=(const LiteralScanner&) = delete;

  // present[i]: literals[i] occurs in `text`. Empty literals never occur.
  std::vector<bool> present(std::string_view text) const;
  // Sets (*marks)[number_of[i]] for every literal i that occurs in `text`:
  // the guards' atoms are numbered across two scanners. `number_of` has
  // size() entries, each below marks->size().
  void mark_present(std::string_view text, std::span<const std::uint32_t> number_of,
                    std::vector<bool>* marks) const;

  std::size_t size() const { return t_.literal_count; }
  const LiteralTables& tables() const { return t_; }

 private:
  void scan(std::string_view text, const std::uint32_t* number_of,
            std::vector<bool>* marks) const;

  LiteralTables t_;
  // What a built scanner owns (t_ points into it).
  std::array<std::uint8_t, 256> class_of_{};
  std::vector<std::uint16_t> next_;
  std::vector<std::uint32_t> output_begin_, outputs_;
};

}  // namespace oblige::identify
