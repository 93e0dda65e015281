#include "scanner/policy/policy.h"

#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <boost/filesystem.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "scanner/results/rule.h"

namespace oblige::policy {
namespace {

struct KeyError {
  std::size_t line;
  std::string message;
};

std::size_t line_of(const YAML::Node& node) {
  return node.Mark().line >= 0 ? static_cast<std::size_t>(node.Mark().line) + 1 : 0;
}

// Checks the keys of a mapping and returns it; `where` names it in errors.
const YAML::Node& mapping(const YAML::Node& node, const std::set<std::string>& keys,
                          const std::string& where) {
  if (!node.IsMap()) throw KeyError{line_of(node), where + " must be a mapping"};
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    if (!keys.count(key))
      throw KeyError{line_of(kv.first),
                     "unknown key '" + key + "'" + (where.empty() ? "" : " in " + where)};
  }
  return node;
}

bool boolean(const YAML::Node& node, const std::string& name) {
  bool value;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
    throw KeyError{line_of(node), name + " must be true or false"};
  return value;
}

std::int64_t count(const YAML::Node& node, const std::string& name) {
  std::int64_t value;
  if (!node.IsScalar() || !YAML::convert<std::int64_t>::decode(node, value) || value < 0)
    throw KeyError{line_of(node), name + " must be a whole number"};
  return value;
}

std::string text(const YAML::Node& node, const std::string& name) {
  if (!node.IsScalar()) throw KeyError{line_of(node), name + " must be a string"};
  return node.as<std::string>();
}

std::vector<std::string> texts(const YAML::Node& node, const std::string& name) {
  std::vector<std::string> out;
  if (node.IsScalar()) return {node.as<std::string>()};
  if (!node.IsSequence()) throw KeyError{line_of(node), name + " must be a list"};
  for (const auto& item : node) out.push_back(text(item, name));
  return out;
}

void parse(const YAML::Node& root, Policy* p) {
  if (root.IsNull()) return;
  mapping(root,
          {"version", "use", "scale", "distribution", "organization", "licenses", "acknowledged",
           "ignore_paths", "rules"},
          "the policy");
  if (root["version"] && count(root["version"], "version") != 1)
    throw KeyError{line_of(root["version"]), "version must be 1"};
  if (const auto use = root["use"]) {
    mapping(use, {"commercial", "research_only"}, "use");
    if (use["commercial"]) p->commercial = boolean(use["commercial"], "use.commercial");
    if (use["research_only"]) p->research_only = boolean(use["research_only"], "use.research_only");
  }
  if (const auto scale = root["scale"]) {
    mapping(scale, scale_metrics(), "scale");
    for (const auto& kv : scale) {
      const std::string key = kv.first.as<std::string>();
      p->scale[key] = count(kv.second, "scale." + key);
    }
  }
  if (const auto d = root["distribution"]) {
    mapping(d, {"redistribute_weights", "hosted_service", "on_device"}, "distribution");
    if (d["redistribute_weights"])
      p->redistribute_weights =
          boolean(d["redistribute_weights"], "distribution.redistribute_weights");
    if (d["hosted_service"])
      p->hosted_service = boolean(d["hosted_service"], "distribution.hosted_service");
    if (d["on_device"]) p->on_device = boolean(d["on_device"], "distribution.on_device");
  }
  if (const auto o = root["organization"]) {
    mapping(o, {"software_or_cloud_provider"}, "organization");
    if (o["software_or_cloud_provider"])
      p->software_or_cloud_provider =
          boolean(o["software_or_cloud_provider"], "organization.software_or_cloud_provider");
  }
  if (const auto l = root["licenses"]) {
    mapping(l, {"allow", "deny", "unknown"}, "licenses");
    if (l["allow"]) p->allow = texts(l["allow"], "licenses.allow");
    if (l["deny"]) p->deny = texts(l["deny"], "licenses.deny");
    if (l["unknown"]) {
      p->unknown = text(l["unknown"], "licenses.unknown");
      if (p->unknown != "allow" && p->unknown != "warn" && p->unknown != "deny")
        throw KeyError{line_of(l["unknown"]), "licenses.unknown must be allow, warn or deny"};
    }
  }
  if (const auto acks = root["acknowledged"]) {
    if (!acks.IsSequence()) throw KeyError{line_of(acks), "acknowledged must be a list"};
    for (const auto& a : acks) {
      mapping(a, {"rule", "license", "reason"}, "acknowledged");
      Acknowledgement ack;
      ack.line = line_of(a);
      if (!a["rule"]) throw KeyError{ack.line, "an acknowledgement needs a rule"};
      const std::string rule = text(a["rule"], "acknowledged.rule");
      const auto id = results::parse_rule_id(rule);
      if (!id) throw KeyError{line_of(a["rule"]), "unknown rule '" + rule + "'"};
      ack.rule = *id;
      if (a["license"]) ack.license = text(a["license"], "acknowledged.license");
      if (!a["reason"] || text(a["reason"], "acknowledged.reason").empty())
        throw KeyError{ack.line, "an acknowledgement needs a reason"};
      ack.reason = text(a["reason"], "acknowledged.reason");
      p->acknowledged.push_back(std::move(ack));
    }
  }
  if (root["ignore_paths"]) p->ignore_paths = texts(root["ignore_paths"], "ignore_paths");
  if (const auto rules = root["rules"]) {
    if (!rules.IsMap())
      throw KeyError{line_of(rules), "rules must be a mapping of rule id to level"};
    for (const auto& kv : rules) {
      const std::string id = kv.first.as<std::string>();
      const auto rule = results::parse_rule_id(id);
      if (!rule) throw KeyError{line_of(kv.first), "unknown rule '" + id + "'"};
      results::Level level;
      if (!kv.second.IsScalar() || !results::parse_level(kv.second.as<std::string>(), &level))
        throw KeyError{line_of(kv.second),
                       "the level of " + id + " must be none, note, warning or error"};
      p->rule_levels[*rule] = level;
    }
  }
}

}  // namespace

