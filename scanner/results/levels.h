// The rule and level of each piece of evidence: the rule's default level,
// then the signature's level for a clause, then what the policy decided
// (Judgement::level). Render, the verdict and --fail-on all ask here, so
// they can never disagree.
#pragma once

#include "scanner/results/evidence.h"
#include "scanner/results/target.h"

namespace oblige::results {

RuleId rule_of(const LicenseMatch& license);

Level level_of(const ClauseMatch& clause);
Level level_of(const LicenseMatch& license);
Level level_of(const Problem& problem);
Level level_of(const ModelCheck& check);

}  // namespace oblige::results
