#include "scanner/model/hub_tables.h"

#include "scanner/signatures/compiled_form.h"
#include "scanner/signatures/embedded.h"
#include "scanner/text/normalize.h"

namespace oblige::model {
namespace {

}  // namespace

const HubTables& HubTables::builtin() {
  static const HubTables tables = [] {
    HubTables t;
    signatures::Rows hub = signatures::rows_from_compiled_form(signatures::compiled_hub_licenses());
    t.as_of_ = hub.back().front();  // the last row holds the date
    hub.pop_back();
    for (auto& row : hub) t.licenses_.push_back({row[0], row[1], row[2], row[3]});
    for (auto& row : signatures::rows_from_compiled_form(signatures::compiled_publishers()))
      t.publishers_.push_back({row[0], row[1], std::make_shared<RE2>(row[0])});
    return t;
  }();
  return tables;
}

const HubLicense* HubTables::license(const std::string& hub_id) const {
  const std::string id = text::ascii_lower(hub_id);
  for (const HubLicense& l : licenses_)
    if (l.id == id) return &l;
  return nullptr;
}

std::string HubTables::publisher_license(const std::string& model_id) const {
  const std::string id = text::ascii_lower(model_id);
  for (const PublisherRule& rule : publishers_)
    if (RE2::PartialMatch(id, *rule.re)) return rule.license;
  return "";
}

}  // namespace oblige::model
