// Signature: what oblige knows about one license, as loaded from a
// signatures/*.yaml file (the schema is in signatures/README.md).
//
// A signature is plain data. Patterns are RE2 regular expressions written
// against normalized text (see text/normalize.h): lower case, single spaces,
// straight quotes, no spaces between Chinese characters.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scanner/results/commercial_use.h"
#include "scanner/results/rule.h"

namespace oblige::signatures {

struct Clause {
  std::string id;       // unique within the signature
  std::string kind;     // obligation/restriction vocabulary word; empty = identifying text only
  std::string summary;  // what the clause means for the user, one sentence
  std::vector<std::string> patterns;  // any one matching means the clause is present
  nlohmann::json parameters = nlohmann::json::object();
  std::string level;            // optional override of the kind's default level
  bool optional = false;        // not counted as missing when absent
  bool agreement_only = false;  // only the full agreement has it, never the model card

  // Typed forms of `kind` and `level`, set by the loader.
  results::ClauseKind type = results::ClauseKind::kNone;
  std::optional<results::Level> level_override;
};

struct Signature {
  std::string file;  // where it was loaded from, for messages
  std::string id;    // what users see, e.g. "tongyi-qianwen-2023"
  std::string name;
  std::string family;  // versions of one license share a family
  std::string version;
  std::string kind = "license";  // license | acceptable-use-policy | notice | generic
  std::string spdx;              // SPDX id or LicenseRef-...
  std::string scancode;          // ScanCode LicenseDB key, if any
  std::string url;
  std::string publisher;
  std::string commercial;  // allowed | conditional | requires-approval | not-allowed | unknown
  std::vector<std::string> aliases;     // other names, Hugging Face ids
  std::vector<std::string> anchors;     // any one found makes the text a candidate
  std::vector<std::string> require;     // all must be found
  std::vector<std::string> reject;      // none may be found
  std::vector<std::string> references;  // phrases that only point at the license
  std::vector<Clause> clauses;
  double min_confidence = 0.5;  // below this share of clauses, only a reference
  bool generic = false;         // generic detectors: run on unrecognized license files
  // "model-card": the signature recognises what a model card states. Outside
  // a README such words are a quotation (a survey, a blog post), so there the
  // text holds the license only if an agreement_only clause is found too.
  std::string statement;

  // What the license says of commercial use, decided from its clauses by
  // obligations::decide_commercial_use() when the set is finalized; the
  // `commercial` word above is the author's statement of it, and the tests
  // hold the two equal.
  results::CommercialUse commercial_use = results::CommercialUse::kUnknown;

  std::size_t counted_clauses() const;  // clauses that are not optional
};

}  // namespace oblige::signatures
