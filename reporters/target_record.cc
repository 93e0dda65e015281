#include "reporters/target_record.h"

#include <array>
#include <stdexcept>
#include <utility>

#include "reporters/json_fields.h"
#include "reporters/record_fields.h"

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
  write_fields(kFindingRecordFields, f, &j);
  return j;
}

// Reading is strict: a missing key or a value of the wrong type throws
// nlohmann's type_error or out_of_range, caught by read_target_record().
render::Finding read_finding(const json& j) {
  render::Finding f;
  read_fields(kFindingFields, j, &f);
  read_fields(kFindingRecordFields, j, &f);
  return f;
}

render::License read_license(const json& j) {
  render::License l;
  read_fields(kLicenseHeadFields, j, &l);
  l.base_model = j.value("base_model", "");
  l.confidence = j.at("confidence").get<double>();
  read_array(kMatchedClauseFields, j.at("matched_clauses"), &l.matched);
  l.missing = j.at("missing_clauses").get<std::vector<std::string>>();
  l.ambiguous_with = j.at("ambiguous_with").get<std::vector<std::string>>();
  // The similarity fields (json_fields.cc writes null when not measured).
  l.tier = j.at("tier").get<std::string>();
  l.category = j.value("category", "");
  l.measured = j.at("similarity").is_number();
  if (l.measured) {
    l.similarity = j.at("similarity").get<double>();
    l.coverage = j.at("coverage").get<double>();
  }
  l.version_certain = j.at("version_certain").get<bool>();
  read_array(kAddedLinesFields, j.at("added_lines"), &l.added);
  return l;
}

void read(const json& j, render::Target* t) {
  t->target = j.at("target").get<std::string>();
  t->files_seen = j.at("files_seen").get<std::size_t>();
  for (const json& f : j.at("files")) {
    render::File file;
    read_fields(kFileFields, f, &file);
    file.sha256 = f.at("sha256").get<std::string>();
    t->files.push_back(std::move(file));
  }
  read_array(kDeclaredFields, j.at("declared"), &t->declared);
  for (const json& l : j.at("licenses")) t->licenses.push_back(read_license(l));
  for (const json& f : j.at("findings")) t->findings.push_back(read_finding(f));
  read_array(kGovernsFields, j.at("governs"), &t->governs);
  t->commercial_use = j.at("commercial_use").get<std::string>();
  t->detected_licenses = j.at("detected_licenses").get<std::vector<std::string>>();
  t->declared_licenses = j.at("declared_licenses").get<std::vector<std::string>>();
  t->main_obligations = j.at("main_obligations").get<std::vector<std::string>>();
  t->policy_file = j.at("policy").get<std::string>();
  t->verdict = j.at("policy_verdict").get<std::string>();
  read_fields(kCountsFields, j.at("counts"), &t->counts);
  if (j.at("model").is_object()) {
    results::ModelIdentity id;
    read_fields(kModelIdentityFields, j.at("model"), &id);
    id.order = j.at("model").at("order").get<std::size_t>();
    t->model = std::move(id);
  }
}

}  // namespace

}  // namespace oblige::reporters

namespace oblige::render {

const char* group_word(Group group) {
  for (const auto& [value, word] : reporters::kGroups)
    if (value == group) return word;
  return "license";
}

bool parse_group(std::string_view word, Group* group) {
  for (const auto& [value, known] : reporters::kGroups)
    if (word == known) {
      *group = value;
      return true;
    }
  return false;
}

}  // namespace oblige::render

namespace oblige::reporters {

ordered_json target_record(const render::Target& t) {
  ordered_json j = model_json(t);
  ordered_json findings = ordered_json::array();
  for (const render::Finding& f : t.findings) findings.push_back(finding_record(f));
  j["findings"] = findings;
  j["target"] = t.target;
  j["files_seen"] = t.files_seen;
  ordered_json files = ordered_json::array();
  for (const render::File& f : t.files) {
    ordered_json file;
    write_fields(kFileFields, f, &file);
    file["sha256"] = f.sha256;
    files.push_back(std::move(file));
  }
  j["files"] = files;
  const ordered_json whole = target_json(t);
  j["declared"] = whole["declared"];
  if (t.model) {
    ordered_json model;
    write_fields(kModelIdentityFields, *t.model, &model);
    model["order"] = t.model->order;
    j["model"] = std::move(model);
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
