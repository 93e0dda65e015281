#include "scanner/identify/words.h"

#include <array>
#include <bit>

#include "scanner/text/decode.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace oblige::identify {
namespace {

enum class CharClass { kSeparator, kLetter, kIdeograph };

// Han, kana and Hangul syllables: one word per character.
constexpr bool is_ideograph(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

// Punctuation and symbols outside ASCII (Latin-1 signs, general punctuation,
// CJK punctuation, full-width forms, symbols): separators.
constexpr bool is_symbol(char32_t cp) {
  return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
         (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

constexpr CharClass classify(char32_t cp) {
  if (cp < 0x80) {
    const bool alnum =
        (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
    return alnum ? CharClass::kLetter : CharClass::kSeparator;
  }
  if (is_ideograph(cp)) return CharClass::kIdeograph;
  return is_symbol(cp) ? CharClass::kSeparator : CharClass::kLetter;
}

// classify() of each ASCII byte, as a table: one load instead of three
// ranges for each byte of a text.
constexpr std::array<bool, 128> kAsciiLetter = [] {
  std::array<bool, 128> t{};
  for (char32_t c = 0; c < 128; ++c) t[c] = classify(c) == CharClass::kLetter;
  return t;
}();

bool is_single_ascii_letter(std::string_view w) {
  return w.size() == 1 && w[0] >= 'a' && w[0] <= 'z';
}

#if defined(__SSE2__)
// Bit k: byte k of the sixteen at `p` is an ASCII letter or digit (all
// sixteen are ASCII: signed compares see them as they are). A byte | 0x20
// is in a-z exactly when it is an ASCII letter of either case.
unsigned ascii_letters(__m128i v) {
  const auto in = [](__m128i x, char lo, char hi) {
    return _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(lo - 1))),
                         _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(hi + 1))));
  };
  const __m128i letter = in(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, in(v, '0', '9'))));
}
#endif

// Calls emit(begin, end) for each word of `text`, in order.
template <typename Emit>
void for_each_word(std::string_view text, Emit&& emit) {
  std::size_t pos = 0, start = 0;
  bool in_word = false;
  const auto close = [&](std::size_t end) __attribute__((always_inline)) {
    if (!is_single_ascii_letter(text.substr(start, end - start))) emit(start, end);
    in_word = false;
  };
  while (pos < text.size()) {
#if defined(__SSE2__)
    // Sixteen bytes at a time up to the next non-ASCII one: where a run of
    // letters starts or ends is where a bit of the letter mask changes.
    if (pos + 16 <= text.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
      const auto high = static_cast<unsigned>(_mm_movemask_epi8(v));
      const unsigned ascii = high == 0 ? 16 : static_cast<unsigned>(std::countr_zero(high));
      const unsigned prefix = (1u << ascii) - 1;
      const unsigned letters = ascii_letters(v) & prefix;
      for (unsigned change = (letters ^ (letters << 1 | unsigned{in_word})) & prefix; change != 0;
           change &= change - 1) {
        const auto k = static_cast<unsigned>(std::countr_zero(change));
        if (letters >> k & 1u) {
          start = pos + k;
          in_word = true;
        } else {
          close(pos + k);
        }
      }
      pos += ascii;
      if (ascii == 16) continue;
    }
#endif
    if (pos >= text.size()) break;
    const std::size_t at = pos;
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    // ASCII, the bulk of most texts, without decoding: a letter, and the
    // rest of its run of ASCII letters at once.
    if (byte < 0x80) {
      ++pos;
      if (kAsciiLetter[byte]) {
        if (!in_word) start = at;
        in_word = true;
        while (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80 &&
               kAsciiLetter[static_cast<unsigned char>(text[pos])])
          ++pos;
      } else if (in_word) {
        close(at);
      }
      continue;
    }
    const char32_t cp = text::next_code_point(text, pos);
    switch (classify(cp)) {
      case CharClass::kLetter:
        if (!in_word) start = at;
        in_word = true;
        break;
      case CharClass::kIdeograph:
        if (in_word) close(at);
        start = at;
        close(pos);
        break;
      case CharClass::kSeparator:
        if (in_word) close(at);
        break;
    }
  }
  if (in_word) close(text.size());
}

}  // namespace

std::vector<Word> split_words(std::string_view text) {
  std::vector<Word> words;
  // Large texts are counted first: growing by doubling would hold up to
  // three times the words at once.
  if (text.size() > (std::size_t{1} << 20)) {
    std::size_t count = 0;
    for_each_word(text, [&](std::size_t, std::size_t) { ++count; });
    words.reserve(count);
  } else {
    words.reserve(text.size() / 6);
  }
  for_each_word(text, [&](std::size_t begin, std::size_t end) {
    words.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
  });
  return words;
}

}  // namespace oblige::identify
