#include "scanner/text/normalize.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "scanner/text/decode.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace oblige::text {
namespace {

// Builds a NormalizedText piece by piece, carrying source offsets along.
// It writes into storage sized up front (a step's output is rarely longer
// than its input), so a copy is two memcpy calls and a byte two stores: the
// string's and the vector's own appends were a third of normalizing.
class Builder {
 public:
  explicit Builder(std::size_t reserve) : text_(reserve, '\0'), origin_(reserve) {}
  void put(char c, std::uint32_t origin) {
    ensure(1);
    text_[size_] = c;
    origin_[size_] = origin;
    ++size_;
  }
  void put(std::string_view s, std::uint32_t origin) {
    for (char c : s) put(c, origin);
  }
  void put_code_point(char32_t cp, std::uint32_t origin) {
    std::string tmp;
    append_utf8(tmp, cp);
    put(tmp, origin);
  }
  // Copies byte `i` of `in` with its origin.
  void copy_byte(const NormalizedText& in, std::size_t i) { put(in.text[i], in.origin[i]); }
  // Copies bytes [begin, end) of `source`, each its own origin.
  void copy_source(std::string_view source, std::size_t begin, std::size_t end) {
    const std::size_t n = end - begin;
    ensure(n);
    std::memcpy(text_.data() + size_, source.data() + begin, n);
    std::uint32_t* origin = origin_.data() + size_;
    std::size_t k = 0;
#if defined(__SSE2__)
    // begin, begin + 1, ... four at a time (this loop was a twentieth of
    // normalizing a license text).
    __m128i next =
        _mm_add_epi32(_mm_set1_epi32(static_cast<int>(begin)), _mm_setr_epi32(0, 1, 2, 3));
    for (; k + 4 <= n; k += 4) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(origin + k), next);
      next = _mm_add_epi32(next, _mm_set1_epi32(4));
    }
#endif
    for (; k < n; ++k) origin[k] = static_cast<std::uint32_t>(begin + k);
    size_ += n;
  }
  // Copies bytes [begin, end) of `in` with their own origins.
  void copy(const NormalizedText& in, std::size_t begin, std::size_t end) {
    const std::size_t n = end - begin;
    ensure(n);
    std::memcpy(text_.data() + size_, in.text.data() + begin, n);
    std::memcpy(origin_.data() + size_, in.origin.data() + begin, n * sizeof(std::uint32_t));
    size_ += n;
  }
  NormalizedText take() {
    text_.resize(size_);
    origin_.resize(size_);
    return {std::move(text_), std::move(origin_)};
  }

 private:
  void ensure(std::size_t more) {
    if (size_ + more <= text_.size()) return;
    const std::size_t grown = std::max(2 * text_.size(), size_ + more);
    text_.resize(grown);
    origin_.resize(grown);
  }
  std::string text_;
  Offsets origin_;
  std::size_t size_ = 0;
};

bool is_space_code_point(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x85;
}

