#include "scanner/identify/literal_scanner.h"

#include <algorithm>
#include <stdexcept>

namespace oblige::identify {

namespace {

// Interleaved streams of a text (present()), each at least this long.
constexpr std::size_t kStreams = 4;
constexpr std::size_t kShortestChunk = 64;

// The trie of `literals` over byte classes: children[node][class] (0: none;
// the root is never a child), the literals ending at each node.
struct Trie {
  std::vector<std::vector<std::uint32_t>> children;
  std::vector<std::vector<std::uint32_t>> ending;
};

Trie build_trie(const std::vector<std::string_view>& literals, const std::uint8_t* class_of,
                std::uint32_t classes) {
  Trie t;
  t.children.emplace_back(classes, 0);
  t.ending.emplace_back();
  for (std::uint32_t i = 0; i < literals.size(); ++i) {
    if (literals[i].empty()) continue;
    std::uint32_t node = 0;
    for (char c : literals[i]) {
      const std::uint8_t cls = class_of[static_cast<unsigned char>(c)];
      if (t.children[node][cls] == 0) {
        if (t.children.size() >= kHasOutputs)
          throw std::length_error("LiteralScanner: too many nodes");
        t.children[node][cls] = static_cast<std::uint32_t>(t.children.size());
        t.children.emplace_back(classes, 0);
        t.ending.emplace_back();
      }
      node = t.children[node][cls];
    }
    t.ending[node].push_back(i);
  }
  return t;
}

// The tables as plain pointers, held in locals for the scan's inner loop.
struct Stepper {
  const std::uint8_t* class_of;
  const std::uint16_t* next;
  const std::uint32_t* begin;
  const std::uint32_t* outputs;
  std::uint32_t classes;
  const std::uint32_t* number_of;  // a literal's mark in `out`; none: its own index
  // One byte: the next node, and the literals that end there marked in `out`.
  // Most nodes end none: the flag in the entry saves reading where their
  // outputs begin, a load a byte.
  std::uint32_t step(std::uint32_t node, unsigned char c, std::vector<bool>* out) const {
    const std::uint16_t entry = next[node * classes + class_of[c]];
    node = entry & ~kHasOutputs;
    if (entry & kHasOutputs) [[unlikely]]
      for (std::uint32_t o = begin[node]; o < begin[node + 1]; ++o)
        (*out)[number_of ? number_of[outputs[o]] : outputs[o]] = true;
    return node;
  }
};

}  // namespace

LiteralScanner::LiteralScanner(const std::vector<std::string_view>& literals) {
  std::uint32_t classes = 1, longest = 0;
  for (std::string_view l : literals) {
    longest = std::max(longest, static_cast<std::uint32_t>(l.size()));
    for (char c : l) {
      std::uint8_t& cls = class_of_[static_cast<unsigned char>(c)];
      if (cls == 0) {
        if (classes == 256) throw std::length_error("LiteralScanner: too many byte classes");
        cls = static_cast<std::uint8_t>(classes++);
      }
    }
  }
  Trie trie = build_trie(literals, class_of_.data(), classes);
  // Breadth-first numbering: a node's failure target is numbered (and its
  // row finished) before the node, and shallow rows sit together.
  const std::size_t nodes = trie.children.size();
  std::vector<std::uint32_t> order{0}, number(nodes, 0), fail(nodes, 0);
  for (std::size_t k = 0; k < order.size(); ++k)
    for (std::uint32_t child : trie.children[order[k]])
      if (child != 0) {
        number[child] = static_cast<std::uint32_t>(order.size());
        order.push_back(child);
      }
  next_.assign(nodes * classes, 0);
  for (std::size_t k = 0; k < nodes; ++k) {
    const std::uint32_t node = order[k];
    if (k > 0)
      for (std::uint32_t o : trie.ending[fail[node]]) trie.ending[node].push_back(o);
    for (std::uint32_t c = 0; c < classes; ++c) {
      const std::uint32_t child = trie.children[node][c];
      // The state reached from this node's failure target (already numbered).
      const std::uint16_t via_fail = k == 0 ? 0 : next_[number[fail[node]] * classes + c];
      if (child == 0) {
        next_[k * classes + c] = via_fail;
      } else {
        fail[child] = k == 0 ? 0 : order[via_fail];
        next_[k * classes + c] = static_cast<std::uint16_t>(number[child]);
      }
    }
  }
  output_begin_.assign(nodes + 1, 0);
  for (std::size_t k = 0; k < nodes; ++k) {
    output_begin_[k] = static_cast<std::uint32_t>(outputs_.size());
    const auto& ending = trie.ending[order[k]];
    outputs_.insert(outputs_.end(), ending.begin(), ending.end());
  }
  output_begin_[nodes] = static_cast<std::uint32_t>(outputs_.size());
  for (std::uint16_t& entry : next_)
    if (output_begin_[entry + 1u] > output_begin_[entry]) entry |= kHasOutputs;
  t_ = {static_cast<std::uint32_t>(literals.size()),
        classes,
        longest,
        class_of_,
        next_,
        output_begin_,
        outputs_};
}

std::vector<bool> LiteralScanner::present(std::string_view text) const {
  std::vector<bool> out(t_.literal_count, false);
  scan(text, nullptr, &out);
  return out;
}

void LiteralScanner::mark_present(std::string_view text, std::span<const std::uint32_t> number_of,
                                  std::vector<bool>* marks) const {
  if (number_of.size() != t_.literal_count)
    throw std::invalid_argument("LiteralScanner: a number for each literal");
  for (std::uint32_t n : number_of)
    if (n >= marks->size()) throw std::invalid_argument("LiteralScanner: a number past the marks");
  scan(text, number_of.data(), marks);
}

void LiteralScanner::scan(std::string_view text, const std::uint32_t* number_of,
                          std::vector<bool>* marks) const {
  std::vector<bool>& out = *marks;
  if (t_.outputs.empty()) return;
  const std::size_t overlap = t_.longest > 0 ? t_.longest - 1 : 0;
  const std::size_t chunk = text.size() / kStreams;
  const Stepper s{t_.class_of.data(), t_.next.data(), t_.output_begin.data(),
                  t_.outputs.data(),  t_.classes,     number_of};
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  // Below a few hundred bytes the seams' overlaps would cost more than the
  // streams save (a license is often 1 KB: those were one chain before).
  if (chunk < kShortestChunk || chunk <= overlap) {
    std::uint32_t node = 0;
    for (std::size_t i = 0; i < text.size(); ++i) node = s.step(node, bytes[i], &out);
    return;
  }
  // Stream k covers [k * chunk - overlap, (k + 1) * chunk), the last one to
  // the end: a literal ending in a stream's own part started at most
  // `overlap` bytes before it.
  const unsigned char* p[kStreams];
  std::uint32_t n[kStreams] = {};
  for (std::size_t k = 0; k < kStreams; ++k) p[k] = bytes + (k == 0 ? 0 : k * chunk - overlap);
  for (std::size_t i = 0; i < chunk; ++i) {
    // Unrolled, the streams' nodes stay in registers: a loop over the array
    // kept them in memory, and each step waited on the store of the one
    // before (the scan ran 30 % slower).
#pragma GCC unroll 4
    for (std::size_t k = 0; k < kStreams; ++k) n[k] = s.step(n[k], p[k][i], &out);
  }
  for (std::size_t k = 0; k < kStreams; ++k) {
    const unsigned char* end = k + 1 < kStreams ? bytes + (k + 1) * chunk : bytes + text.size();
    for (const unsigned char* q = p[k] + chunk; q < end; ++q) n[k] = s.step(n[k], *q, &out);
  }
}

}  // namespace oblige::identify
