// The compiled form of the signatures: the YAML files, validated at build
// time by tools/compile_signatures.cc, serialized in a simple length-prefixed
// text form that the binary embeds. Reading it at start-up takes about a
// millisecond, where parsing the YAML took 40 (see README, "Speed").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scanner/signatures/signature.h"

namespace oblige::signatures {

std::string to_compiled_form(const std::vector<Signature>& signatures);
// Throws std::exception on a malformed document (a build defect).
std::vector<Signature> from_compiled_form(std::string_view text);

// Tables (rows of strings) in the same form, for the Hugging Face tables.
using Rows = std::vector<std::vector<std::string>>;
std::string rows_to_compiled_form(const Rows& rows);
Rows rows_from_compiled_form(std::string_view text);

}  // namespace oblige::signatures
