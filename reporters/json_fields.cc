#include "reporters/json_fields.h"

namespace oblige::reporters {

using nlohmann::ordered_json;

std::string dump(const ordered_json& value, int indent) {
  return value.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

ordered_json finding_json(const render::Finding& f) {
  ordered_json j;
  j["rule_id"] = f.rule_id;
  j["level"] = results::level_name(f.level);
  j["message"] = f.message;
  j["file"] = f.path;
  j["line"] = f.span.start_line;
  j["end_line"] = f.span.end_line;
  j["column"] = f.span.start_column;
  j["license"] = f.license;
  j["clause"] = f.clause;
  j["source"] = f.source;
  j["pattern"] = f.pattern;
  j["excerpt"] = f.excerpt;
  j["parameters"] = f.parameters;
  j["fingerprint"] = f.fingerprint;
  return j;
}

ordered_json license_json(const render::License& l) {
  ordered_json j;
  j["id"] = l.id;
  j["name"] = l.name;
  j["spdx"] = l.spdx;
  j["scancode"] = l.scancode;
  j["version"] = l.version;
  j["family"] = l.family;
  j["kind"] = l.kind;
  j["commercial_use"] = l.commercial_use;
  j["file"] = l.file;
  j["start_line"] = l.start_line;
  j["end_line"] = l.end_line;
  j["status"] = l.status;
  j["scope"] = l.scope;
  j["source"] = l.source;
  if (!l.base_model.empty()) j["base_model"] = l.base_model;
  j["confidence"] = l.confidence;
  ordered_json matched = ordered_json::array();
  for (const auto& c : l.matched)
    matched.push_back({{"id", c.id}, {"kind", c.kind}, {"line", c.line}});
  j["matched_clauses"] = matched;
  j["missing_clauses"] = l.missing;
  j["ambiguous_with"] = l.ambiguous_with;
  return j;
}

ordered_json counts_json(const render::Counts& c) {
  return {{"error", c.error}, {"warning", c.warning}, {"note", c.note}};
}

namespace {

ordered_json governs_json(const render::Target& t) {
  ordered_json out = ordered_json::array();
  for (const auto& g : t.governs)
    out.push_back({{"folder", g.folder},
                   {"subject", g.subject},
                   {"license", g.license},
                   {"name", g.name},
                   {"source", g.source},
                   {"where", g.where}});
  return out;
}

ordered_json findings_json(const render::Target& t) {
  ordered_json out = ordered_json::array();
  for (const auto& f : t.findings) out.push_back(finding_json(f));
  return out;
}

ordered_json licenses_json(const render::Target& t) {
  ordered_json out = ordered_json::array();
  for (const auto& l : t.licenses) out.push_back(license_json(l));
  return out;
}

ordered_json declared_json(const render::Target& t) {
  ordered_json out = ordered_json::array();
  for (const auto& d : t.declared)
    out.push_back({{"file", d.file},
                   {"line", d.line},
                   {"licenses", d.licenses},
                   {"license_name", d.license_name},
                   {"license_link", d.license_link},
                   {"base_models", d.base_models}});
  return out;
}

}  // namespace

ordered_json target_json(const render::Target& t) {
  ordered_json j;
  j["target"] = t.target;
  j["files_seen"] = t.files_seen;
  j["policy"] = t.policy_file;
  j["verdict"] = t.verdict;
  j["commercial_use"] = t.commercial_use;
  j["governs"] = governs_json(t);
  ordered_json files = ordered_json::array();
  for (const auto& f : t.files)
    files.push_back(
        {{"path", f.path}, {"role", f.role}, {"encoding", f.encoding}, {"read", f.read}});
  j["files"] = files;
  j["declared"] = declared_json(t);
  j["licenses"] = licenses_json(t);
  j["findings"] = findings_json(t);
  j["counts"] = counts_json(t.counts);
  return j;
}

ordered_json model_json(const render::Target& t) {
  ordered_json j;
  const results::ModelIdentity id = t.model.value_or(results::ModelIdentity{});
  j["layout"] = id.layout;
  j["repo_type"] = id.repo_type;
  j["model_id"] = id.repo_id;
  j["revision"] = id.revision;
  j["refs"] = id.refs;
  j["path"] = id.path;
  j["detected_licenses"] = t.detected_licenses;
  j["declared_licenses"] = t.declared_licenses;
  j["main_obligations"] = t.main_obligations;
  j["commercial_use"] = t.commercial_use;
  j["policy"] = t.policy_file;
  j["policy_verdict"] = t.verdict;
  j["governs"] = governs_json(t);
  j["counts"] = counts_json(t.counts);
  j["licenses"] = licenses_json(t);
  j["findings"] = findings_json(t);
  return j;
}

void write_element(std::ostream& out, const ordered_json& value, int indent, bool first) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  out << (first ? "\n" : ",\n") << pad;
  for (char c : dump(value)) {
    out << c;
    if (c == '\n') out << pad;
  }
}

}  // namespace oblige::reporters
