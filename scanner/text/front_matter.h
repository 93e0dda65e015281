// Front matter: the license metadata a model card declares in its YAML
// (license, license_name, license_link, base_model), parsed with yaml-cpp.
// Malformed YAML is reported with its line, never thrown.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace oblige::text {

struct FrontMatter {
  bool present = false;
  bool malformed = false;
  std::string error;                  // when malformed
  std::size_t error_line = 0;         // 1-based line in the README
  std::vector<std::string> licenses;  // `license`: a string or a list
  std::size_t license_line = 0;       // 1-based line of the `license` key
  std::string license_name;
  std::string license_link;
  std::vector<std::string> base_models;
  std::size_t base_model_line = 0;    // 1-based line of the `base_model` key
  std::string base_model_relation;
  bool gated = false;                 // extra_gated_prompt or extra_gated_fields present
};

FrontMatter parse_front_matter(std::string_view readme_text);

}  // namespace oblige::text
