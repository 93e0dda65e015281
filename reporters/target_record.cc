#include "reporters/target_record.h"

#include <array>
#include <utility>

#include "reporters/json_fields.h"

namespace oblige::reporters {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::array<std::pair<render::Group, const char*>, 7> kGroups = {{
    {render::Group::kMust, "must"},
    {render::Group::kMustNot, "must-not"},
    {render::Group::kGoodToKnow, "good-to-know"},
    {render::Group::kLicense, "license"},
    {render::Group::kCard, "card"},
    {render::Group::kPolicy, "policy"},
    {render::Group::kProblem, "problem"},
}};

ordered_json finding_record(const render::Finding& f) {
  ordered_json j = finding_json(f);
  j["end_column"] = f.span.end_column;
  j["uri"] = f.uri;
  j["group"] = group_word(f.group);
  j["actionable"] = f.actionable;
  j["base_model"] = f.base_model;
  j["block"] = f.block;
  return j;
}

// Reading is strict: a missing key or a value of the wrong type throws
// nlohmann's type_error or out_of_range, caught by read_target_record().
template <typename T>
void get(const json& j, const char* key, T* out) {
  *out = j.at(key).get<T>();
}

render::Finding read_finding(const json& j) {
  render::Finding f;
  get(j, "rule_id", &f.rule_id);
  const std::string level = j.at("level").get<std::string>();
  if (!results::parse_level(level, &f.level)) throw std::invalid_argument("level " + level);
  get(j, "message", &f.message);
  get(j, "file", &f.path);
  get(j, "uri", &f.uri);
  get(j, "line", &f.span.start_line);
  get(j, "end_line", &f.span.end_line);
  get(j, "column", &f.span.start_column);
  get(j, "end_column", &f.span.end_column);
  get(j, "license", &f.license);
  get(j, "clause", &f.clause);
  get(j, "pattern", &f.pattern);
  get(j, "excerpt", &f.excerpt);
  f.parameters = j.at("parameters");
  get(j, "fingerprint", &f.fingerprint);
  const std::string group = j.at("group").get<std::string>();
  bool known = false;
  for (const auto& [value, word] : kGroups)
    if (group == word) {
      f.group = value;
      known = true;
    }
  if (!known) throw std::invalid_argument("group " + group);
  get(j, "actionable", &f.actionable);
  get(j, "source", &f.source);
  get(j, "base_model", &f.base_model);
  get(j, "block", &f.block);
  return f;
}

render::License read_license(const json& j) {
  render::License l;
  get(j, "id", &l.id);
  get(j, "name", &l.name);
  get(j, "spdx", &l.spdx);
  get(j, "scancode", &l.scancode);
  get(j, "version", &l.version);
  get(j, "family", &l.family);
  get(j, "kind", &l.kind);
  get(j, "commercial_use", &l.commercial_use);
  get(j, "file", &l.file);
  get(j, "start_line", &l.start_line);
  get(j, "end_line", &l.end_line);
  get(j, "status", &l.status);
  get(j, "scope", &l.scope);
  get(j, "source", &l.source);
  l.base_model = j.value("base_model", "");
  get(j, "confidence", &l.confidence);
  for (const json& c : j.at("matched_clauses"))
    l.matched.push_back({c.at("id").get<std::string>(), c.at("kind").get<std::string>(),
                         c.at("line").get<std::size_t>()});
  get(j, "missing_clauses", &l.missing);
  get(j, "ambiguous_with", &l.ambiguous_with);
  // The similarity fields (json_fields.cc writes null when not measured).
  get(j, "tier", &l.tier);
  l.category = j.value("category", "");
  l.measured = j.at("similarity").is_number();
  if (l.measured) {
    get(j, "similarity", &l.similarity);
    get(j, "coverage", &l.coverage);
  }
  get(j, "version_certain", &l.version_certain);
  for (const json& a : j.at("added_lines"))
    l.added.push_back(results::Span{a.at("start_line").get<std::size_t>(), 0,
                                    a.at("end_line").get<std::size_t>(), 0});
  return l;
}

void read_counts(const json& j, render::Counts* c) {
  get(j, "error", &c->error);
  get(j, "warning", &c->warning);
  get(j, "note", &c->note);
}

void read(const json& j, render::Target* t) {
  get(j, "target", &t->target);
  get(j, "files_seen", &t->files_seen);
  for (const json& f : j.at("files"))
    t->files.push_back({f.at("path").get<std::string>(), f.at("role").get<std::string>(),
                        f.at("encoding").get<std::string>(), f.at("read").get<bool>(),
                        f.at("sha256").get<std::string>()});
  for (const json& d : j.at("declared")) {
    render::Declared out;
    get(d, "file", &out.file);
    get(d, "line", &out.line);
    get(d, "licenses", &out.licenses);
    get(d, "license_name", &out.license_name);
    get(d, "license_link", &out.license_link);
    get(d, "base_models", &out.base_models);
    t->declared.push_back(std::move(out));
  }
  for (const json& l : j.at("licenses")) t->licenses.push_back(read_license(l));
  for (const json& f : j.at("findings")) t->findings.push_back(read_finding(f));
  for (const json& g : j.at("governs"))
    t->governs.push_back({g.at("folder").get<std::string>(), g.at("subject").get<std::string>(),
                          g.at("license").get<std::string>(), g.at("name").get<std::string>(),
                          g.at("source").get<std::string>(), g.at("where").get<std::string>()});
  get(j, "commercial_use", &t->commercial_use);
  get(j, "detected_licenses", &t->detected_licenses);
  get(j, "declared_licenses", &t->declared_licenses);
  get(j, "main_obligations", &t->main_obligations);
  get(j, "policy", &t->policy_file);
  get(j, "policy_verdict", &t->verdict);
  read_counts(j.at("counts"), &t->counts);
  if (j.at("model").is_object()) {
    const json& m = j.at("model");
    results::ModelIdentity id;
    get(m, "layout", &id.layout);
    get(m, "repo_type", &id.repo_type);
    get(m, "model_id", &id.repo_id);
    get(m, "revision", &id.revision);
    get(m, "refs", &id.refs);
    get(m, "path", &id.path);
    get(m, "order", &id.order);
    t->model = std::move(id);
  }
}

}  // namespace

