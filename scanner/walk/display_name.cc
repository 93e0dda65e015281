#include "scanner/walk/display_name.h"

#include <algorithm>

#include "scanner/text/decode.h"

namespace oblige::walk {

std::string display_name(std::string_view name) {
  // Most names are printable ASCII: nothing to escape.
  if (std::all_of(name.begin(), name.end(), [](char c) { return c >= 0x20 && c < 0x7F; }))
    return std::string(name);
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (std::size_t pos = 0; pos < name.size();) {
    const std::size_t start = pos;
    const char32_t cp = text::next_code_point(name, pos);
    const bool invalid = cp == 0xFFFD && name.compare(start, 3, "\xEF\xBF\xBD") != 0;
    // Controls, and the bidi controls that make "exe.txt" look like "txt.exe".
    const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    if (invalid || bidi || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
      const auto byte = static_cast<unsigned char>(name[start]);
      out += {'%', hex[byte >> 4], hex[byte & 15]};
      pos = start + 1;
    } else {
      out.append(name, start, pos - start);
    }
  }
  return out;
}

std::string display_path(std::string_view path) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    out += display_name(path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) return out;
    out += '/';
    start = slash + 1;
  }
}

}  // namespace oblige::walk
