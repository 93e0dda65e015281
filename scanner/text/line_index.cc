#include "scanner/text/line_index.h"

#include <algorithm>

namespace oblige::text {
namespace {

// A lead byte starts a code point; continuation bytes belong to the one before.
bool is_lead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  block_code_points_.reserve(text.size() / kBlock + 1);
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) block_code_points_.push_back(count);
    count += is_lead(text[i]);
  }
  // The end of the text has its own entry when it falls on a boundary.
  if (text.size() % kBlock == 0) block_code_points_.push_back(count);
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      starts_.push_back(i + 1);
    } else if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      starts_.push_back(i + 1);
    }
  }
}

std::size_t LineIndex::line_of(std::size_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<std::size_t>(it - starts_.begin());
}

std::size_t LineIndex::code_points_before(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const std::size_t block = offset / kBlock;
  std::size_t n = block_code_points_[block];
  for (std::size_t i = block * kBlock; i < offset; ++i) n += is_lead(text_[i]);
  return n;
}

std::size_t LineIndex::column_of(std::size_t offset) const {
  const std::size_t start = starts_[line_of(offset) - 1];
  if (offset <= start) return 1;
  return code_points_before(offset) - code_points_before(start) + 1;
}

std::string_view LineIndex::line_text(std::size_t line) const {
  const std::size_t start = starts_.at(line - 1);
  std::size_t end = line < starts_.size() ? starts_[line] : text_.size();
  while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return text_.substr(start, end - start);
}

}  // namespace oblige::text
