// Policy: how a team intends to use models, from .oblige.yml (found from the
// scanned path upwards) or --policy FILE. The file's keys are fixed; an
// unknown key or a value of the wrong type is an error that names the line.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scanner/results/level.h"
#include "scanner/results/rule.h"

namespace oblige::policy {

struct Acknowledgement {
  results::RuleId rule;  // e.g. obligation/commercial-registration
  std::string license;   // optional: only for this license id (or family)
  std::string reason;    // required: why it is met
  std::size_t line = 0;
};

struct Policy {
  std::string file;  // where it was read from
  // Intended use.
  bool commercial = false;
  bool research_only = false;
  // Scale, by the metric names signatures use in their thresholds
  // (monthly_active_users, daily_active_users, annual_revenue_usd,
  // monthly_revenue_usd, monthly_visits, edge_devices); absent or 0: not stated.
  std::map<std::string, std::int64_t> scale;
  // Distribution.
  bool redistribute_weights = false;
  bool hosted_service = false;
  bool on_device = false;
  bool software_or_cloud_provider = false;
  // Licenses, by id or family.
  std::vector<std::string> allow;
  std::vector<std::string> deny;
  std::string unknown = "warn";  // allow | warn | deny
  std::vector<Acknowledgement> acknowledged;
  std::vector<std::string> ignore_paths;  // glob patterns (fnmatch, ** allowed)
  std::map<results::RuleId, results::Level> rule_levels;
};

// The scale keys a policy may state.
const std::set<std::string>& scale_metrics();

struct LoadResult {
  bool ok = false;
  std::string error;  // "FILE:LINE: message"
  Policy policy;
};

LoadResult parse_policy(const std::string& file, const std::string& yaml);
LoadResult load_policy(const std::string& file);

// The policy for a run that names none: the nearest .oblige.yml from
// `start` (the working folder: the repository root for a hook or the Action)
// upwards — never one inside a scanned folder below it, so a downloaded
// model or a vendored tree cannot relax the team's policy. A file that
// another user could have written (owned by someone other than you or root,
// writable by group or others, or in such a folder without the sticky bit)
// is not used: `ignored` says why.
struct FoundPolicy {
  std::string file;     // empty: none to use
  std::string ignored;  // a file that was found but not trusted, and why
};
FoundPolicy find_policy_file(const std::string& start);

// Whether `file` may govern a run: "" when it may, else why not.
std::string untrusted_reason(const std::string& file);

// The commented starting file `oblige policy init` writes.
extern const char* const kPolicyTemplate;

}  // namespace oblige::policy
