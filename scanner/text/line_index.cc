#include "scanner/text/line_index.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace oblige::text {
namespace {

// A lead byte starts a code point; continuation bytes (10xxxxxx) belong to
// the one before. Eight bytes at a time: this runs over every text scanned.
std::size_t lead_bytes(std::string_view s) {
  constexpr std::uint64_t kHigh = 0x8080808080808080u;
  std::size_t continuations = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, sizeof w);
    // One bit per continuation byte, at its top; the eight counted by a
    // multiply (std::popcount is a library call on the baseline x86-64 the
    // packages target, 1 % of a scan).
    const std::uint64_t marks = (w & ~(w << 1) & kHigh) >> 7;
    continuations += static_cast<std::size_t>((marks * 0x0101010101010101u) >> 56);
  }
  for (; i < s.size(); ++i) continuations += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return s.size() - continuations;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  block_code_points_.reserve(text.size() / kBlock + 1);
  std::size_t count = 0;
  for (std::size_t at = 0; at < text.size(); at += kBlock) {
    block_code_points_.push_back(count);
    count += lead_bytes(text.substr(at, kBlock));
  }
  // The end of the text has its own entry when it falls on a boundary.
  if (text.size() % kBlock == 0) block_code_points_.push_back(count);
  starts_.push_back(0);
  if (text.find('\r') == std::string_view::npos) {
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
      starts_.push_back(i + 1);
    return;
  }
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
  return block_code_points_[block] +
         lead_bytes(text_.substr(block * kBlock, offset - block * kBlock));
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
