// Evaluating a scan against a policy: each license's conditions (the clause
// parameters its signature gives: thresholds, non-commercial terms,
// registration, excluded licensees, copyleft) against the intended use, the
// allow and deny lists, acknowledgements, ignored paths and rule levels.
//
// Every verdict is a policy/* finding at the line of the clause it rests on,
// saying what would resolve it. The report's verdict is then one of: allowed,
// allowed with obligations, needs approval, not allowed.
#pragma once

#include "scanner/policy/policy.h"
#include "scanner/scan/scan.h"
#include "scanner/signatures/loader.h"

namespace oblige::policy {

void apply_policy(const Policy& policy, const signatures::SignatureSet& set, scan::TargetReport* report);

// The verdict of a report whose policy was applied.
std::string verdict_of(const scan::TargetReport& report);

}  // namespace oblige::policy
