#include "scanner/text/numbers.h"

#include <algorithm>
#include <string>

namespace oblige::text {
namespace {

constexpr int kMaxFractionDigits = 9;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Which byte, if any, is the decimal point: the last separator, when it
// appears once and after every separator of the other kind, unless it is a
// lone comma before exactly three digits ("100,000"), which groups thousands.
// A lone dot is always a decimal point ("1.5 million", "1.5亿").
// Returns '\0' for none; false when the separators make no sense.
bool find_decimal_point(std::string_view text, char* point) {
  *point = '\0';
  const std::size_t last = text.find_last_of(".,");
  if (last == std::string_view::npos) return true;
  const char kind = text[last];
  const char other = kind == '.' ? ',' : '.';
  const bool alone = std::count(text.begin(), text.end(), kind) == 1;
  const bool mixed = text.find(other) != std::string_view::npos;
  if (mixed && !alone) return false;
  if (mixed && text.find(other, last) != std::string_view::npos) return false;
  if (!alone) return true;
  const std::size_t digits_after = text.size() - last - 1;
  if (kind == ',' && !mixed && digits_after == 3) return true;
  *point = kind;
  return true;
}

// Every thousands separator must be followed by a group of three digits.
bool groups_are_thousands(std::string_view whole) {
  std::size_t group = 0;
  bool seen_separator = false;
  for (char c : whole) {
    if (is_digit(c)) {
      ++group;
    } else {
      if (seen_separator && group != 3) return false;
      seen_separator = true;
      group = 0;
    }
  }
  return !seen_separator || group == 3;
}

// mantissa * 10 + digit, false on overflow.
bool push_digit(std::uint64_t* mantissa, char digit) {
  std::uint64_t next;
  if (__builtin_mul_overflow(*mantissa, std::uint64_t{10}, &next)) return false;
  if (__builtin_add_overflow(next, static_cast<std::uint64_t>(digit - '0'), &next)) return false;
  *mantissa = next;
  return true;
}

ScaledNumber saturated() {
  ScaledNumber n;
  n.value = static_cast<double>(kMaxExactInteger);
  n.integral = true;
  n.integer = kMaxExactInteger;
  n.saturated = true;
  return n;
}

}  // namespace

std::optional<ScaledNumber> parse_scaled_number(std::string_view text, std::uint64_t scale) {
  // A capture may end with the sentence: "exceeds 700,000,000."
  while (!text.empty() && (text.back() == '.' || text.back() == ',' || text.back() == ' '))
    text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  if (text.empty() || !is_digit(text.front()) || scale == 0) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(),
                   [](char c) { return is_digit(c) || c == '.' || c == ','; }))
    return std::nullopt;
  char point;
  if (!find_decimal_point(text, &point)) return std::nullopt;
  const std::size_t point_at = point ? text.rfind(point) : text.size();
  const std::string_view whole = text.substr(0, point_at);
  if (!groups_are_thousands(whole)) return std::nullopt;

  std::uint64_t mantissa = 0;
  bool overflow = false;
  for (char c : whole)
    if (is_digit(c)) overflow = overflow || !push_digit(&mantissa, c);
  int fraction_digits = 0;
  if (point_at < text.size()) {
    for (char c : text.substr(point_at + 1)) {
      if (fraction_digits == kMaxFractionDigits) break;
      overflow = overflow || !push_digit(&mantissa, c);
      ++fraction_digits;
    }
  }
  if (overflow) return saturated();
  while (fraction_digits > 0 && mantissa % 10 == 0) {
    mantissa /= 10;
    --fraction_digits;
  }
  std::uint64_t product;
  if (__builtin_mul_overflow(mantissa, scale, &product)) return saturated();
  std::uint64_t divisor = 1;
  for (int i = 0; i < fraction_digits; ++i) divisor *= 10;
  ScaledNumber n;
  if (product % divisor == 0) {
    const std::uint64_t integer = product / divisor;
    if (integer > static_cast<std::uint64_t>(kMaxExactInteger)) return saturated();
    n.integral = true;
    n.integer = static_cast<std::int64_t>(integer);
    n.value = static_cast<double>(integer);
  } else {
    n.value = static_cast<double>(product) / static_cast<double>(divisor);
    if (n.value > static_cast<double>(kMaxExactInteger)) return saturated();
  }
  return n;
}

}  // namespace oblige::text