// Lead bytes of the UTF-8 forms of default-ignorable code points: a text
// without them (nearly every text) is not decoded at all to look for them.
bool may_start_default_ignorable(unsigned char b) {
  return b == 0xC2 || b == 0xCD || b == 0xD8 || (b >= 0xE1 && b <= 0xE3) || b == 0xEF ||
         b == 0xF0 || b == 0xF3;
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// HTML entities that show up in license pages saved as HTML or Markdown.
struct Entity {
  const char* name;
  const char* text;
};
constexpr std::array<Entity, 10> kEntities = {{{"&amp;", "&"},
                                               {"&quot;", "\""},
                                               {"&apos;", "'"},
                                               {"&#39;", "'"},
                                               {"&lt;", "<"},
                                               {"&gt;", ">"},
                                               {"&nbsp;", " "},
                                               {"&#8220;", "\""},
                                               {"&#8221;", "\""},
                                               {"&copy;", "(c)"}}};

// Length of an HTML tag starting at `pos` ('<'), or 0 if it does not look like
// one. Only real tags are removed, so "<year>" style placeholders... are too:
// they carry no words a signature relies on.
std::size_t html_tag_length(std::string_view s, std::size_t pos) {
  if (pos + 1 >= s.size()) return 0;
  const char next = s[pos + 1];
  if (!(next == '/' || next == '!' || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')))
    return 0;
  // Look for '>' within 300 bytes only: an unbounded search would make a line
  // of many '<' quadratic.
  const std::size_t end = s.substr(pos, 301).find('>');
  if (end == std::string_view::npos) return 0;
  return end + 1;
}

// Leading Markdown block markers on a line: headings, quotes, bullets, rules,
// table pipes. Returns how many bytes to skip.
std::size_t block_marker_length(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  const std::size_t indent = i;
  while (i < line.size() && (line[i] == '#' || line[i] == '>' || (i > indent && line[i] == ' ')))
    ++i;
  if (i > indent) return i;
  if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*' || line[i] == '+') &&
      line[i + 1] == ' ')
    return i + 2;
  // A horizontal rule or a table separator row carries no words.
  bool only_rule = i < line.size();
  for (std::size_t j = i; j < line.size(); ++j) {
    const char c = line[j];
    if (!(c == '-' || c == '=' || c == '*' || c == '_' || c == '|' || c == ':' || c == ' ' ||
          c == '\t' || c == '\r')) {
      only_rule = false;
      break;
    }
  }
  if (only_rule && line.size() - i >= 3) return line.size();
  return indent;
}

}  // namespace

std::uint32_t NormalizedText::source_offset(std::size_t pos) const {
  if (origin.empty()) return 0;
  return pos < origin.size() ? origin[pos] : origin.back();
}

bool is_cjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
         (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0x3040 && cp <= 0x30FF) || cp == 0x201C ||
         cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x2014 || cp == 0x2026 ||
         cp == 0x00B7;
}

bool is_default_ignorable(char32_t cp) {
  // Unicode 15.1 DerivedCoreProperties.txt, Default_Ignorable_Code_Point.
  struct Range {
    char32_t first, last;
  };
  static constexpr Range kRanges[] = {
      {0x00AD, 0x00AD},   {0x034F, 0x034F}, {0x061C, 0x061C},   {0x115F, 0x1160},
      {0x17B4, 0x17B5},   {0x180B, 0x180F}, {0x200B, 0x200F},   {0x202A, 0x202E},
      {0x2060, 0x206F},   {0x3164, 0x3164}, {0xFE00, 0xFE0F},   {0xFEFF, 0xFEFF},
      {0xFFA0, 0xFFA0},   {0xFFF0, 0xFFF8}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
      {0xE0000, 0xE0FFF},
  };
  if (cp < 0xAD) return false;
  for (const Range& r : kRanges)
    if (cp >= r.first && cp <= r.last) return true;
  return false;
}

bool has_default_ignorable(std::string_view s) {
  // Eight ASCII bytes at a time: this runs over every text normalized.
  constexpr std::uint64_t kHighBits = 0x8080808080808080u;
  for (std::size_t i = 0; i < s.size(); ++i) {
    while (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, sizeof word);
      if (word & kHighBits) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const auto lead = static_cast<unsigned char>(s[i]);
    if (!may_start_default_ignorable(lead)) {
      // The rest of a CJK character at once (when it is well formed).
      const std::size_t rest = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 0;
      bool whole = i + rest < s.size();
      for (std::size_t k = 1; whole && k <= rest; ++k)
        whole = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
      if (whole) i += rest;
      continue;
    }
    std::size_t pos = i;
    const char32_t cp = next_code_point(s, pos);
    if (cp == 0xFFFD || is_default_ignorable(cp)) return true;
  }
  return false;
}

NormalizedText make_normalizable(std::string_view source) {
  NormalizedText t;
  t.text.assign(source);
  t.origin.resize(source.size());
  for (std::size_t i = 0; i < source.size(); ++i) t.origin[i] = static_cast<std::uint32_t>(i);
  return t;
}

