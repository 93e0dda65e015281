// The SPDX License List tier's categories (signatures/spdx/categories.yaml):
// what a license of the second tier obliges, by kind of license, since the
// list gives texts but no obligations. Category 0 is "unclassified", with no
// obligations of its own (clause-kind detection gives them).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace oblige::identify {

struct SpdxObligation {
  std::string kind;
  std::string summary;
};

struct SpdxCategory {
  std::string id;  // permissive, weak-copyleft, ...
  std::string name;
  std::string commercial;  // allowed | conditional | not-allowed | unknown
  std::vector<SpdxObligation> obligations;
  std::vector<std::string> licenses;  // SPDX ids or prefixes ending in '*'
};

// The embedded table (index = IndexReference::category).
const std::vector<SpdxCategory>& spdx_categories();

// Build time: parses categories.yaml (throws std::runtime_error naming the field).
std::vector<SpdxCategory> parse_spdx_categories(const std::string& yaml_text);
// The category of `spdx_id`: the first whose patterns match it, else 0.
std::size_t spdx_category_of(const std::vector<SpdxCategory>& categories, std::string_view spdx_id);

// The compiled form the binary embeds, and back.
std::string spdx_categories_to_compiled_form(const std::vector<SpdxCategory>& categories);
std::vector<SpdxCategory> spdx_categories_from_compiled_form(std::string_view text);

}  // namespace oblige::identify
