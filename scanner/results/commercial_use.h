// Commercial use: the one vocabulary every command and format uses to say
// whether a license lets you use the model in a product that makes money.
//
//   allowed            no condition on commercial use (Apache-2.0, MIT, Gemma)
//   conditional        allowed within stated limits: a user or revenue
//                      threshold, an excluded kind of licensee (Llama 2 above
//                      700 million MAU, Qwen above 100 million)
//   requires-approval  allowed only after registration, an application or
//                      written approval (Baichuan 2, Yi 1.0, Stability's
//                      community licenses)
//   not-allowed        non-commercial or research-only terms (CC-BY-NC-4.0,
//                      LLaMA 1, vivo BlueLM)
//   unknown            nothing identified says
//
// Words are ordered by how much they restrict; a model under several
// licenses takes the most restrictive word (unknown restricts least: it is
// what remains when nothing is known).
//
// decide_commercial_use() is the one place the word is decided, from the
// kinds of a license's clauses:
//
//   any commercial-registration      requires-approval (the license's
//   (without `applies_to:`)
//                                    non-commercial grant is the free tier;
//                                    approval opens commercial use)
//   else non-commercial/research-only  not-allowed
//   else commercial-threshold, a clause
//   with `excludes:`, or a registration
//   for one use (`applies_to:`)        conditional
//   else                               allowed (for a known license)
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "scanner/results/evidence.h"
#include "scanner/results/rule.h"

namespace oblige::results {

enum class CommercialUse {
  kUnknown = 0,
  kAllowed = 1,
  kConditional = 2,
  kRequiresApproval = 3,
  kNotAllowed = 4
};

const char* commercial_word(CommercialUse use);
std::optional<CommercialUse> parse_commercial(std::string_view word);
// The more restrictive of the two.
CommercialUse most_restrictive(CommercialUse a, CommercialUse b);

// One clause as the decision sees it.
struct CommercialTerm {
  ClauseKind kind = ClauseKind::kNone;
  const nlohmann::json* parameters = nullptr;  // may be null
};

struct CommercialDecision {
  CommercialUse use = CommercialUse::kUnknown;
  // The clause the word rests on (index into the terms), when one does.
  std::optional<std::size_t> basis;
};

// `known`: the terms are a known license's (its words decide, and no word
// means allowed); otherwise they are generic detectors' findings in an
// unknown text (no word means unknown).
CommercialDecision decide_commercial_use(const std::vector<CommercialTerm>& terms, bool known);

// The commercial terms that clause matches state (their kinds and parameters).
void append_terms(const std::vector<ClauseMatch>& clauses, std::vector<CommercialTerm>* terms);

// What the terms a file adds decide for commercial use, all of them together:
// the clause kinds of an unrecognised text (`FileResult::terms`) and of the
// text added to each license that binds the model (`LicenseMatch::additional`).
// An MIT License with "non-commercial use only" appended is not allowed
// commercially, even though MIT is.
CommercialUse added_terms_use(const FileResult& file);

}  // namespace oblige::results
