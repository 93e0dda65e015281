// The similarity index and the clause-kind model compiled into the binary
// (generated at build time by tools/compile_fingerprints.cc, included with
// the assembler's .incbin so the blobs cost no parsing and no copy).
#pragma once

#include <string_view>

namespace oblige::identify {

std::string_view embedded_similarity_index();
std::string_view embedded_kind_model();
std::string_view embedded_spdx_categories();  // compiled form (spdx_tier.h)
bool embedded_spdx_tier();                    // false when built without the SPDX tier

}  // namespace oblige::identify
