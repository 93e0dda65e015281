#include "scanner/text/decode.h"

#include <iconv.h>

#include <cerrno>
#include <memory>
#include <mutex>

#include "scanner/text/fork_guard.h"

namespace oblige::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Decodes one UTF-8 sequence strictly; returns its length or 0 if invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t pos, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t value;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, value = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, value = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + len > s.size()) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) return 0;
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  *cp = value;
  return len;
}

// UTF-16 without a BOM: plain text in UTF-16 has a NUL in every other byte
// for ASCII characters. Returns the guessed byte order, or kBinary if the
// pattern is not there.
Encoding guess_utf16(std::string_view bytes) {
  const std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
  if (n < 4) return Encoding::kBinary;
  std::size_t even_zero = 0, odd_zero = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even_zero += bytes[i] == '\0';
    odd_zero += bytes[i + 1] == '\0';
  }
  const std::size_t pairs = n / 2;
  if (odd_zero * 10 >= pairs * 3 && even_zero * 20 < pairs) return Encoding::kUtf16Le;
  if (even_zero * 10 >= pairs * 3 && odd_zero * 20 < pairs) return Encoding::kUtf16Be;
  return Encoding::kBinary;
}

DecodedText decode_utf16(std::string_view bytes, bool little_endian, Encoding encoding) {
  DecodedText out;
  out.encoding = encoding;
  out.utf8.reserve(bytes.size());
  auto unit_at = [&](std::size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (a | (b << 8)) : ((a << 8) | b);
  };
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t unit = unit_at(i);
    if (unit >= 0xD800 && unit <= 0xDBFF && i + 3 < bytes.size()) {
      const char32_t low = unit_at(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out.utf8, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (unit >= 0xD800 && unit <= 0xDFFF) {
      unit = kReplacement;
      ++out.replaced;
    }
    if (unit == 0) continue;  // stray NULs carry no text
    append_utf8(out.utf8, unit);
  }
  if (i < bytes.size()) ++out.replaced;  // odd trailing byte
  return out;
}

// How the bytes read as UTF-8: valid sequences of two to four bytes, and
// invalid ones (each counted once, as sanitize_utf8 would replace it).
struct Utf8Census {
  std::size_t multibyte = 0;
  std::size_t invalid = 0;
};

Utf8Census utf8_census(std::string_view bytes) {
  Utf8Census c;
  for (std::size_t pos = 0; pos < bytes.size();) {
    if (static_cast<unsigned char>(bytes[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t cp;
    const std::size_t len = utf8_sequence(bytes, pos, &cp);
    if (len == 0) {
      ++c.invalid;
      ++pos;
    } else {
      ++c.multibyte;
      pos += len;
    }
  }
  return c;
}

// True when the non-ASCII bytes have the shape of GB18030 Chinese text: a
// lead byte (0x81-0xFE) followed by a second high byte, or the four-byte
// form. A stray Latin-1 byte in English text ("caf\xE9 ") is a lead byte
// followed by ASCII: GBK allows some of those pairs, but they are rare in
// Chinese text and the rule of every stray byte in an English one.
bool has_gb18030_shape(std::string_view bytes) {
  std::size_t paired = 0, unpaired = 0;
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  for (std::size_t i = 0; i < bytes.size();) {
    const unsigned char b = at(i);
    if (b < 0x80) {
      ++i;
    } else if (b >= 0x81 && b <= 0xFE && i + 1 < bytes.size() && at(i + 1) >= 0x80 &&
               at(i + 1) <= 0xFE) {
      ++paired;
      i += 2;
    } else if (b >= 0x81 && b <= 0xFE && i + 3 < bytes.size() && at(i + 1) >= 0x30 &&
               at(i + 1) <= 0x39 && at(i + 2) >= 0x81 && at(i + 2) <= 0xFE && at(i + 3) >= 0x30 &&
               at(i + 3) <= 0x39) {
      ++paired;
      i += 4;
    } else {
      ++unpaired;
      ++i;
    }
  }
  return paired > 0 && paired >= 2 * unpaired;
}

// UTF-8 with a few bad bytes (a Latin-1 "\xE9" pasted into a UTF-8 license)
// must stay UTF-8. GB18030 text read as UTF-8 is mostly invalid (only about a
// fifth of its pairs form a valid sequence by chance), so the bytes are
// GB18030 only when the valid multi-byte sequences do not far outnumber the
// invalid ones, the high bytes pair up as GB18030's do, and GB18030 then
// explains strictly more of the bytes than UTF-8 does.
bool worth_trying_gb18030(std::string_view bytes, const Utf8Census& c) {
  return c.invalid * 4 > c.multibyte && has_gb18030_shape(bytes);
}

struct IconvCloser {
  void operator()(iconv_t* cd) const {
    {
      const std::lock_guard<std::mutex> lock(fork_guard());
      iconv_close(*cd);
    }
    delete cd;
  }
};

// GB18030 is a superset of GBK and GB2312. Returns false if iconv is missing
// the conversion or more than a few sequences are invalid (then the bytes are
// probably not GB18030 at all).
bool decode_gb18030(std::string_view bytes, DecodedText* out) {
  iconv_t raw;
  {
    const std::lock_guard<std::mutex> lock(fork_guard());
    raw = iconv_open("UTF-8", "GB18030");
  }
  if (raw == reinterpret_cast<iconv_t>(-1)) return false;
  std::unique_ptr<iconv_t, IconvCloser> cd(new iconv_t(raw));
  std::string result;
  result.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t invalid = 0;
  std::size_t written = 0;
  while (in_left > 0) {
    char* dst = result.data() + written;
    std::size_t dst_left = result.size() - written;
    const std::size_t rc = iconv(*cd, &in, &in_left, &dst, &dst_left);
    written = result.size() - dst_left;
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      result.resize(result.size() * 2);
    } else {  // EILSEQ or EINVAL: skip one byte, emit U+FFFD
      ++invalid;
      ++in;
      --in_left;
      std::string rep;
      append_utf8(rep, kReplacement);
      if (result.size() - written < rep.size()) result.resize(result.size() * 2);
      result.replace(written, rep.size(), rep);
      written += rep.size();
    }
  }
  result.resize(written);
  if (invalid * 50 > bytes.size() + 50) return false;
  out->utf8 = std::move(result);
  out->encoding = Encoding::kGb18030;
  out->replaced = invalid;
  return true;
}

}  // namespace

const char* encoding_name(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8: return "utf-8";
    case Encoding::kUtf8Bom: return "utf-8-bom";
    case Encoding::kUtf16Le: return "utf-16le";
    case Encoding::kUtf16Be: return "utf-16be";
    case Encoding::kGb18030: return "gb18030";
    case Encoding::kBinary: return "binary";
  }
  return "unknown";
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t next_code_point(std::string_view s, std::size_t& pos) {
  char32_t cp = kReplacement;
  const std::size_t len = utf8_sequence(s, pos, &cp);
  if (len == 0) {
    ++pos;
    return kReplacement;
  }
  pos += len;
  return cp;
}

bool is_valid_utf8(std::string_view bytes) {
  for (std::size_t pos = 0; pos < bytes.size();) {
    if (static_cast<unsigned char>(bytes[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t cp;
    const std::size_t len = utf8_sequence(bytes, pos, &cp);
    if (len == 0) return false;
    pos += len;
  }
  return true;
}

std::string sanitize_utf8(std::string_view bytes, std::size_t* replaced) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < bytes.size();) {
    char32_t cp;
    const std::size_t len = utf8_sequence(bytes, pos, &cp);
    if (len == 0) {
      append_utf8(out, kReplacement);
      ++count;
      ++pos;
    } else {
      out.append(bytes.substr(pos, len));
      pos += len;
    }
  }
  if (replaced) *replaced = count;
  return out;
}

DecodedText decode(std::string_view bytes) {
  if (starts_with(bytes, "\xEF\xBB\xBF")) {
    DecodedText out;
    out.utf8 = sanitize_utf8(bytes.substr(3), &out.replaced);
    out.encoding = Encoding::kUtf8Bom;
    return out;
  }
  if (starts_with(bytes, "\xFF\xFE")) return decode_utf16(bytes.substr(2), true, Encoding::kUtf16Le);
  if (starts_with(bytes, "\xFE\xFF")) return decode_utf16(bytes.substr(2), false, Encoding::kUtf16Be);

  const bool has_nul = bytes.find('\0') != std::string_view::npos;
  if (has_nul) {
    const Encoding guess = guess_utf16(bytes);
    if (guess == Encoding::kUtf16Le) return decode_utf16(bytes, true, guess);
    if (guess == Encoding::kUtf16Be) return decode_utf16(bytes, false, guess);
    DecodedText out;
    out.encoding = Encoding::kBinary;
    return out;
  }
  if (is_valid_utf8(bytes)) {
    DecodedText out;
    out.utf8.assign(bytes);
    return out;
  }
  const Utf8Census census = utf8_census(bytes);
  if (worth_trying_gb18030(bytes, census)) {
    DecodedText gb;
    if (decode_gb18030(bytes, &gb) && gb.replaced < census.invalid) return gb;
  }
  DecodedText out;
  out.utf8 = sanitize_utf8(bytes, &out.replaced);
  out.encoding = Encoding::kUtf8;
  return out;
}

}  // namespace oblige::text
