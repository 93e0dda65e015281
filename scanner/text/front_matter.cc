#include "scanner/text/front_matter.h"

#include <yaml-cpp/yaml.h>

#include "scanner/text/readme_sections.h"

namespace oblige::text {
namespace {

std::vector<std::string> strings_of(const YAML::Node& node) {
  std::vector<std::string> out;
  if (!node || node.IsNull()) return out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
  } else if (node.IsSequence()) {
    for (const auto& item : node)
      if (item.IsScalar()) out.push_back(item.as<std::string>());
  }
  return out;
}

std::string string_of(const YAML::Node& node) {
  return node && node.IsScalar() ? node.as<std::string>() : "";
}

}  // namespace

FrontMatter parse_front_matter(std::string_view readme_text) {
  FrontMatter fm;
  const FrontMatterBlock block = find_front_matter(readme_text);
  if (!block.present) return fm;
  fm.present = true;
  try {
    const YAML::Node root = YAML::Load(block.yaml);
    if (root.IsNull()) return fm;
    if (!root.IsMap()) {
      fm.malformed = true;
      fm.error = "front matter must be a mapping of keys to values";
      fm.error_line = block.first_line;
      return fm;
    }
    const YAML::Node license = root["license"];
    fm.licenses = strings_of(license);
    if (license) fm.license_line = block.first_line + static_cast<std::size_t>(license.Mark().line);
    fm.license_name = string_of(root["license_name"]);
    fm.license_link = string_of(root["license_link"]);
    fm.base_models = strings_of(root["base_model"]);
    if (root["base_model"])
      fm.base_model_line = block.first_line + static_cast<std::size_t>(root["base_model"].Mark().line);
    fm.base_model_relation = string_of(root["base_model_relation"]);
    fm.gated = root["extra_gated_prompt"] || root["extra_gated_fields"];
  } catch (const YAML::Exception& e) {
    fm.malformed = true;
    fm.error = e.msg;
    fm.error_line = block.first_line + (e.mark.line >= 0 ? static_cast<std::size_t>(e.mark.line) : 0);
  }
  return fm;
}

}  // namespace oblige::text
