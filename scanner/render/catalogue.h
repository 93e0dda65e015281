// The rule catalogue in words: each rule's name, descriptions and what to do,
// for SARIF's reportingDescriptor and the README. Rule ids and default levels
// are typed facts (results/rule.h); only their words live here.
#pragma once

#include <string>
#include <vector>

#include "scanner/results/rule.h"

namespace oblige::render {

struct RuleText {
  results::RuleId rule;
  std::string name;  // PascalCase, for SARIF reportingDescriptor.name
  std::string short_description;
  std::string full_description;
  std::string action;  // what the user must (not) do, phrased as an imperative
};

// Every rule, in RuleId order.
const std::vector<RuleText>& catalogue();
const RuleText& rule_text(results::RuleId rule);

}  // namespace oblige::render
