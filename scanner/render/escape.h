// Escaping what came from the scanned tree. Model ids, card values, file
// names, link targets and excerpts can hold terminal escapes (ESC, OSC 52
// writes the clipboard), bidi overrides, or a newline that starts a line a CI
// log runs as a command (`::error file=…::`). Every such string passes here
// before it reaches any output: control characters become visible escapes.
#pragma once

#include <string>
#include <string_view>

namespace oblige::render {

// C0 and C1 controls, DEL, and the bidi controls (U+202A-U+202E,
// U+2066-U+2069) become \xHH or \u{HHHH}; invalid UTF-8 bytes become \xHH;
// a backslash stays itself. Everything else is kept.
std::string escape_control(std::string_view s);

}  // namespace oblige::render
