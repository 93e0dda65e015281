// The transformations real repositories apply to license texts (re-wrapping,
// CRLF, BOMs, UTF-16, Markdown headings, a copyright line on top, a README
// License section), for the corpus tests: a signature must recognise the
// same text in each of these forms. Header-only, shared by the corpus tests.
#pragma once

#include <string>
#include <vector>

#include "scanner/text/decode.h"
#include "scanner/text/pdf_text.h"
#include "support.h"

namespace oblige::testing {

// A corpus file's text as UTF-8 (PDFs through the same extraction oblige uses).
inline std::string license_text_of(const std::string& path) {
  const std::string bytes = read_file(path);
  if (text::looks_like_pdf(bytes)) return text::extract_pdf_text(bytes).utf8;
  return text::decode(bytes).utf8;
}

// Re-wraps at 50 columns; runs of Chinese text are broken every 37 code
// points, as PDF extraction does.
inline std::string rewrap(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(word);
  std::string out, line;
  for (const std::string& w : words) {
    std::vector<std::string> pieces;
    std::size_t start = 0, cps = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if ((static_cast<unsigned char>(w[i]) & 0xC0) != 0x80 && ++cps > 37) {
        pieces.push_back(w.substr(start, i - start));
        start = i;
        cps = 1;
      }
    }
    pieces.push_back(w.substr(start));
    for (std::size_t p = 0; p < pieces.size(); ++p) {
      if (!line.empty() && (line.size() + pieces[p].size() > 50 || p > 0)) {
        out += line + "\n";
        line.clear();
      }
      line += (line.empty() ? "" : " ") + pieces[p];
    }
  }
  return out + line + "\n";
}

inline std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n')
      out += "\r\n";
    else
      out += c;
  }
  return out;
}

inline std::string utf16le_with_bom(const std::string& utf8) {
  std::string out = "\xFF\xFE";
  for (std::size_t pos = 0; pos < utf8.size();) {
    char32_t cp = text::next_code_point(utf8, pos);
    auto put = [&](char16_t u) {
      out.push_back(static_cast<char>(u & 0xFF));
      out.push_back(static_cast<char>(u >> 8));
    };
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(static_cast<char16_t>(0xD800 + (cp >> 10)));
      put(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      put(static_cast<char16_t>(cp));
    }
  }
  return out;
}

// Numbered section lines ("3. Redistribution") become Markdown headings, and
// the first line a title.
inline std::string markdown_headings(const std::string& text) {
  std::string out = "# ";
  bool line_start = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (line_start && i + 1 < text.size() && text[i] >= '1' && text[i] <= '9' &&
        (text[i + 1] == '.' || (text[i + 1] >= '0' && text[i + 1] <= '9')))
      out += "## ";
    out += text[i];
    line_start = text[i] == '\n';
  }
  return out;
}

struct Transform {
  const char* name;
  const char* file_name;
  std::string (*apply)(const std::string&);
};

inline const Transform kTransforms[] = {
    {"re-wrapped", "LICENSE", rewrap},
    {"CRLF line ends", "LICENSE", crlf},
    {"UTF-8 BOM", "LICENSE", [](const std::string& t) { return "\xEF\xBB\xBF" + t; }},
    {"UTF-16LE with BOM", "LICENSE", utf16le_with_bom},
    {"Markdown headings", "LICENSE.md", markdown_headings},
    {"copyright line on top", "LICENSE",
     [](const std::string& t) {
       return "Copyright (c) 2024 Example Labs. All rights reserved.\n\n" + t;
     }},
    {"pasted into a README License section", "README.md",
     [](const std::string& t) {
       return "---\nlicense: other\n---\n# Example model\n\nAn example.\n\n## Usage\n\nRun it.\n\n"
              "## License\n\n" +
              t + "\n";
     }},
};

}  // namespace oblige::testing