// U+FFFD marks a byte that could not be decoded (and was counted): like an
// invisible character it carries no word, and a stray byte glued to a word
// must not hide the word from the matcher.
bool is_dropped(char32_t cp) { return cp == 0xFFFD || is_default_ignorable(cp); }

NormalizedText remove_default_ignorables(const NormalizedText& in) {
  Builder out(in.text.size());
  for (std::size_t pos = 0; pos < in.text.size();) {
    std::size_t run = pos;
    while (run < in.text.size() &&
           !may_start_default_ignorable(static_cast<unsigned char>(in.text[run])))
      ++run;
    if (run > pos) {
      out.copy(in, pos, run);
      pos = run;
      continue;
    }
    const std::size_t start = pos;
    if (!is_dropped(next_code_point(in.text, pos))) out.copy(in, start, pos);
  }
  return out.take();
}

// The bytes strip_markup may change; runs of the others are copied whole.
constexpr std::string_view kMarkup = "<&*`[|]_\\";
constexpr std::array<bool, 256> kMarkupBytes = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : kMarkup) t[c] = true;
  return t;
}();

namespace {

// The first byte of `s` at or after `i` that strip_markup may change, or
// s.size(): sixteen bytes at a time (a byte at a time, this scan was a
// tenth of normalizing).
std::size_t next_markup_byte(std::string_view s, std::size_t i) {
#if defined(__SSE2__)
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i hit = _mm_setzero_si128();
    for (const char c : kMarkup) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
    if (const int bits = _mm_movemask_epi8(hit))
      return i + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(bits)));
  }
