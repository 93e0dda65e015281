// Level: how much a finding matters, from "never report" to "error".
//
// Levels are ordered: a higher level is more severe. `--fail-on`, the policy's
// `rules:` table and SARIF's `level` all use these four words.
#pragma once

#include <string_view>

namespace oblige::results {

enum class Level { kNone = 0, kNote = 1, kWarning = 2, kError = 3 };

const char* level_name(Level level);
// Parses "none", "note", "warning", "error". Returns false otherwise.
bool parse_level(std::string_view name, Level* level);

}  // namespace oblige::results
