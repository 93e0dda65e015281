#include "tools/pattern_words.h"

namespace oblige::tools {

std::string pattern_words(std::string_view p) {
  std::string out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      const char e = p[++i];
      if ((e == 'p' || e == 'P') && i + 1 < p.size() && p[i + 1] == '{') {
        while (i < p.size() && p[i] != '}') ++i;  // \p{Han}
        out += ' ';
      } else if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) {
        out += ' ';  // \d \s \w \b
      } else {
        out += e;  // \. \( \$
      }
    } else if (c == '[') {
      while (i < p.size() && p[i] != ']') ++i;  // a character class: no word
      out += ' ';
    } else if (c == '{') {
      while (i < p.size() && p[i] != '}') ++i;  // {0,12}
    } else if (c == '(' && i + 2 < p.size() && p[i + 1] == '?' && p[i + 2] == ':') {
      i += 2;
      out += ' ';
    } else if (c == '(' || c == ')' || c == '|' || c == '^' || c == '$') {
      out += ' ';
    } else if (c == '?' || c == '*' || c == '+') {
      // quantifiers: "laws?" keeps "law"
    } else if (c == '.') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace oblige::tools
