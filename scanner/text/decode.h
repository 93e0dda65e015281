// Decoding: turns the raw bytes of a file into UTF-8 text.
//
// License files come in many encodings: UTF-8 with or without a byte order
// mark, UTF-16 (with a BOM, and sometimes without), and GB18030/GBK for Chinese
// agreements written on Windows. decode() picks the encoding from the bytes,
// converts to UTF-8 and never fails: bytes that cannot be decoded become
// U+FFFD and are counted, so the caller can warn about them.
//
// Mostly-valid UTF-8 stays UTF-8: one stray Latin-1 byte in a UTF-8 license
// is replaced, it does not turn the whole file into GB18030 mojibake. Bytes
// are read as GB18030 only when they look like it (high bytes in pairs, most
// of them invalid as UTF-8) and GB18030 decodes more of them than UTF-8.
//
// Binary files (NUL bytes that are not UTF-16) are recognised and not decoded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace oblige::text {

enum class Encoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kGb18030, kBinary };

const char* encoding_name(Encoding encoding);

struct DecodedText {
  std::string utf8;            // the text, always valid UTF-8
  Encoding encoding = Encoding::kUtf8;
  std::size_t replaced = 0;    // bytes or units that became U+FFFD
};

DecodedText decode(std::string_view bytes);

// True when `bytes` is entirely valid UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view bytes);

// Copies `bytes` to UTF-8, replacing each invalid sequence with U+FFFD.
// Returns the number of replacements through `replaced`.
std::string sanitize_utf8(std::string_view bytes, std::size_t* replaced = nullptr);

// Appends code point `cp` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// Reads one code point at `pos`; advances `pos`. Returns U+FFFD for an invalid
// sequence and advances one byte.
char32_t next_code_point(std::string_view s, std::size_t& pos);

}  // namespace oblige::text
