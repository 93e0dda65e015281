// Display names: file names are bytes, reports need text. display_name()
// keeps valid UTF-8 without control characters (C0, C1, DEL, the bidi
// controls U+202A-U+202E and U+2066-U+2069) as it is and shows every
// other byte as %XX (so terminal escapes, newlines and invalid UTF-8 in a
// name never reach a report raw); display_path() does so for each component
// of a '/'-separated path.
#pragma once

#include <string>
#include <string_view>

namespace oblige::walk {

std::string display_name(std::string_view name);
std::string display_path(std::string_view path);

}  // namespace oblige::walk
