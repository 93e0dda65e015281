#include "scanner/policy/evaluate.h"

#include <fnmatch.h>

#include <algorithm>
#include <set>

#include "scanner/findings/fingerprint.h"
#include "scanner/findings/rules.h"

namespace oblige::policy {
namespace {

namespace rules = findings::rule_ids;
using findings::Finding;

bool ignored(const Policy& p, const std::string& path) {
  return std::any_of(p.ignore_paths.begin(), p.ignore_paths.end(), [&](const std::string& glob) {
    // Without FNM_PATHNAME '*' also matches '/', so "third_party/**" works.
    return fnmatch(glob.c_str(), path.c_str(), 0) == 0;
  });
}

std::string family_of(const signatures::SignatureSet& set, const std::string& id) {
  const auto* sig = set.find(id);
  return sig ? sig->family : id;
}

bool listed(const std::vector<std::string>& list, const std::string& id, const std::string& family) {
  return std::find(list.begin(), list.end(), id) != list.end() ||
         std::find(list.begin(), list.end(), family) != list.end();
}

std::string name_of(const signatures::SignatureSet& set, const std::string& id) {
  const auto* sig = set.find(id);
  return sig ? sig->name + " (" + id + ")" : id;
}

std::string with_commas(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// The AGPL's copyleft reaches users over a network, not only recipients.
bool is_network_copyleft(const signatures::SignatureSet& set, const std::string& id) {
  const auto* sig = set.find(id);
  return sig && sig->spdx.rfind("AGPL", 0) == 0;
}

// A verdict finding resting on `basis` (the clause, the license line).
Finding verdict(const char* rule_id, const Finding& basis, std::string message, const std::string& source_rule) {
  Finding f;
  f.rule_id = rule_id;
  f.level = findings::rule_by_id(rule_id)->default_level;
  f.message = std::move(message);
  f.location = basis.location;
  f.license_id = basis.license_id;
  f.clause_id = basis.clause_id;
  f.pattern = basis.pattern;
  f.excerpt = basis.excerpt;
  f.parameters = basis.parameters;
  f.parameters["source_rule"] = source_rule;
  f.fingerprint = findings::fingerprint({rule_id, basis.fingerprint});
  return f;
}

std::int64_t scale_for(const Policy& p, const std::string& metric) {
  if (metric == "monthly_active_users") return p.monthly_active_users;
  if (metric == "daily_active_users") return p.daily_active_users;
  if (metric == "annual_revenue_usd") return p.annual_revenue_usd;
  return 0;
}

// The verdicts one clause finding gives under the policy.
void judge_clause(const Policy& p, const signatures::SignatureSet& set, const Finding& f,
                  std::vector<Finding>* out) {
  const std::string license = name_of(set, f.license_id);
  const std::string where = " (" + f.location.path + ":" + std::to_string(f.location.start_line) + ")";
  const nlohmann::json& params = f.parameters;
  const std::string contact = params.contains("contact") && params["contact"].is_string()
                                  ? params["contact"].get<std::string>() : "the licensor";
  if (f.rule_id == "restriction/commercial-threshold" && p.commercial && params.contains("threshold") &&
      params["threshold"].is_number()) {
    const std::string metric = params.value("metric", std::string());
    const auto threshold = params["threshold"].get<std::int64_t>();
    const std::int64_t value = scale_for(p, metric);
    const bool over = params.value("at_or_above", false) ? value >= threshold : value > threshold;
    if (value > 0 && over) {
      std::string words = metric;
      std::replace(words.begin(), words.end(), '_', ' ');
      out->push_back(verdict(rules::kPolicyThreshold, f,
                             license + ": commercial use at " + with_commas(value) + " " + words +
                                 " is over the license's threshold of " + with_commas(threshold) +
                                 " and requires a separate license from " + contact + where +
                                 ". Request it, then acknowledge it in the policy.",
                             f.rule_id));
    }
  } else if ((f.rule_id == "restriction/non-commercial" || f.rule_id == "restriction/research-only") &&
             p.commercial) {
    out->push_back(verdict(rules::kPolicyNotCommercial, f,
                           license + " allows no commercial use, and the policy intends it" + where +
                               ". Use another model or obtain a commercial license.",
                           f.rule_id));
  } else if (f.rule_id == "obligation/commercial-registration" && p.commercial) {
    out->push_back(verdict(rules::kPolicyApproval, f,
                           license + " requires registration or approval before commercial use" + where +
                               ". Apply to " + contact + ", then acknowledge it in the policy.",
                           f.rule_id));
  } else if (f.rule_id == "obligation/source-disclosure" &&
             (p.redistribute_weights || (p.hosted_service && is_network_copyleft(set, f.license_id)))) {
    out->push_back(verdict(rules::kPolicyCopyleft, f,
                           license + " is copyleft and the policy distributes the work" + where +
                               ": publish the corresponding source under the same license.",
                           f.rule_id));
  }
  if (params.value("excludes", std::string()) == "software_or_cloud_provider" && p.commercial &&
      p.software_or_cloud_provider) {
    out->push_back(verdict(rules::kPolicyExcluded, f,
                           license + " grants no commercial license to software or cloud service "
                                     "providers, which the policy says you are" + where +
                               ". Negotiate a separate license with " + contact + ".",
                           f.rule_id));
  }
}

// A finding for each license the policy denies or does not allow.
void judge_licenses(const Policy& p, const signatures::SignatureSet& set, const scan::TargetReport& r,
                    std::vector<Finding>* out) {
  std::set<std::string> judged;
  const auto judge = [&](const std::string& id, const Finding& basis) {
    if (!judged.insert(id).second) return;
    const std::string family = family_of(set, id);
    if (listed(p.deny, id, family)) {
      out->push_back(verdict(rules::kPolicyDenied, basis,
                             name_of(set, id) + " is on the policy's deny list (" + basis.location.path + ").",
                             basis.rule_id));
    } else if (!p.allow.empty() && !listed(p.allow, id, family)) {
      out->push_back(verdict(rules::kPolicyNotAllowed, basis,
                             name_of(set, id) + " is not on the policy's allow list (" + basis.location.path + ").",
                             basis.rule_id));
    }
  };
  for (const Finding& f : r.findings) {
    if (f.rule_id == rules::kLicenseIdentified || f.rule_id == rules::kLicenseAltered ||
        f.rule_id == rules::kLicenseAmbiguous) {
      if (f.parameters.value("scope", std::string("model")) == "model") judge(f.license_id, f);
    } else if (f.rule_id == rules::kBaseLicense) {
      judge(f.license_id, f);
    }
  }
}

bool acknowledged(const Policy& p, const signatures::SignatureSet& set, Finding* f) {
  const std::string source = f->parameters.value("source_rule", std::string());
  for (const Acknowledgement& a : p.acknowledged) {
    if (a.rule != f->rule_id && a.rule != source) continue;
    if (!a.license.empty() && a.license != f->license_id && a.license != family_of(set, f->license_id)) continue;
    f->level = findings::Level::kNote;
    f->parameters["acknowledged"] = a.reason;
    f->message += " Acknowledged in " + p.file + ":" + std::to_string(a.line) + ": " + a.reason;
    return true;
  }
  return false;
}

}  // namespace

void apply_policy(const Policy& p, const signatures::SignatureSet& set, scan::TargetReport* report) {
  report->policy_file = p.file;
  auto& fs = report->findings;
  std::erase_if(fs, [&](const Finding& f) { return !f.location.path.empty() && ignored(p, f.location.path); });
  std::erase_if(report->licenses, [&](const scan::LicenseResult& l) { return ignored(p, l.file); });

  std::vector<Finding> verdicts;
  std::set<std::string> seen;  // one verdict per license and condition
  for (const Finding& f : fs) {
    if (f.clause_id.empty() || f.license_id.empty() || f.license_id == "unrecognized") continue;
    std::vector<Finding> found;
    judge_clause(p, set, f, &found);
    for (Finding& v : found)
      if (seen.insert(v.rule_id + "\n" + v.license_id + "\n" + v.location.path).second)
        verdicts.push_back(std::move(v));
  }
  judge_licenses(p, set, *report, &verdicts);
  for (const Finding& f : fs) {
    if (f.rule_id != rules::kLicenseUnrecognized && f.rule_id != rules::kCardNoLicense) continue;
    if (p.unknown == "allow") continue;
    const std::string sentence = f.message.empty() || f.message.back() == '.' ? f.message : f.message + ".";
    Finding v = verdict(rules::kPolicyUnknown, f,
                        sentence + " The policy's licenses.unknown is '" + p.unknown + "'.", f.rule_id);
    v.level = p.unknown == "deny" ? findings::Level::kError : findings::Level::kWarning;
    verdicts.push_back(std::move(v));
  }
  fs.insert(fs.end(), verdicts.begin(), verdicts.end());

  for (Finding& f : fs) {
    acknowledged(p, set, &f);
    if (const auto it = p.rule_levels.find(f.rule_id); it != p.rule_levels.end()) f.level = it->second;
  }
  std::erase_if(fs, [](const Finding& f) { return f.level == findings::Level::kNone; });
  std::stable_sort(fs.begin(), fs.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.location.path, a.location.start_line, a.rule_id) <
           std::tie(b.location.path, b.location.start_line, b.rule_id);
  });
  report->verdict = verdict_of(*report);
}

std::string verdict_of(const scan::TargetReport& report) {
  bool error = false, only_approval = true, obligations = false;
  for (const Finding& f : report.findings) {
    if (f.level == findings::Level::kError) {
      error = true;
      if (f.rule_id != rules::kPolicyApproval) only_approval = false;
    }
    if (f.rule_id.rfind("obligation/", 0) == 0 || f.rule_id.rfind("restriction/", 0) == 0) obligations = true;
  }
  if (error) return only_approval ? "needs approval" : "not allowed";
  return obligations ? "allowed with obligations" : "allowed";
}

}  // namespace oblige::policy
