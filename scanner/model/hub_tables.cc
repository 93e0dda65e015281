#include "scanner/model/hub_tables.h"

#include <yaml-cpp/yaml.h>

#include <stdexcept>

#include "scanner/signatures/embedded.h"

namespace oblige::model {
namespace {

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

YAML::Node load(const char* name) {
  const char* text = signatures::embedded_file(name);
  if (!text) throw std::runtime_error(std::string("missing embedded table ") + name);
  return YAML::Load(text);
}

}  // namespace

const HubTables& HubTables::builtin() {
  static const HubTables tables = [] {
    HubTables t;
    const YAML::Node hub = load("huggingface/hub-licenses.yaml");
    t.as_of_ = hub["as_of"].as<std::string>();
    for (const YAML::Node& row : hub["licenses"]) {
      t.licenses_.push_back({row["id"].as<std::string>(), row["name"].as<std::string>(),
                             row["spdx"].as<std::string>(),
                             row["signature"] ? row["signature"].as<std::string>() : ""});
    }
    const YAML::Node pubs = load("huggingface/publishers.yaml");
    for (const YAML::Node& row : pubs["publishers"]) {
      PublisherRule rule{row["match"].as<std::string>(), row["license"].as<std::string>(), nullptr};
      rule.re = std::make_shared<RE2>(rule.match);
      if (!rule.re->ok()) throw std::runtime_error("publishers.yaml: bad pattern " + rule.match);
      t.publishers_.push_back(std::move(rule));
    }
    return t;
  }();
  return tables;
}

const HubLicense* HubTables::license(const std::string& hub_id) const {
  const std::string id = lower(hub_id);
  for (const HubLicense& l : licenses_)
    if (l.id == id) return &l;
  return nullptr;
}

std::string HubTables::publisher_license(const std::string& model_id) const {
  const std::string id = lower(model_id);
  for (const PublisherRule& rule : publishers_)
    if (RE2::PartialMatch(id, *rule.re)) return rule.license;
  return "";
}

}  // namespace oblige::model
