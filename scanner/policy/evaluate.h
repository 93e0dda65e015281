// Evaluating a target's evidence against a policy.
//
// Every license whose terms bind the model — a text in the folder, a license
// the card declares, a base model's license — is judged with the same
// commercial-use decision the reports show (results::decide_commercial_use):
//
//   not-allowed        with use.commercial: policy/commercial-not-allowed
//   requires-approval  with use.commercial: policy/approval-required, until
//                      acknowledged; then its non-commercial terms are met
//   thresholds         each against the stated scale: over it,
//                      policy/threshold-exceeded; under it, met
//   excluded licensees with organization.software_or_cloud_provider:
//                      policy/excluded-licensee; otherwise met
//   research-only      met by use.research_only; without it and without
//                      commercial use, policy/research-use-only (a warning)
//   copyleft           with redistribute_weights or on_device (AGPL: also
//                      hosted_service): policy/copyleft-distribution
//
// then the allow and deny lists (declared licenses too), licenses.unknown,
// acknowledgements, ignored paths and rule levels. Conditions the policy
// judges met become notes (Judgement::satisfied), so a compliant model no
// longer fails on warnings. Nothing here is put into words.
#pragma once

#include "scanner/policy/policy.h"
#include "scanner/results/target.h"
#include "scanner/signatures/loader.h"

namespace oblige::policy {

void apply_policy(const Policy& policy, const signatures::SignatureSet& set,
                  results::TargetResult* target);

// The verdict of a target's evidence as it stands: errors make it "not
// allowed" (or "needs approval" when every error is an approval to obtain),
// remaining obligations "allowed with obligations".
results::Verdict verdict_of(const results::TargetResult& target);

}  // namespace oblige::policy