#endif
  while (i < s.size() && !kMarkupBytes[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

// What strip_markup reads: a step's output, or the source itself (each byte
// its own origin), which saves building the identity map first.
struct StepInput {
  const NormalizedText& in;
  std::string_view text() const { return in.text; }
  std::uint32_t origin(std::size_t i) const { return in.origin[i]; }
  void copy(Builder& out, std::size_t begin, std::size_t end) const { out.copy(in, begin, end); }
  void copy_byte(Builder& out, std::size_t i) const { out.copy_byte(in, i); }
};
struct SourceInput {
  std::string_view source;
  std::string_view text() const { return source; }
  std::uint32_t origin(std::size_t i) const { return static_cast<std::uint32_t>(i); }
  void copy(Builder& out, std::size_t begin, std::size_t end) const {
    out.copy_source(source, begin, end);
  }
  void copy_byte(Builder& out, std::size_t i) const {
    out.put(source[i], static_cast<std::uint32_t>(i));
  }
};

template <typename Input>
NormalizedText strip_markup_of(const Input& in) {
  const std::string_view s = in.text();
  Builder out(s.size());
  std::size_t line_start = 0;
  while (line_start <= s.size()) {
    std::size_t line_end = s.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = s.size();
    const std::string_view line = s.substr(line_start, line_end - line_start);
    std::size_t i = block_marker_length(line);
    for (; i < line.size(); ++i) {
      const std::size_t at = line_start + i;
      const char c = line[i];
      if (!kMarkupBytes[static_cast<unsigned char>(c)]) {
        const std::size_t end = next_markup_byte(line, i + 1);
        in.copy(out, at, line_start + end);
        i = end - 1;
        continue;
      }
      if (c == '<') {
        if (const std::size_t len = html_tag_length(line, i)) {
          out.put(' ', in.origin(at));
          i += len - 1;
          continue;
        }
      } else if (c == '&') {
        bool replaced = false;
        for (const Entity& e : kEntities) {
          if (line.substr(i, std::strlen(e.name)) == e.name) {
            out.put(e.text, in.origin(at));
            i += std::strlen(e.name) - 1;
            replaced = true;
            break;
          }
        }
        if (replaced) continue;
      } else if (c == '*' || c == '`' || c == '[') {
        continue;  // emphasis, code spans and link openers carry no words
      } else if (c == '|' || c == ']') {
        out.put(' ', in.origin(at));  // table cells; "[text](url)" becomes "text (url)"
        continue;
      } else if (c == '_') {
        // "_emphasis_" and "__bold__", but not snake_case names.
        const bool prev_word = i > 0 && is_ascii_alnum(line[i - 1]);
        const bool next_word = i + 1 < line.size() && is_ascii_alnum(line[i + 1]);
        if (!(prev_word && next_word)) continue;
      } else if (c == '\\' && i + 1 < line.size() &&
                 std::strchr("\\`*_{}[]()#+-.!|<>", line[i + 1])) {
        continue;  // Markdown escape: keep the escaped character only
      }
      in.copy_byte(out, at);
    }
    if (line_end < s.size()) in.copy_byte(out, line_end);
    line_start = line_end + 1;
  }
  return out.take();
}

}  // namespace

NormalizedText strip_markup(const NormalizedText& in) { return strip_markup_of(StepInput{in}); }

// Kangxi radicals (U+2F00..) and CJK radical supplements look like ordinary
// ideographs and PDF extraction emits them in their place.
char32_t fold_radical(char32_t cp) {
  struct Pair {
    char32_t from, to;
  };
  static constexpr Pair kRadicals[] = {
#include "scanner/text/cjk_radicals.inc"
  };
  if (cp < 0x2E80 || cp > 0x2FDF) return cp;
  for (const Pair& p : kRadicals)
    if (p.from == cp) return p.to;
  return cp;
}

// The length of the run of ASCII bytes at `pos`: the common case, copied in
// bulk by the steps that only change non-ASCII characters.
std::size_t ascii_run(const std::string& s, std::size_t pos) {
  std::size_t end = pos;
  while (end < s.size() && static_cast<unsigned char>(s[end]) < 0x80) ++end;
  return end - pos;
}

NormalizedText fold_width(const NormalizedText& in) {
  Builder out(in.text.size());
  for (std::size_t pos = 0; pos < in.text.size();) {
    if (const std::size_t run = ascii_run(in.text, pos)) {
      out.copy(in, pos, pos + run);
      pos += run;
      continue;
    }
    const std::size_t start = pos;
    const char32_t cp = next_code_point(in.text, pos);
    if (const char32_t ideograph = fold_radical(cp); ideograph != cp) {
      out.put_code_point(ideograph, in.origin[start]);
    } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out.put(static_cast<char>(cp - 0xFF01 + 0x21), in.origin[start]);
    } else if (cp == 0x3000) {
      out.put(' ', in.origin[start]);
    } else {
      out.copy(in, start, pos);
    }
  }
  return out.take();
}

NormalizedText unify_punctuation(const NormalizedText& in) {
  Builder out(in.text.size());
  for (std::size_t pos = 0; pos < in.text.size();) {
    if (const std::size_t run = ascii_run(in.text, pos)) {
      out.copy(in, pos, pos + run);
      pos += run;
      continue;
    }
    const std::size_t start = pos;
    const char32_t cp = next_code_point(in.text, pos);
    const std::uint32_t o = in.origin[start];
    switch (cp) {
      case 0x201C:
      case 0x201D:
      case 0x201E:
      case 0x201F:
      case 0x00AB:
      case 0x00BB:
      case 0x300C:
      case 0x300D:
      case 0x300E:
      case 0x300F:
      case 0x2033:
        out.put('"', o);
        break;
      case 0x2018:
      case 0x2019:
      case 0x201A:
      case 0x201B:
      case 0x2032:
      case 0x00B4:
        out.put('\'', o);
        break;
      case 0x2010:
      case 0x2011:
      case 0x2012:
      case 0x2013:
      case 0x2014:
      case 0x2015:
      case 0x2212:
      case 0xFE58:
      case 0xFE63:
        out.put('-', o);
        break;
      case 0x2022:
      case 0x25CF:
      case 0x25AA:
      case 0x25E6:
      case 0x2023:
      case 0x00B7:
        out.put(' ', o);
        break;
      case 0x3002:
      case 0xFF61:
        out.put_code_point(0x3002, o);  // one ideographic full stop
        break;
      case 0x00A9:
        out.put("(c)", o);
        break;
      default:
        out.copy(in, start, pos);
    }
  }
  return out.take();
}