const std::set<std::string>& scale_metrics() {
  static const std::set<std::string> metrics = {"monthly_active_users", "daily_active_users",
                                                "annual_revenue_usd",   "monthly_revenue_usd",
                                                "monthly_visits",       "edge_devices"};
  return metrics;
}

LoadResult parse_policy(const std::string& file, const std::string& yaml) {
  LoadResult r;
  r.policy.file = file;
  try {
    parse(YAML::Load(yaml), &r.policy);
  } catch (const KeyError& e) {
    r.error = file + ":" + std::to_string(e.line) + ": " + e.message;
    return r;
  } catch (const YAML::Exception& e) {
    r.error = file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg;
    return r;
  }
  r.ok = true;
  return r;
}

LoadResult load_policy(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    LoadResult r;
    r.error = file + ": cannot be read";
    return r;
  }
  std::stringstream s;
  s << in.rdbuf();
  return parse_policy(file, s.str());
}

std::string untrusted_reason(const std::string& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return "it cannot be read";
  if (!S_ISREG(st.st_mode)) return "it is not a regular file";
  const uid_t me = ::geteuid();
  if (st.st_uid != me && st.st_uid != 0)
    return "it is owned by another user (uid " + std::to_string(st.st_uid) + ")";
  if (st.st_mode & (S_IWGRP | S_IWOTH)) return "other users can write it";
  const std::string folder = boost::filesystem::path(file).parent_path().string();
  struct stat dir {};
  if (::stat(folder.empty() ? "." : folder.c_str(), &dir) != 0) return "its folder cannot be read";
  if (dir.st_uid != me && dir.st_uid != 0 && !(dir.st_mode & S_ISVTX))
    return "its folder is owned by another user";
  if ((dir.st_mode & (S_IWGRP | S_IWOTH)) && !(dir.st_mode & S_ISVTX))
    return "other users can write its folder";
  return "";
}

FoundPolicy find_policy_file(const std::string& start) {
  namespace fs = boost::filesystem;
  boost::system::error_code ec;
  fs::path dir = fs::canonical(start, ec);
  if (ec) return {};
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  for (; !dir.empty(); dir = dir.parent_path()) {
    const fs::path file = dir / ".oblige.yml";
    if (fs::exists(fs::symlink_status(file, ec))) {
      const std::string why = untrusted_reason(file.string());
      if (why.empty()) return {file.string(), ""};
      return {"", file.string() + " is not used: " + why};
    }
    if (dir == dir.root_path()) break;
  }
  return {};
}

const char* const kPolicyTemplate =
    R"policy(# .oblige.yml: how this team intends to use AI models. oblige turns every
# license's conditions into a verdict against it (oblige scan, oblige audit).
version: 1

use:
  commercial: true          # used in a product or service that makes money
  research_only: false      # used only for research or evaluation (meets research-only terms)

scale:                      # the product's reach (0 or absent: not stated);
  monthly_active_users: 0   # licenses' thresholds are compared with these
  daily_active_users: 0
  annual_revenue_usd: 0
  # monthly_revenue_usd, monthly_visits and edge_devices may be stated too

distribution:
  redistribute_weights: false  # we ship model weights (or fine-tunes) to others
  hosted_service: true         # we serve the model over a network (API, app)
  on_device: false             # we ship the model inside an app or device (a redistribution)

organization:
  software_or_cloud_provider: false  # Baichuan 2's license excludes these

licenses:
  allow: []        # license ids or families; when not empty, only these
  deny: []         # e.g. [agpl-3.0, cc-by-nc-4.0]
  unknown: warn    # a license oblige cannot identify: allow, warn or deny

# Obligations already met, with the reason (they stop blocking):
acknowledged: []
#  - rule: obligation/commercial-registration
#    license: baichuan2-community
#    reason: "Commercial license granted by Baichuan on 2024-03-01 (ticket 1234)"

ignore_paths: []   # e.g. ["third_party/**"]

rules: {}          # per-rule levels, e.g. {restriction/no-warranty: none}
)policy";

}  // namespace oblige::policy
