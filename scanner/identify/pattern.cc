#include "scanner/identify/pattern.h"

#include <algorithm>
#include <cstring>

#include "scanner/identify/prefilter_guards.h"
#include "scanner/signatures/pattern_options.h"

namespace oblige::identify {
namespace {

// Half the loader's budget first: the DFA caches of the patterns a scan
// touches were most of its memory (the shared corpus: 78 MB peak at
// 128 KiB, 58 MB at 64 KiB, the same CPU; 32 KiB saves 15 MB more but costs
// 40-60 % more CPU on multi-megabyte texts). A pattern whose program does
// not fit gets the full budget it was checked with.
constexpr std::int64_t kScanPatternMemory = 64 << 10;

// Characters with no other case in Unicode, so RE2's case-insensitive match
// of one is the character itself: CJK punctuation, ideographs and
// extension A, general punctuation (curly quotes, dashes), full-width
// punctuation and digits (pattern_test checks it).
bool caseless(char32_t cp) {
  return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xFF01 && cp <= 0xFF20);
}

// The code point of the UTF-8 sequence at s[i] and its length, or 0 bytes
// when it is not a well-formed sequence of two to four bytes.
std::size_t decode_at(std::string_view s, std::size_t i, char32_t* cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  const std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  char32_t v = b & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    v = (v << 6) | (c & 0x3F);
  }
  *cp = v;
  return n;
}

bool is_word_byte(unsigned char c) {  // RE2's \b is ASCII: [0-9A-Za-z_]
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// \b at position i of text: a word byte on one side only (the text's ends
// count as non-word).
bool word_boundary(std::string_view text, std::size_t i) {
  const bool before = i > 0 && is_word_byte(static_cast<unsigned char>(text[i - 1]));
  const bool after = i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]));
  return before != after;
}

}  // namespace

std::optional<Literal> as_literal(std::string_view pattern) {
  Literal out;
  if (pattern.starts_with("\\b")) {
    out.word_start = true;
    pattern.remove_prefix(2);
  }
  // A trailing \b, unless its backslash is itself escaped ("\\b": a
  // backslash, then b).
  if (pattern.ends_with("\\b")) {
    std::size_t slashes = 0;
    for (std::size_t i = pattern.size() - 1; i-- > 0 && pattern[i] == '\\';) ++slashes;
    if (slashes % 2 == 1) {
      out.word_end = true;
      pattern.remove_suffix(2);
    }
  }
  for (std::size_t i = 0; i < pattern.size();) {
    const auto c = static_cast<unsigned char>(pattern[i]);
    if (c == '\\') {
      // An escaped ASCII punctuation mark is that mark; an escaped letter or
      // digit is a class, an assertion or a code (\d, \b, \x41).
      if (i + 1 >= pattern.size()) return std::nullopt;
      const auto next = static_cast<unsigned char>(pattern[i + 1]);
      if (next >= 0x80 || is_word_byte(next) || next < 0x21) return std::nullopt;
      out.bytes += static_cast<char>(next);
      i += 2;
    } else if (c < 0x80) {
      if (std::strchr(".*+?()[]{}|^$", c) != nullptr || c < 0x20) return std::nullopt;
      out.bytes += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      ++i;
    } else {
      char32_t cp = 0;
      const std::size_t n = decode_at(pattern, i, &cp);
      if (n == 0 || !caseless(cp)) return std::nullopt;
      out.bytes += pattern.substr(i, n);
      i += n;
    }
  }
  if (out.bytes.empty()) return std::nullopt;
  return out;
}

bool literal_comparable(std::string_view text) {
  return !defeats_guards(text) &&
         std::none_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

Pattern::Pattern(std::string source, bool full_budget)
    : source_(std::move(source)), full_budget_(full_budget), literal_(as_literal(source_)) {}

const RE2& Pattern::re() const {
  std::call_once(compiled_, [&] {
    RE2::Options small = signatures::pattern_options();
    small.set_max_mem(kScanPatternMemory);
    if (!full_budget_) re_ = std::make_unique<RE2>(source_, small);
    if (!re_ || !re_->ok()) re_ = std::make_unique<RE2>(source_, signatures::pattern_options());
  });
  return *re_;
}

std::optional<Span> Pattern::find_literal(std::string_view text, std::size_t from) const {
  const std::string& needle = literal_->bytes;
  while (from + needle.size() <= text.size()) {
    const void* at = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
    if (at == nullptr) return std::nullopt;
    const auto begin = static_cast<std::size_t>(static_cast<const char*>(at) - text.data());
    const std::size_t end = begin + needle.size();
    if ((!literal_->word_start || word_boundary(text, begin)) &&
        (!literal_->word_end || word_boundary(text, end)))
      return Span{begin, end};
    from = begin + 1;
  }
  return std::nullopt;
}

std::optional<Span> Pattern::find(std::string_view text, std::size_t from, bool comparable,
                                  std::vector<std::string>* captures) const {
  from = std::min(from, text.size());
  if (literal_ && comparable) {
    if (captures) captures->clear();
    return find_literal(text, from);
  }
  const RE2& program = re();
  const int groups = program.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> sub(static_cast<std::size_t>(groups) + 1);
  const re2::StringPiece piece(text.data(), text.size());
  if (!program.Match(piece, from, piece.size(), RE2::UNANCHORED, sub.data(), groups + 1))
    return std::nullopt;
  if (captures) {
    captures->clear();
    for (int g = 1; g <= groups; ++g) captures->emplace_back(sub[g].data(), sub[g].size());
  }
  const auto begin = static_cast<std::size_t>(sub[0].data() - text.data());
  return Span{begin, begin + sub[0].size()};
}

}  // namespace oblige::identify
