// libFuzzer: numbers as a signature's pattern captures them. Invariants: a
// value is never negative nor above 2^53, `integral` and `integer` agree,
// and saturation is flagged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "scanner/text/numbers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oblige::text;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::uint64_t scale : {std::uint64_t{1}, std::uint64_t{10000}, std::uint64_t{100000000}}) {
    const auto n = parse_scaled_number(text, scale);
    if (!n) continue;
    if (n->value < 0 || n->value > static_cast<double>(kMaxExactInteger)) std::abort();
    if (n->integral && static_cast<double>(n->integer) != n->value) std::abort();
    if (n->saturated && n->integer != kMaxExactInteger) std::abort();
  }
  return 0;
}
