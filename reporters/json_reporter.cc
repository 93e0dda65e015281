// JSON: oblige's own stable schema (documented in README.md, "JSON output").
// Keys and ordering are deterministic; no timestamps.
#include <nlohmann/json.hpp>

#include "reporters/report.h"

namespace oblige::reporters {
namespace {

using nlohmann::ordered_json;

ordered_json finding_json(const findings::Finding& f) {
  ordered_json j;
  j["rule_id"] = f.rule_id;
  j["level"] = findings::level_name(f.level);
  j["message"] = f.message;
  j["file"] = f.location.path;
  j["line"] = f.location.start_line;
  j["end_line"] = f.location.end_line;
  j["column"] = f.location.start_column;
  j["license"] = f.license_id;
  j["clause"] = f.clause_id;
  j["pattern"] = f.pattern;
  j["excerpt"] = f.excerpt;
  j["parameters"] = f.parameters;
  j["fingerprint"] = f.fingerprint;
  return j;
}

ordered_json license_json(const scan::LicenseResult& l) {
  ordered_json j;
  j["id"] = l.id;
  j["name"] = l.name;
  j["spdx"] = l.spdx;
  j["scancode"] = l.scancode;
  j["version"] = l.version;
  j["family"] = l.family;
  j["kind"] = l.kind;
  j["commercial_use"] = l.commercial;
  j["file"] = l.file;
  j["start_line"] = l.start_line;
  j["end_line"] = l.end_line;
  j["status"] = l.status;
  j["scope"] = l.scope;
  j["confidence"] = l.confidence;
  ordered_json matched = ordered_json::array();
  for (const auto& c : l.matched) matched.push_back({{"id", c.id}, {"kind", c.kind}, {"line", c.line}});
  j["matched_clauses"] = matched;
  j["missing_clauses"] = l.missing;
  j["ambiguous_with"] = l.ambiguous_with;
  return j;
}

}  // namespace

void write_json(const Run& run, std::ostream& out) {
  ordered_json root;
  root["tool"] = "oblige";
  root["version"] = run.info.version;
  root["schema_version"] = 1;
  ordered_json targets = ordered_json::array();
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const scan::TargetReport& t : run.targets) {
    ordered_json target;
    target["target"] = t.target;
    target["files_seen"] = t.files_seen;
    target["policy"] = t.policy_file;
    target["verdict"] = t.verdict;
    ordered_json files = ordered_json::array();
    for (const auto& f : t.files)
      files.push_back({{"path", f.path}, {"role", f.role}, {"encoding", f.encoding}, {"read", f.read}});
    target["files"] = files;
    ordered_json declared = ordered_json::array();
    for (const auto& d : t.declared)
      declared.push_back({{"file", d.file}, {"line", d.line}, {"licenses", d.licenses},
                          {"license_name", d.license_name}, {"license_link", d.license_link},
                          {"base_models", d.base_models}});
    target["declared"] = declared;
    ordered_json licenses = ordered_json::array();
    for (const auto& l : t.licenses) licenses.push_back(license_json(l));
    target["licenses"] = licenses;
    ordered_json findings = ordered_json::array();
    for (const auto& f : t.findings) {
      findings.push_back(finding_json(f));
      ++counts[static_cast<int>(f.level)];
    }
    target["findings"] = findings;
    targets.push_back(std::move(target));
  }
  root["targets"] = targets;
  root["summary"] = {{"error", counts[3]}, {"warning", counts[2]}, {"note", counts[1]}};
  out << root.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace oblige::reporters
