#include "scanner/results/level.h"

namespace oblige::results {

const char* level_name(Level level) {
  switch (level) {
    case Level::kNone:
      return "none";
    case Level::kNote:
      return "note";
    case Level::kWarning:
      return "warning";
    case Level::kError:
      return "error";
  }
  return "none";
}

bool parse_level(std::string_view name, Level* level) {
  for (Level l : {Level::kNone, Level::kNote, Level::kWarning, Level::kError}) {
    if (name == level_name(l)) {
      *level = l;
      return true;
    }
  }
  return false;
}

}  // namespace oblige::results
