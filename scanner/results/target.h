// Target: everything one scanned path (or one audited model revision) gave,
// as evidence: its files, the walk's problems, its model folders with the
// licenses that govern them and the checks made on them, the commercial-use
// word, and — with a policy — the policy's findings and verdict.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scanner/results/commercial_use.h"
#include "scanner/results/evidence.h"

namespace oblige::results {

// Where a license's terms come from, for one model folder.
enum class TermsSource {
  kText,       // a license text in the folder
  kDeclared,   // the model card's `license:` (the text is not in the folder)
  kInherited,  // the license of a `base_model`
};
const char* source_word(TermsSource source);

// A license whose terms govern a model folder.
struct GoverningLicense {
  std::string signature;
  TermsSource source = TermsSource::kText;
  std::string file;               // text: the license file; declared, inherited: the card
  std::size_t line = 0;           // text: the license's first line; otherwise the card's key
  std::string base_model;         // inherited: the base model's id
  bool resolved_locally = false;  // inherited: found in the scanned folder or cache
                                  // (else inferred from the publisher's name)
  // Declared and inherited: the signature's clauses with a kind, at `line`
  // (clauses the folder's own texts already show are left out). Text: empty,
  // the file's LicenseMatch holds them.
  std::vector<ClauseMatch> clauses;
};

// One check of a model card against its folder, or of a derivative against
// its base. Fields beyond `rule`, `file` and `line` are set where they apply.
struct ModelCheck {
  RuleId rule = RuleId::kCardNoLicense;  // a model-card/* or derivative/* rule
  std::string file;                      // the card (or where it would be)
  std::size_t line = 0;
  std::string folder;                 // the model folder ("" = the root)
  std::vector<std::string> declared;  // the card's license ids
  std::string license;                // the license found (mismatch) or the base's license
  std::string found_in;               // the file holding the found license
  std::string base_model;
  bool resolved_locally = false;
  std::string link;    // license_link
  std::string prefix;  // the required name prefix
  std::string model_name;
  std::string text;       // the required attribution text
  std::string clause;     // the base license's clause behind the check
  std::string hub_as_of;  // the date of oblige's copy of the Hub's license list
  Judgement judgement;
};

struct ModelResult {
  std::string folder;  // display path ("" for the root)
  std::string card;    // the README's path, or ""
  std::string model_name;
  std::vector<GoverningLicense> licenses;
  std::vector<ModelCheck> checks;
  CommercialUse commercial = CommercialUse::kUnknown;
};

enum class Verdict { kAllowed, kAllowedWithObligations, kNeedsApproval, kNotAllowed };
const char* verdict_word(Verdict verdict);

// One condition of a license judged against the policy.
struct PolicyFinding {
  RuleId rule = RuleId::kPolicyUnknown;  // a policy/* rule
  Level level = Level::kError;
  std::string file;
  Span span;
  std::string license;   // signature id; "" when unknown
  std::string added_to;  // license == "": the license whose added text this is
  std::string clause;
  RuleId basis = RuleId::kLicenseIdentified;  // the rule of the evidence it rests on
  std::string basis_identity;                 // what identifies that evidence (fingerprint)
  std::string pattern, excerpt;
  nlohmann::json parameters = nlohmann::json::object();  // the basis's parameters
  TermsSource source = TermsSource::kText;
  std::string base_model;
  // Facts the message states.
  std::string metric;
  std::int64_t value = 0, threshold = 0;
  std::string contact;
  std::string setting;  // licenses.unknown
  Judgement judgement;  // acknowledged
};

struct PolicyOutcome {
  std::string file;  // the .oblige.yml applied
  std::vector<PolicyFinding> findings;
  Verdict verdict = Verdict::kAllowed;
};

// An audited model revision.
struct ModelIdentity {
  std::string layout;     // hf-cache | modelscope | local-dir | folder
  std::string repo_type;  // model | dataset | space
  std::string repo_id;
  std::string revision;
  std::vector<std::string> refs;
  std::string path;  // logical path, relative to the audited root
  // Its place in the cache's audit order (counting every model, in every
  // shard), so that the outputs of sharded audits merge back into that order.
  std::size_t order = 0;
};

struct TargetResult {
  std::string target;  // as given (audit: the cache root)
  std::size_t files_seen = 0;
  std::vector<FileResult> files;  // sorted by path
  std::vector<Problem> problems;  // the walk's, with paths
  std::vector<ModelResult> models;
  CommercialUse commercial = CommercialUse::kUnknown;
  std::optional<PolicyOutcome> policy;
  std::optional<ModelIdentity> model;  // audit only
};

}  // namespace oblige::results
