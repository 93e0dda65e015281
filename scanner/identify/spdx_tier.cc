#include "scanner/identify/spdx_tier.h"

#include <yaml-cpp/yaml.h>

#include <stdexcept>

#include "scanner/results/rule.h"
#include "scanner/signatures/compiled_form.h"

namespace oblige::identify {

std::vector<SpdxCategory> parse_spdx_categories(const std::string& yaml_text) {
  std::vector<SpdxCategory> out{{"unclassified", "Unclassified license", "unknown", {}, {}}};
  const YAML::Node root = YAML::Load(yaml_text);
  const YAML::Node list = root["categories"];
  if (!list || !list.IsSequence()) throw std::runtime_error("categories: must be a list");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = "categories[" + std::to_string(i) + "]";
    const YAML::Node c = list[i];
    SpdxCategory cat;
    for (auto [field, out_field] : {std::pair{"id", &cat.id}, std::pair{"name", &cat.name},
                                    std::pair{"commercial", &cat.commercial}}) {
      if (!c[field] || !c[field].IsScalar())
        throw std::runtime_error(where + "." + field + ": is required");
      *out_field = c[field].as<std::string>();
    }
    for (const YAML::Node& l : c["licenses"]) cat.licenses.push_back(l.as<std::string>());
    for (const YAML::Node& o : c["obligations"]) {
      SpdxObligation ob{o["kind"].as<std::string>(), o["summary"].as<std::string>()};
      if (!results::parse_kind(ob.kind))
        throw std::runtime_error(where + ".obligations: unknown kind '" + ob.kind + "'");
      cat.obligations.push_back(std::move(ob));
    }
    out.push_back(std::move(cat));
  }
  return out;
}

std::size_t spdx_category_of(const std::vector<SpdxCategory>& categories, std::string_view id) {
  for (std::size_t c = 1; c < categories.size(); ++c) {
    for (const std::string& pattern : categories[c].licenses) {
      const bool prefix = !pattern.empty() && pattern.back() == '*';
      const std::string_view p =
          prefix ? std::string_view(pattern).substr(0, pattern.size() - 1) : pattern;
      if (prefix ? id.substr(0, p.size()) == p : id == p) return c;
    }
  }
  return 0;
}

std::string spdx_categories_to_compiled_form(const std::vector<SpdxCategory>& categories) {
  signatures::Rows rows;
  for (const SpdxCategory& c : categories) {
    std::vector<std::string> row = {c.id, c.name, c.commercial};
    for (const SpdxObligation& o : c.obligations) {
      row.push_back(o.kind);
      row.push_back(o.summary);
    }
    rows.push_back(std::move(row));
  }
  return signatures::rows_to_compiled_form(rows);
}

std::vector<SpdxCategory> spdx_categories_from_compiled_form(std::string_view text) {
  std::vector<SpdxCategory> out;
  for (const auto& row : signatures::rows_from_compiled_form(text)) {
    if (row.size() < 3 || (row.size() - 3) % 2 != 0)
      throw std::runtime_error("bad SPDX category row");
    SpdxCategory c{row[0], row[1], row[2], {}, {}};
    for (std::size_t i = 3; i < row.size(); i += 2) c.obligations.push_back({row[i], row[i + 1]});
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace oblige::identify
