#include "scanner/text/front_matter.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

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

// The line of a key (not of its value, which for a block list starts below).
std::size_t key_line(const YAML::Node& map, const char* key, std::size_t first_line) {
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key)
      return first_line + static_cast<std::size_t>(std::max(kv.first.Mark().line, 0));
  }
  return 0;
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
    fm.licenses = strings_of(root["license"]);
    fm.license_line = key_line(root, "license", block.first_line);
    fm.license_name = string_of(root["license_name"]);
    fm.license_link = string_of(root["license_link"]);
    fm.base_models = strings_of(root["base_model"]);
    fm.base_model_line = key_line(root, "base_model", block.first_line);
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
