#include "scanner/text/line_index.h"

#include <algorithm>

namespace oblige::text {

LineIndex::LineIndex(std::string_view text) : text_(text) {
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

std::size_t LineIndex::column_of(std::size_t offset) const {
  const std::size_t start = starts_[line_of(offset) - 1];
  std::size_t column = 1;
  for (std::size_t i = start; i < offset && i < text_.size(); ++i) {
    // Count lead bytes only: continuation bytes belong to the same code point.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

std::string_view LineIndex::line_text(std::size_t line) const {
  const std::size_t start = starts_.at(line - 1);
  std::size_t end = line < starts_.size() ? starts_[line] : text_.size();
  while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return text_.substr(start, end - start);
}

}  // namespace oblige::text
