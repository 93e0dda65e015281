// The signature data compiled into the binary (generated at build time from
// signatures/ by tools/compile_signatures.cc), in the compiled form of
// compiled_form.h.
#pragma once

#include <string_view>

namespace oblige::signatures {

std::string_view compiled_signatures();
std::string_view compiled_hub_licenses();  // signatures/huggingface/hub-licenses.yaml
std::string_view compiled_publishers();    // signatures/huggingface/publishers.yaml

}  // namespace oblige::signatures
