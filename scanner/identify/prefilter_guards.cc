#include "scanner/identify/prefilter_guards.h"

namespace oblige::identify {

bool defeats_guards(std::string_view text) {
  // U+212A KELVIN SIGN (k), U+017F LATIN SMALL LETTER LONG S (s), U+0130
  // LATIN CAPITAL LETTER I WITH DOT ABOVE (i), in UTF-8.
  return text.find("\xE2\x84\xAA") != std::string_view::npos ||
         text.find("\xC5\xBF") != std::string_view::npos ||
         text.find("\xC4\xB0") != std::string_view::npos;
}

}  // namespace oblige::identify
