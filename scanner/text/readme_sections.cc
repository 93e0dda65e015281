#include "scanner/text/readme_sections.h"

#include <re2/re2.h>

#include <vector>

namespace oblige::text {
namespace {

struct Line {
  std::size_t begin, end;  // without the line break
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      std::size_t end = i;
      if (end > start && text[end - 1] == '\r') --end;
      lines.push_back({start, end});
      start = i + 1;
    }
  }
  return lines;
}

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line == "---";
}

// Level of an ATX heading ("## License" is 2), or 0.
int heading_level(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  int level = 0;
  while (i < line.size() && line[i] == '#') ++level, ++i;
  if (level == 0 || level > 6 || (i < line.size() && line[i] != ' ' && line[i] != '\t')) return 0;
  return level;
}

// A setext underline ("=====" gives level 1, "-----" level 2), or 0.
int setext_level(std::string_view line) {
  if (line.size() < 3) return 0;
  const char c = line[0];
  if (c != '=' && c != '-') return 0;
  for (char x : line)
    if (x != c && x != ' ') return 0;
  return c == '=' ? 1 : 2;
}

bool is_license_title(std::string_view title) {
  static const RE2 kTitle(
      R"((?i)(licen[cs]|许可|协议|協議|声明|聲明|免责|使用条款|terms of use|terms and conditions|disclaimer|agreement|usage policy|use policy|commercial))");
  return RE2::PartialMatch(re2::StringPiece(title.data(), title.size()), kTitle);
}

}  // namespace

bool opens_front_matter(std::string_view text) {
  for (const Line& line : split_lines(text))
    if (line.begin != line.end) return is_fence(text.substr(line.begin, line.end - line.begin));
  return false;
}

FrontMatterBlock find_front_matter(std::string_view text) {
  FrontMatterBlock block;
  const std::vector<Line> lines = split_lines(text);
  std::size_t first = 0;
  // The Hub's rule allows leading whitespace before the opening fence.
  while (first < lines.size() && lines[first].begin == lines[first].end) ++first;
  if (first >= lines.size()) return block;
  if (!is_fence(text.substr(lines[first].begin, lines[first].end - lines[first].begin)))
    return block;
  for (std::size_t i = first + 1; i < lines.size(); ++i) {
    if (is_fence(text.substr(lines[i].begin, lines[i].end - lines[i].begin))) {
      block.present = true;
      block.first_line = first + 2;
      block.closing_line = i + 1;
      const std::size_t begin = lines[first + 1 < i ? first + 1 : i].begin;
      block.yaml = std::string(text.substr(begin, lines[i].begin - begin));
      return block;
    }
  }
  return block;
}

std::string license_sections(std::string_view text) {
  std::string out(text);
  const std::vector<Line> lines = split_lines(text);
  std::vector<bool> keep(lines.size(), false);
  int open_level = 0;  // level of the license heading we are under, 0 if none
  std::size_t i = 0;
  const FrontMatterBlock fm = find_front_matter(text);
  // Front matter is read by the model-card parser, not as license prose.
  if (fm.present) i = fm.closing_line;
  bool in_code = false;
  for (; i < lines.size(); ++i) {
    const std::string_view line = text.substr(lines[i].begin, lines[i].end - lines[i].begin);
    if (line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~") in_code = !in_code;
    int level = in_code ? 0 : heading_level(line);
    std::string_view title = line;
    if (level == 0 && !in_code && i + 1 < lines.size()) {
      const std::string_view next =
          text.substr(lines[i + 1].begin, lines[i + 1].end - lines[i + 1].begin);
      if (!line.empty() && setext_level(next)) level = setext_level(next);
    }
    if (level > 0) {
      if (open_level > 0 && level <= open_level) open_level = 0;
      if (open_level == 0 && is_license_title(title)) open_level = level;
    }
    keep[i] = open_level > 0;
  }
  for (std::size_t l = 0; l < lines.size(); ++l) {
    if (keep[l]) continue;
    for (std::size_t b = lines[l].begin; b < lines[l].end; ++b) out[b] = ' ';
  }
  return out;
}

}  // namespace oblige::text
