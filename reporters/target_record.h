// Records: a rendered target as one JSON object that holds all of it, so
// that what one run wrote (a JSON Lines shard) can be read back by another
// (`oblige merge`) and given to any sink with the same result as the run
// that rendered it. The record's keys are those of model_json() (so a JSON
// Lines consumer sees the audit report's fields) plus what the other
// formats need: the files, the declarations, each finding's group and URI.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "reporters/record_fields.h"  // group_word()
#include "scanner/render/rendered.h"

namespace oblige::reporters {

nlohmann::ordered_json target_record(const render::Target& t);

// Reads a record back; false with `error` when `record` is not one.
bool read_target_record(const nlohmann::json& record, render::Target* t, std::string* error);

using render::group_word;

}  // namespace oblige::reporters
