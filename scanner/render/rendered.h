// Rendered results: what the reporters read. Every decision is made by now —
// rule ids, levels, messages, fingerprints, grouping, whether a finding is
// one to act on — so reporters only lay the words out (the Sink in
// reporters/ is where they meet, as ripgrep's printers meet its searcher).
//
// Every string that came from the scanned tree (paths, card values, model
// ids, excerpts) has passed escape_control().
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scanner/results/level.h"
#include "scanner/results/target.h"

namespace oblige::render {

// How the text report groups a finding.
enum class Group {
  kMust,        // obligations
  kMustNot,     // restrictions and limits
  kGoodToKnow,  // governing law, no warranty, termination on litigation
  kLicense,     // which license a file holds, the card's declaration
  kCard,        // model-card and derivative checks
  kPolicy,      // verdicts against the policy
  kProblem,     // files that could not be read as they should
};

struct Finding {
  std::string rule_id;
  results::Level level = results::Level::kNote;
  std::string message;
  std::string path;  // relative to the target
  std::string uri;   // the same path relative to the working folder (SARIF, messages)
  results::Span span;
  std::string license;  // the license the finding is about, if any
  std::string clause;   // the signature clause that produced it, if any
  std::string pattern;  // the clause pattern that matched, if any
  std::string excerpt;  // the matched text, as written in the file
  nlohmann::json parameters = nlohmann::json::object();
  std::string fingerprint;  // stable across line moves
  Group group = Group::kLicense;
  bool actionable = false;  // errors, warnings and policy verdicts: SARIF's default
  std::string source;       // text | declared | inherited, for obligations
  std::string base_model;   // inherited obligations: the base model
  long block = -1;  // obligations: index into Target::licenses of the license they come from
};

struct MatchedClause {
  std::string id, kind;
  std::size_t line = 0;
};

// A license found in a file, or one that governs a model folder without its
// text being there (declared by the card, inherited from a base model).
struct License {
  std::string id, name, spdx, scancode, version, family, kind;
  std::string commercial_use;  // the results::CommercialUse word
  std::string file;
  std::size_t start_line = 0, end_line = 0;
  std::string status;      // text | altered | reference | declared | inherited
  std::string scope;       // model | third-party
  std::string source;      // text | declared | inherited
  std::string base_model;  // inherited
  double confidence = 0;
  std::vector<MatchedClause> matched;
  std::vector<std::string> missing, ambiguous_with;
};

struct File {
  std::string path, role, encoding;
  bool read = false;
  std::string sha256;  // of the bytes read
};

struct Declared {
  std::string file;
  std::size_t line = 0;
  std::vector<std::string> licenses;
  std::string license_name, license_link;
  std::vector<std::string> base_models;
};

// What governs one model folder, for the report's headline.
struct Governs {
  std::string folder;   // "" = the root
  std::string subject;  // weights | code | data | all
  std::string license;  // id
  std::string name;
  std::string source;  // text | declared | inherited
  std::string where;   // the file (and line) it rests on
};

struct Counts {
  std::size_t error = 0, warning = 0, note = 0;
  void add(results::Level level);
};

struct Target {
  std::string target;  // as given
  std::size_t files_seen = 0;
  std::vector<File> files;
  std::vector<Declared> declared;
  std::vector<License> licenses;
  std::vector<Finding> findings;  // sorted by path, line, column, rule
  std::vector<Governs> governs;
  std::string commercial_use;  // the target's word
  // For the audit's row: the licenses whose text is here, the card's ids
  // (license_name in place of `other`), and the main obligations in a few
  // words each ("commercial-threshold 700000000 monthly_active_users").
  std::vector<std::string> detected_licenses, declared_licenses, main_obligations;
  std::string policy_file;  // with a policy
  std::string verdict;      // with a policy: allowed | allowed with obligations | ...
  Counts counts;
  std::optional<results::ModelIdentity> model;  // audit: the model revision
};

}  // namespace oblige::render
