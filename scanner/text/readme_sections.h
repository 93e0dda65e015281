// README sections: in a model card only the YAML front matter and the
// License section speak about the license. license_sections() keeps those
// lines of the text and blanks every other line with spaces, so byte offsets
// and line numbers stay those of the original file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace oblige::text {

struct FrontMatterBlock {
  bool present = false;
  std::size_t first_line = 0;    // 1-based line of the YAML's first line (after ---)
  std::size_t closing_line = 0;  // 1-based line of the closing ---
  std::string yaml;              // the YAML between the --- lines
};

// The front matter as the Hugging Face Hub finds it: a block between "---"
// lines at the very start of the file.
FrontMatterBlock find_front_matter(std::string_view text);

// True when the text's first non-blank line opens a front matter ("---"),
// closed or not.
bool opens_front_matter(std::string_view text);

// The text with everything but license sections blanked out.
std::string license_sections(std::string_view text);

}  // namespace oblige::text