NormalizedText fold_case(const NormalizedText& in) {
  NormalizedText out = in;
  for (char& c : out.text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

// Where the run of bytes collapse_in_place may copy as they are ends: the
// first byte of `s` at or after `i` that is white space or not ASCII, except
// a single ' ' before such a plain byte (it stays what it is: one space
// between two words). s.size() if none. Sixteen bytes at a time.
std::size_t plain_run_end(std::string_view s, std::size_t i) {
  const auto plain = [](unsigned char c) { return c != ' ' && (c < '\t' || c > '\r') && c < 0x80; };
#if defined(__SSE2__)
  // Signed compares: a byte >= 0x80 is negative, so in neither range; its
  // own top bit marks it.
  const auto not_plain = [](__m128i v) {
    return _mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), v),
                     _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('\t' - 1)),
                                   _mm_cmplt_epi8(v, _mm_set1_epi8('\r' + 1)))));
  };
  for (; i + 17 <= s.size(); i += 16) {
    const auto* at = reinterpret_cast<const __m128i*>(s.data() + i);
    const __m128i v = _mm_loadu_si128(at);
    const int spaces = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
    const int others = not_plain(v) & ~spaces;
    // A space stops the run when the byte after it is not plain.
    const int next_not_plain =
        not_plain(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i + 1)));
    if (const int stop = others | (spaces & next_not_plain))
      return i + static_cast<std::size_t>(std::countr_zero(static_cast<unsigned>(stop)));
  }
#endif
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (plain(c)) continue;
    if (c != ' ' || i + 1 >= s.size() || !plain(static_cast<unsigned char>(s[i + 1]))) return i;
  }
  return s.size();
}

// Moves the ASCII bytes s[r, end) and their origins to w (<= r), lower-casing
// the letters when `kFoldCase`. Front to back, so a block is read before
// anything is written over it.
template <bool kFoldCase>
void move_run(std::string& s, Offsets& origin, std::size_t r, std::size_t end, std::size_t w) {
  const std::size_t n = end - r;
  if (w != r) std::memmove(origin.data() + w, origin.data() + r, n * sizeof(std::uint32_t));
  if (!kFoldCase) {
    if (w != r) std::memmove(s.data() + w, s.data() + r, n);
    return;
  }
  std::size_t k = 0;
#if defined(__SSE2__)
  for (; k + 16 <= n; k += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + r + k));
    const __m128i capital = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                          _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
    v = _mm_add_epi8(v, _mm_and_si128(capital, _mm_set1_epi8('a' - 'A')));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(s.data() + w + k), v);
  }
#endif
  for (; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[r + k]);
    s[w + k] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
}

