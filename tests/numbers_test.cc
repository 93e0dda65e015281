#include "scanner/text/numbers.h"

#include <catch2/catch.hpp>

using namespace oblige::text;

namespace {
std::int64_t whole(std::string_view text, std::uint64_t scale = 1) {
  const auto n = parse_scaled_number(text, scale);
  REQUIRE(n.has_value());
  REQUIRE(n->integral);
  CHECK_FALSE(n->saturated);
  return n->integer;
}
}  // namespace

TEST_CASE("numbers: digits, thousands separators and a scale", "[numbers]") {
  CHECK(whole("700", 1000000) == 700000000);
  CHECK(whole("100,000,000") == 100000000);
  CHECK(whole("100,000") == 100000);
  CHECK(whole("1.000.000") == 1000000);
  CHECK(whole("1", 100000000) == 100000000);  // 1亿
  CHECK(whole("700,000,000.") == 700000000);  // the sentence's full stop
  CHECK(whole("0007") == 7);
}

TEST_CASE("numbers: a decimal point or a decimal comma", "[numbers]") {
  CHECK(whole("1.5", 100000000) == 150000000);  // 1.5亿
  CHECK(whole("0.35", 1000000) == 350000);
  CHECK(whole("1,5", 1000000) == 1500000);
  CHECK(whole("1,000,000.5", 10) == 10000005);
  CHECK(whole("1.000.000,5", 10) == 10000005);
  const auto half = parse_scaled_number("2.5");
  REQUIRE(half);
  CHECK_FALSE(half->integral);
  CHECK(half->value == 2.5);
}

TEST_CASE("numbers: beyond 2^53 the value saturates and says so", "[numbers]") {
  const auto big = parse_scaled_number("1" + std::string(27, '0'), 1000000);
  REQUIRE(big);
  CHECK(big->saturated);
  CHECK(big->integer == kMaxExactInteger);
  CHECK(big->value == static_cast<double>(kMaxExactInteger));
  const auto huge = parse_scaled_number(std::string(401, '9'));
  REQUIRE(huge);
  CHECK(huge->saturated);
  CHECK(huge->integer == kMaxExactInteger);
  // Overflow of the product alone, and the bound itself.
  CHECK(parse_scaled_number("18446744073709551615", 2)->saturated);
  CHECK(whole("9007199254740992") == kMaxExactInteger);
  CHECK(parse_scaled_number("9007199254740993")->saturated);
}

TEST_CASE("numbers: what is not a number gives no value, never zero", "[numbers]") {
  CHECK_FALSE(parse_scaled_number(""));
  CHECK_FALSE(parse_scaled_number("."));
  CHECK_FALSE(parse_scaled_number("million"));
  CHECK_FALSE(parse_scaled_number("-5"));
  CHECK_FALSE(parse_scaled_number("1.5.6"));
  CHECK_FALSE(parse_scaled_number("1,00,000"));
  CHECK_FALSE(parse_scaled_number("1,000.000,5"));
  CHECK_FALSE(parse_scaled_number("12a"));
  CHECK_FALSE(parse_scaled_number("5", 0));
}
