#include "scanner/results/levels.h"

namespace oblige::results {
namespace {

Level judged(const Judgement& j, Level otherwise) { return j.level ? *j.level : otherwise; }

}  // namespace

RuleId rule_of(const LicenseMatch& license) {
  if (!license.ambiguous_with.empty() && license.is_text()) return RuleId::kLicenseAmbiguous;
  switch (license.status) {
    case MatchStatus::kText:
      return RuleId::kLicenseIdentified;
    case MatchStatus::kAltered:
      return RuleId::kLicenseAltered;
    case MatchStatus::kReference:
      return RuleId::kLicenseReference;
  }
  return RuleId::kLicenseIdentified;
}

Level level_of(const ClauseMatch& clause) {
  return judged(clause.judgement,
                clause.level ? *clause.level : default_level(rule_for(clause.kind)));
}

Level level_of(const LicenseMatch& license) {
  return judged(license.judgement, default_level(rule_of(license)));
}

Level level_of(const Problem& problem) {
  return judged(problem.judgement, default_level(problem.rule));
}

Level level_of(const ModelCheck& check) {
  return judged(check.judgement, default_level(check.rule));
}

}  // namespace oblige::results
