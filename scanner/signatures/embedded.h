// The signature data compiled into the binary (generated at build time from
// signatures/ by tools/compile_signatures.cc), in the compiled form of
// compiled_form.h.
#pragma once

namespace oblige::signatures {

const char* compiled_signatures();
const char* compiled_hub_licenses();  // signatures/huggingface/hub-licenses.yaml
const char* compiled_publishers();    // signatures/huggingface/publishers.yaml

}  // namespace oblige::signatures
