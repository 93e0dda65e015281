// Policy: how a team intends to use models, from .oblige.yml (found from the
// scanned path upwards) or --policy FILE. The file's keys are fixed; an
// unknown key or a value of the wrong type is an error that names the line.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scanner/findings/finding.h"

namespace oblige::policy {

struct Acknowledgement {
  std::string rule;     // a rule id, e.g. obligation/commercial-registration
  std::string license;  // optional: only for this license id (or family)
  std::string reason;   // required: why it is met
  std::size_t line = 0;
};

struct Policy {
  std::string file;  // where it was read from
  // Intended use.
  bool commercial = false;
  bool research_only = false;
  // Scale (0 = not stated).
  std::int64_t monthly_active_users = 0;
  std::int64_t daily_active_users = 0;
  std::int64_t annual_revenue_usd = 0;
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
  std::map<std::string, findings::Level> rule_levels;
};

struct LoadResult {
  bool ok = false;
  std::string error;  // "FILE:LINE: message"
  Policy policy;
};

LoadResult parse_policy(const std::string& file, const std::string& yaml);
LoadResult load_policy(const std::string& file);

// .oblige.yml in `start` or the nearest folder above it; nullopt when none.
std::optional<std::string> find_policy_file(const std::string& start);

// The commented starting file `oblige policy init` writes.
extern const char* const kPolicyTemplate;

}  // namespace oblige::policy
