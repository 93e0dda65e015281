#include "scanner/identify/literal_scanner.h"

#include <stdexcept>

namespace oblige::identify {

LiteralScanner::LiteralScanner(const std::vector<std::string_view>& literals)
    : literal_count_(literals.size()) {
  for (std::string_view l : literals)
    for (char c : l) {
      std::uint8_t& cls = class_of_[static_cast<unsigned char>(c)];
      if (cls == 0) {
        if (classes_ == 256) throw std::length_error("LiteralScanner: too many byte classes");
        cls = static_cast<std::uint8_t>(classes_++);
      }
    }
  // The trie, in the table itself: 0 in a row means "no child" until the
  // failure links fill it (node 0, the root, is never a child).
  next_.assign(classes_, 0);
  std::vector<std::vector<std::uint32_t>> ending(1);
  for (std::uint32_t i = 0; i < literals.size(); ++i) {
    if (literals[i].empty()) continue;
    std::uint32_t node = 0;
    for (char c : literals[i]) {
      const std::size_t cell = node * classes_ + class_of_[static_cast<unsigned char>(c)];
      if (next_[cell] == 0) {
        if (ending.size() > 0xFFFF) throw std::length_error("LiteralScanner: too many nodes");
        next_[cell] = static_cast<std::uint16_t>(ending.size());
        ending.emplace_back();
        next_.resize(next_.size() + classes_, 0);
      }
      node = next_[cell];
    }
    ending[node].push_back(i);
  }
  // Breadth first: a node's failure target is finished before the node.
  const std::size_t nodes = ending.size();
  std::vector<std::uint32_t> fail(nodes, 0), queue;
  for (std::uint32_t c = 0; c < classes_; ++c)
    if (next_[c] != 0) queue.push_back(next_[c]);
  for (std::size_t k = 0; k < queue.size(); ++k) {
    const std::uint32_t node = queue[k];
    for (std::uint32_t o : ending[fail[node]]) ending[node].push_back(o);
    for (std::uint32_t c = 0; c < classes_; ++c) {
      std::uint16_t& cell = next_[node * classes_ + c];
      const std::uint16_t via_fail = next_[fail[node] * classes_ + c];
      if (cell == 0) {
        cell = via_fail;
      } else {
        fail[cell] = via_fail;
        queue.push_back(cell);
      }
    }
  }
  output_begin_.assign(nodes + 1, 0);
  for (std::size_t n = 0; n < nodes; ++n) {
    output_begin_[n] = static_cast<std::uint32_t>(outputs_.size());
    outputs_.insert(outputs_.end(), ending[n].begin(), ending[n].end());
  }
  output_begin_[nodes] = static_cast<std::uint32_t>(outputs_.size());
}

std::vector<bool> LiteralScanner::present(std::string_view text) const {
  std::vector<bool> out(literal_count_, false);
  if (outputs_.empty()) return out;
  std::uint32_t node = 0;
  for (char c : text) {
    node = next_[node * classes_ + class_of_[static_cast<unsigned char>(c)]];
    for (std::uint32_t o = output_begin_[node]; o < output_begin_[node + 1]; ++o)
      out[outputs_[o]] = true;
  }
  return out;
}

}  // namespace oblige::identify
