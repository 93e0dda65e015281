// Evidence: what each stage found, as types, before anything is put into
// words.
//
// The walker, the file scan, the model checks, the audit and the policy
// produce and consume only these. Nothing here is a sentence: a rule is a
// RuleId, a license a signature id, a place a path and a line span. The
// render step (scanner/render/) turns evidence into findings with rule ids,
// levels, messages and fingerprints, just before the reporters.
//
// A FileResult holds no path of its own until it is placed in a target
// (FileResult::path): the file cache keeps path-free evidence, so a blob
// that several snapshots link to is scanned once and reported at each
// logical path.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scanner/results/level.h"
#include "scanner/results/rule.h"

namespace oblige::results {

// A range of lines (1-based; 0 = the whole file) and columns (1-based code
// points; 0 = unknown).
struct Span {
  std::size_t start_line = 0, start_column = 0, end_line = 0, end_column = 0;
  static Span line(std::size_t n) { return {n, 0, n, 0}; }
};

// What the policy decided about one piece of evidence. Empty: nothing.
struct Judgement {
  std::optional<Level> level;  // the level the policy sets (rules:, a condition met)
  std::string acknowledged;    // the reason given in the policy's acknowledged list
  std::size_t acknowledged_line = 0;
  std::string satisfied;  // why the policy judges the condition met, in data terms
  bool empty() const { return !level && acknowledged.empty() && satisfied.empty(); }
};

// One clause of a signature, found in a text (or implied by a declared or
// inherited license: then `span` is the model card's line and `pattern` is
// empty).
struct ClauseMatch {
  std::string signature;  // the signature id; "" for the generic detectors
  std::string version;    // the signature's version (one id may have several)
  std::string clause;     // the clause id within the signature
  ClauseKind kind = ClauseKind::kNone;
  std::optional<Level> level;  // the signature's own level for this clause
  Span span;
  std::string pattern;  // the pattern that matched
  std::string excerpt;  // the matched words as written, one line, at most ~200 bytes
  std::string matched;  // the matched words, normalized (the finding's identity)
  nlohmann::json parameters = nlohmann::json::object();  // resolved: captures filled in
  Judgement judgement;
};

enum class MatchStatus { kText, kAltered, kReference };
const char* status_word(MatchStatus status);

// "model": the terms of what is scanned; "third-party": a bundled
// component's license reproduced in a NOTICE file.
enum class Scope { kModel, kThirdParty };
const char* scope_word(Scope scope);

// A license found in a file: its text, an altered text, or a reference.
struct LicenseMatch {
  std::string signature;  // signature id
  std::string version;    // the signature's version; "" for a reference
  MatchStatus status = MatchStatus::kText;
  Scope scope = Scope::kModel;
  Span span;
  double confidence = 0;                    // share of the signature's clauses found
  std::string excerpt;                      // the license's first words as written
  std::string matched;                      // the same, normalized
  std::vector<ClauseMatch> clauses;         // every clause found (kinds create obligations)
  std::vector<std::string> missing;         // clause ids expected but not found
  std::vector<std::string> ambiguous_with;  // signature ids that fit equally
  Judgement judgement;

  // The text of a license the scanned model is under (not a reference, not a
  // third party's license in a NOTICE).
  bool is_text() const { return status != MatchStatus::kReference; }
  // Whether its clauses are the model's obligations.
  bool binds_model() const { return scope == Scope::kModel && is_text(); }
};

// A file that could not be read as it should, or an entry the walk skipped.
struct Problem {
  RuleId rule = RuleId::kUnreadable;  // a scan/* rule
  std::string path;                   // empty inside a FileResult: the file's own path
  std::string detail;  // the cause in data terms (an errno text, a size, a link target)
  std::size_t line = 0;
  Judgement judgement;
};

// What a model card's YAML front matter declares.
struct Declaration {
  std::size_t line = 0;  // of the `license` key
  std::vector<std::string> licenses;
  std::string license_name;
  std::string license_link;
  std::vector<std::string> base_models;
  std::size_t base_model_line = 0;
  std::string base_model_relation;
  bool gated = false;
};

enum class FileRole { kLicense, kNotice, kPolicy, kReadme };
const char* role_word(FileRole role);

// One candidate file and everything read from it.
struct FileResult {
  std::string path;  // relative to the target, '/'-separated; set when placed
  FileRole role = FileRole::kLicense;
  std::string encoding;  // utf-8, gb18030, pdf, ... empty when not read
  bool read = false;
  std::string sha256;  // of the bytes read (read only)
  bool empty = false;  // read, and no words in it
  std::vector<Problem> problems;
  std::optional<Declaration> declaration;  // README front matter
  Judgement declaration_judgement;
  std::vector<LicenseMatch> licenses;
  // A license file no signature recognised; `terms` are the generic
  // detectors' findings in it (or in a card's License section).
  bool unrecognized = false;
  Judgement unrecognized_judgement;
  std::vector<ClauseMatch> terms;
  // The whole normalized text of README and NOTICE files, for the model
  // checks (is "Built with Llama" there?). Never reported.
  std::string normalized_text;
};

}  // namespace oblige::results
