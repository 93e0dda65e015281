// LineIndex: maps byte offsets in a decoded text to 1-based line and column
// numbers, so every finding can point at a real line of the original file.
//
// Lines end at "\n", "\r\n" or a lone "\r". Columns count Unicode code points
// from the start of the line, starting at 1 (SARIF's "unicodeCodePoints").
// A column costs at most one block of counting, however long the line: a
// license written on one 2 MB line with thousands of findings was quadratic.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace oblige::text {

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  // 1-based line holding byte `offset`. Offsets past the end give the last line.
  std::size_t line_of(std::size_t offset) const;
  // 1-based column of byte `offset` within its line, in code points.
  std::size_t column_of(std::size_t offset) const;
  std::size_t line_count() const { return starts_.size(); }
  // Byte offset where 1-based `line` starts, and the text of that line.
  std::size_t line_start(std::size_t line) const { return starts_.at(line - 1); }
  std::string_view line_text(std::size_t line) const;

 private:
  static constexpr std::size_t kBlock = 1024;
  // Code points in text_[0, offset).
  std::size_t code_points_before(std::size_t offset) const;

  std::string_view text_;
  std::vector<std::size_t> starts_;
  std::vector<std::size_t> block_code_points_;  // code points before each kBlock boundary
};

}  // namespace oblige::text
