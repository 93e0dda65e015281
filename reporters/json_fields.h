// The JSON forms of rendered results, shared by the scan report, the audit
// report and every other JSON-speaking format. Keys come in a fixed order.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "scanner/render/rendered.h"

namespace oblige::reporters {

nlohmann::ordered_json finding_json(const render::Finding& f);
nlohmann::ordered_json license_json(const render::License& l);
nlohmann::ordered_json counts_json(const render::Counts& c);
// A scan target, whole.
nlohmann::ordered_json target_json(const render::Target& t);
// An audited model revision: its identity, row and findings.
nlohmann::ordered_json model_json(const render::Target& t);

// Writes `value` as one element of an array that began at `indent` spaces:
// ",\n" before every element but the first, then the value pretty-printed
// with each line indented.
void write_element(std::ostream& out, const nlohmann::ordered_json& value, int indent, bool first);
std::string dump(const nlohmann::ordered_json& value, int indent = 2);

}  // namespace oblige::reporters
