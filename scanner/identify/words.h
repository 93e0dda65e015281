// Words: the units whole-text similarity counts, read from normalized text
// (text/normalize.h).
//
// A word is a run of ASCII letters and digits or of other non-ASCII letters
// (accented Latin, Cyrillic); each Chinese, Japanese or Korean character is a
// word of its own, since those scripts put no spaces between words.
// Punctuation and spaces separate words and are not words. Single ASCII
// letters are dropped: they are list markers ("(a)", "b.") or the article
// "a", and copies of one license differ in them more than in anything else.
//
// Each word is its normalized byte range, so a run of words maps back to the
// text (and through NormalizedText::origin to a line); word_hash() is the
// 64-bit hash of its bytes from which shingles.h builds word n-grams. (Eight
// bytes a word, not sixteen with the hash kept: a 4 MB text can hold 1.4
// million words.)
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace oblige::identify {

struct Word {
  std::uint32_t begin = 0;  // normalized byte offsets
  std::uint32_t end = 0;
};

std::vector<Word> split_words(std::string_view normalized);

// FNV-1a of the word's bytes in `text` (the text split_words() read). Here,
// not in words.cc, so shingle_hashes() inlines it instead of a call a word.
inline std::uint64_t word_hash(std::string_view text, const Word& word) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV offset basis
  for (std::uint32_t i = word.begin; i < word.end; ++i)
    h = (h ^ static_cast<unsigned char>(text[i])) * 0x100000001b3ULL;  // FNV prime
  return h;
}

}  // namespace oblige::identify
