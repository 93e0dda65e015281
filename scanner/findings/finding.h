// Finding: one thing oblige tells the user, with the evidence behind it.
//
// Every stage that has something to say (a file it could not read, a license
// it identified, an obligation a clause creates) says it as a Finding. The
// reporters only read Findings; they know nothing of how they were made.
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace oblige::findings {

// Ordered: a higher level is more severe. kNone is for "never report".
enum class Level { kNone = 0, kNote = 1, kWarning = 2, kError = 3 };

const char* level_name(Level level);
// Parses "none", "note", "warning", "error". Returns false otherwise.
bool parse_level(const std::string& name, Level* level);

struct Location {
  std::string path;              // relative to the scanned target, '/' separators
  std::size_t start_line = 0;    // 1-based; 0 when the finding is about the whole file
  std::size_t end_line = 0;
  std::size_t start_column = 0;  // 1-based code points; 0 when unknown
  std::size_t end_column = 0;
};

struct Finding {
  std::string rule_id;           // stable, see rules.h
  Level level = Level::kNote;
  std::string message;           // a sentence a person understands
  Location location;
  std::string license_id;        // the license the finding is about, if any
  std::string clause_id;         // the signature clause that produced it, if any
  std::string pattern;           // the clause pattern that matched, if any
  std::string excerpt;           // the matched text, as written in the file
  nlohmann::json parameters = nlohmann::json::object();
  std::string fingerprint;       // stable across line moves (see fingerprint.h)
};

}  // namespace oblige::findings