const char* group_word(render::Group group) {
  for (const auto& [value, word] : kGroups)
    if (value == group) return word;
  return "license";
}

ordered_json target_record(const render::Target& t) {
  ordered_json j = model_json(t);
  ordered_json findings = ordered_json::array();
  for (const render::Finding& f : t.findings) findings.push_back(finding_record(f));
  j["findings"] = findings;
  j["target"] = t.target;
  j["files_seen"] = t.files_seen;
  ordered_json files = ordered_json::array();
  for (const render::File& f : t.files)
    files.push_back({{"path", f.path},
                     {"role", f.role},
                     {"encoding", f.encoding},
                     {"read", f.read},
                     {"sha256", f.sha256}});
  j["files"] = files;
  const ordered_json whole = target_json(t);
  j["declared"] = whole["declared"];
  if (t.model) {
    const results::ModelIdentity& id = *t.model;
    j["model"] = {{"layout", id.layout},     {"repo_type", id.repo_type}, {"model_id", id.repo_id},
                  {"revision", id.revision}, {"refs", id.refs},           {"path", id.path},
                  {"order", id.order}};
  } else {
    j["model"] = nullptr;
  }
  return j;
}

bool read_target_record(const json& record, render::Target* t, std::string* error) {
  *t = {};
  try {
    read(record, t);
  } catch (const std::exception& e) {
    *error = std::string("not an oblige record: ") + e.what();
    return false;
  }
  return true;
}

}  // namespace oblige::reporters
