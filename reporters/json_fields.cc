#include "reporters/json_fields.h"

#include "reporters/record_fields.h"

namespace oblige::reporters {

using nlohmann::ordered_json;

std::string dump(const ordered_json& value, int indent) {
  return value.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

ordered_json finding_json(const render::Finding& f) {
  ordered_json j;
  write_fields(kFindingFields, f, &j);
  return j;
}

ordered_json license_json(const render::License& l) {
  ordered_json j;
  write_fields(kLicenseHeadFields, l, &j);
  if (!l.base_model.empty()) j["base_model"] = l.base_model;
  j["confidence"] = l.confidence;
  j["matched_clauses"] = write_array(kMatchedClauseFields, l.matched);
  j["missing_clauses"] = l.missing;
  j["ambiguous_with"] = l.ambiguous_with;
  j["tier"] = l.tier;
  if (!l.category.empty()) j["category"] = l.category;
  // null when not measured (a model-card statement, a reference).
  j["similarity"] = l.measured ? ordered_json(l.similarity) : ordered_json(nullptr);
  j["coverage"] = l.measured ? ordered_json(l.coverage) : ordered_json(nullptr);
  j["version_certain"] = l.version_certain;
  j["added_lines"] = write_array(kAddedLinesFields, l.added);
  return j;
}

ordered_json counts_json(const render::Counts& c) {
  ordered_json j;
  write_fields(kCountsFields, c, &j);
  return j;
}

namespace {

ordered_json governs_json(const render::Target& t) {
  return write_array(kGovernsFields, t.governs);
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
  return write_array(kDeclaredFields, t.declared);
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
  j["files"] = write_array(kFileFields, t.files);
  j["declared"] = declared_json(t);
  j["licenses"] = licenses_json(t);
  j["findings"] = findings_json(t);
  j["counts"] = counts_json(t.counts);
  return j;
}

ordered_json model_json(const render::Target& t) {
  ordered_json j;
  write_fields(kModelIdentityFields, t.model.value_or(results::ModelIdentity{}), &j);
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
