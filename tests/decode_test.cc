#include "scanner/text/decode.h"

#include <iconv.h>

#include <catch2/catch.hpp>

using namespace oblige::text;

namespace {

std::string utf16(const std::u16string& s, bool little_endian, bool bom) {
  std::string out;
  if (bom) out += little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t c : s) {
    const char lo = static_cast<char>(c & 0xFF), hi = static_cast<char>(c >> 8);
    if (little_endian)
      out += {lo, hi};
    else
      out += {hi, lo};
  }
  return out;
}

// GB18030 bytes made by the system's own iconv, not written by hand.
std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* dst = out.data();
  REQUIRE(iconv(cd, &in, &in_left, &dst, &out_left) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

TEST_CASE("plain UTF-8 passes through unchanged", "[decode]") {
  const std::string text = "Tongyi Qianwen 许可协议\n";
  const DecodedText d = decode(text);
  CHECK(d.encoding == Encoding::kUtf8);
  CHECK(d.utf8 == text);
  CHECK(d.replaced == 0);
}

TEST_CASE("a UTF-8 byte order mark is removed", "[decode]") {
  const DecodedText d = decode("\xEF\xBB\xBFLICENSE");
  CHECK(d.encoding == Encoding::kUtf8Bom);
  CHECK(d.utf8 == "LICENSE");
}

TEST_CASE("UTF-16 with a byte order mark, both byte orders", "[decode]") {
  const std::u16string text = u"Llama 2 许可 \U0001F600";
  CHECK(decode(utf16(text, true, true)).utf8 == "Llama 2 许可 \xF0\x9F\x98\x80");
  CHECK(decode(utf16(text, true, true)).encoding == Encoding::kUtf16Le);
  CHECK(decode(utf16(text, false, true)).utf8 == "Llama 2 许可 \xF0\x9F\x98\x80");
  CHECK(decode(utf16(text, false, true)).encoding == Encoding::kUtf16Be);
}

TEST_CASE("UTF-16 without a byte order mark is recognised from its NULs", "[decode]") {
  const std::u16string text = u"Apache License, Version 2.0, January 2004\n";
  CHECK(decode(utf16(text, true, false)).utf8 == "Apache License, Version 2.0, January 2004\n");
  CHECK(decode(utf16(text, false, false)).utf8 == "Apache License, Version 2.0, January 2004\n");
}

TEST_CASE("GB18030 Chinese text is decoded to UTF-8", "[decode]") {
  const std::string original = "百川智能 baichuan-7B 模型许可协议：月活跃用户超过1亿";
  const std::string gb = to_gb18030(original);
  REQUIRE(gb != original);
  const DecodedText d = decode(gb);
  CHECK(d.encoding == Encoding::kGb18030);
  CHECK(d.utf8 == original);
}

TEST_CASE("invalid UTF-8 is replaced, never a crash", "[decode]") {
  // Lone continuation bytes, an overlong slash and a truncated sequence.
  const std::string bad = std::string("ok \x80\x80 \xC0\xAF end \xE4\xB8", 13);
  const std::string clean = sanitize_utf8(bad);
  CHECK(is_valid_utf8(clean));
  CHECK(clean.find("ok ") == 0);
  CHECK(clean.find("end") != std::string::npos);
}

TEST_CASE("binary data is not decoded", "[decode]") {
  std::string bytes;
  for (int i = 0; i < 2000; ++i) bytes.push_back(static_cast<char>((i * 7919) % 256));
  CHECK(decode(bytes).encoding == Encoding::kBinary);
}

TEST_CASE("UTF-8 with a stray Latin-1 byte stays UTF-8, the byte replaced", "[decode]") {
  // English text: the byte would pair with the next letter in GB18030.
  const DecodedText english = decode("Licensed under the Apache Licens\xE9s terms, Version 2.0.\n");
  CHECK(english.encoding == Encoding::kUtf8);
  CHECK(english.replaced == 1);
  CHECK(english.utf8 == "Licensed under the Apache Licens\xEF\xBF\xBDs terms, Version 2.0.\n");
  // Chinese UTF-8 text: its valid sequences outnumber the stray byte.
  const std::string chinese = "本协议适用于百川大模型，月活跃用户超过1亿的需申请商用许可。";
  const DecodedText zh = decode(chinese + "\xE9" + chinese);
  CHECK(zh.encoding == Encoding::kUtf8);
  CHECK(zh.replaced == 1);
  CHECK(zh.utf8.find(chinese) == 0);
  // Several Latin-1 words in an English text ("café", "naïve").
  const DecodedText latin =
      decode("A caf\xE9 license, na\xEFve terms, d\xE9j\xE0 vu, r\xE9sum\xE9.\n");
  CHECK(latin.encoding == Encoding::kUtf8);
  CHECK(latin.replaced == 6);
}

TEST_CASE("GB18030 text with some ASCII and a few UTF-8-looking pairs is still GB18030",
          "[decode]") {
  const std::string original =
      "第一条 本协议 Apache-2.0 兼容：许可方授予您非排他的、全球性的、不可转让的许可。\n"
      "第二条 月活跃用户超过 1 亿的商业使用须另行申请。\n";
  const std::string gb = to_gb18030(original);
  const DecodedText d = decode(gb);
  CHECK(d.encoding == Encoding::kGb18030);
  CHECK(d.utf8 == original);
  // A stray byte in GB18030 text leaves it GB18030.
  const DecodedText stray = decode(gb + "\xFF" + gb);
  CHECK(stray.encoding == Encoding::kGb18030);
}