// Collapses white space in place, lower-casing ASCII letters too when
// `kFoldCase` (collapse_whitespace(fold_case(t)) in one pass: normalize_test
// checks it against the two steps): a byte is written only after at least as
// many have been read. `kAscii`: the text is ASCII, nothing to decode.
template <bool kFoldCase, bool kAscii>
void collapse_in_place(NormalizedText& t) {
  std::string& s = t.text;
  Offsets& origin = t.origin;
  std::size_t w = 0;
  bool pending_space = false;
  bool broke_line = false;  // the pending space holds a line break
  std::uint32_t space_origin = 0;
  const auto hyphenated = [&] {  // what is written ends with a letter and a hyphen ("non-")
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    return w >= 2 && s[w - 1] == '-' && letter(s[w - 2]);
  };
  for (std::size_t r = 0; r < s.size();) {
    const auto c = static_cast<unsigned char>(s[r]);
    std::size_t next = r + 1;
    bool space = c == ' ' || (c >= '\t' && c <= '\r');
    if (!kAscii && c >= 0x80) space = is_space_code_point(next_code_point(s, next = r));
    if (space) {
      if (!pending_space) space_origin = origin[r];
      pending_space = true;
      broke_line = broke_line || c == '\n' || c == '\r';
      r = next;
      continue;
    }
    // No leading space: a space only goes between two words. A word broken
    // by a hyphen at a line end ("non-\ntransferable") is joined again.
    if (pending_space && w > 0 && !(broke_line && hyphenated())) {
      s[w] = ' ';
      origin[w] = space_origin;
      ++w;
    }
    pending_space = broke_line = false;
    if (kAscii || c < 0x80) {
      // The run of plain ASCII bytes and single spaces from here, at once.
      const std::size_t end = plain_run_end(s, r + 1);
      move_run<kFoldCase>(s, origin, r, end, w);
      w += end - r;
      r = end;
      continue;
    } else {
      for (std::size_t k = r; k < next; ++k, ++w) {  // the character's bytes, unchanged
        s[w] = s[k];
        origin[w] = origin[k];
      }
    }
    r = next;
  }
  s.resize(w);
  origin.resize(w);
}

}  // namespace

NormalizedText collapse_whitespace(const NormalizedText& in) {
  NormalizedText out = in;
  collapse_in_place<false, false>(out);
  return out;
}

bool has_cjk(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    if (is_cjk(next_code_point(s, pos))) return true;
  }
  return false;
}

NormalizedText join_cjk(const NormalizedText& in) {
  const std::string_view s = in.text;
  Builder out(s.size());
  char32_t prev = 0;  // last code point written
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t start = pos;
    const auto byte = static_cast<unsigned char>(s[pos]);
    const char32_t cp = byte < 0x80 ? (++pos, byte) : next_code_point(s, pos);
    if (cp == ' ' && pos < s.size()) {
      std::size_t peek = pos;
      const char32_t next = next_code_point(s, peek);
      const auto joins = [](char32_t a, char32_t b) {
        const bool a_cjk = is_cjk(a), b_cjk = is_cjk(b);
        const auto digit_or_punct = [](char32_t c) {
          return (c >= '0' && c <= '9') ||
                 (c < 0x80 && std::strchr(".,;:()\"'%-/", static_cast<int>(c)));
        };
        return (a_cjk && (b_cjk || digit_or_punct(b))) || (b_cjk && digit_or_punct(a));
      };
      if (joins(prev, next)) continue;
    }
    if (pos - start == 1)
      out.copy_byte(in, start);
    else
      out.copy(in, start, pos);
    prev = cp;
  }
  return out.take();
}

NormalizedText normalize(std::string_view source) {
  // Markup is stripped from the source itself, each byte its own origin,
  // unless invisible characters go first.
  NormalizedText t = has_default_ignorable(source)
                         ? strip_markup(remove_default_ignorables(make_normalizable(source)))
                         : strip_markup_of(SourceInput{source});
  // Width, punctuation and CJK joining only touch non-ASCII characters, and
  // markup stripping leaves none behind: most license texts skip three passes.
  const bool ascii = is_ascii(t.text);
  if (!ascii) {
    t = fold_width(t);
    t = unify_punctuation(t);
  }
  if (ascii) {
    collapse_in_place<true, true>(t);
    return t;
  }
  collapse_in_place<true, false>(t);
  // With no CJK character, join_cjk has no space to take out.
  if (has_cjk(t.text)) t = join_cjk(t);
  return t;
}

std::string normalize_string(std::string_view source) { return normalize(source).text; }

bool is_ascii(std::string_view s) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080u;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, s.data() + i, sizeof word);
    if (word & kHighBits) return false;
  }
  for (; i < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
  return true;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace oblige::text
