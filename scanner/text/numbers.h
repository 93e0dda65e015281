// Numbers written in license texts: "700 million", "100,000,000", "1.5亿".
//
// parse_scaled_number() reads the digits a signature pattern captured, with
// commas as thousands separators and one dot as the decimal point (several
// dots are thousands separators: "1.000.000"), and multiplies by the
// pattern's scale ("million" is 1,000,000). The arithmetic is exact integer
// arithmetic with overflow checks: a value above kMaxExactInteger (2^53, the
// largest a JSON number or a double holds exactly) is saturated to it and
// flagged, never wrapped or left to undefined behaviour. Text that is not a
// number gives no value at all, never a zero.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace oblige::text {

inline constexpr std::int64_t kMaxExactInteger = std::int64_t{1} << 53;

struct ScaledNumber {
  double value = 0;       // the number (exact when integral)
  bool integral = false;  // value is a whole number; then `integer` holds it
  std::int64_t integer = 0;
  bool saturated = false;  // the number exceeds kMaxExactInteger, which value holds
};

// `scale` must be positive. Digits after the decimal point beyond the ninth
// are ignored.
std::optional<ScaledNumber> parse_scaled_number(std::string_view text, std::uint64_t scale = 1);

}  // namespace oblige::text
