#include "scanner/results/commercial_use.h"

namespace oblige::results {

const char* commercial_word(CommercialUse use) {
  switch (use) {
    case CommercialUse::kUnknown:
      return "unknown";
    case CommercialUse::kAllowed:
      return "allowed";
    case CommercialUse::kConditional:
      return "conditional";
    case CommercialUse::kRequiresApproval:
      return "requires-approval";
    case CommercialUse::kNotAllowed:
      return "not-allowed";
  }
  return "unknown";
}

std::optional<CommercialUse> parse_commercial(std::string_view word) {
  for (CommercialUse u :
       {CommercialUse::kUnknown, CommercialUse::kAllowed, CommercialUse::kConditional,
        CommercialUse::kRequiresApproval, CommercialUse::kNotAllowed})
    if (word == commercial_word(u)) return u;
  return std::nullopt;
}

CommercialUse most_restrictive(CommercialUse a, CommercialUse b) {
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

namespace {

bool excludes_licensees(const nlohmann::json* parameters) {
  return parameters && parameters->is_object() && parameters->contains("excludes");
}

// A registration that only one way of using the model needs (Falcon 180B:
// hosting use) is a condition on that use, not on commercial use as such.
bool limited_to_a_use(const nlohmann::json* parameters) {
  return parameters && parameters->is_object() && parameters->contains("applies_to");
}

}  // namespace

CommercialDecision decide_commercial_use(const std::vector<CommercialTerm>& terms, bool known) {
  std::optional<std::size_t> registration, forbidding, condition;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const ClauseKind k = terms[i].kind;
    const bool limited = limited_to_a_use(terms[i].parameters);
    if (k == ClauseKind::kCommercialRegistration && !limited && !registration) registration = i;
    if ((k == ClauseKind::kNonCommercial || k == ClauseKind::kResearchOnly) && !forbidding)
      forbidding = i;
    const bool conditional = k == ClauseKind::kCommercialThreshold ||
                             excludes_licensees(terms[i].parameters) ||
                             (k == ClauseKind::kCommercialRegistration && limited);
    if (conditional && !condition) condition = i;
  }
  if (registration) return {CommercialUse::kRequiresApproval, registration};
  if (forbidding) return {CommercialUse::kNotAllowed, forbidding};
  if (condition) return {CommercialUse::kConditional, condition};
  return {known ? CommercialUse::kAllowed : CommercialUse::kUnknown, std::nullopt};
}

void append_terms(const std::vector<ClauseMatch>& clauses, std::vector<CommercialTerm>* terms) {
  for (const ClauseMatch& m : clauses) terms->push_back({m.kind, &m.parameters});
}

CommercialUse added_terms_use(const FileResult& file) {
  std::vector<CommercialTerm> terms;
  append_terms(file.terms, &terms);
  for (const LicenseMatch& l : file.licenses)
    if (l.binds_model()) append_terms(l.additional, &terms);
  return decide_commercial_use(terms, false).use;
}

}  // namespace oblige::results
