#include "scanner/findings/finding.h"

namespace oblige::findings {

const char* level_name(Level level) {
  switch (level) {
    case Level::kNone: return "none";
    case Level::kNote: return "note";
    case Level::kWarning: return "warning";
    case Level::kError: return "error";
  }
  return "none";
}

bool parse_level(const std::string& name, Level* level) {
  if (name == "none") *level = Level::kNone;
  else if (name == "note") *level = Level::kNote;
  else if (name == "warning") *level = Level::kWarning;
  else if (name == "error") *level = Level::kError;
  else return false;
  return true;
}

}  // namespace oblige::findings
