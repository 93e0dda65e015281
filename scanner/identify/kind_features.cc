#include "scanner/identify/kind_features.h"

#include <algorithm>
#include <array>
#include <string>

namespace oblige::identify {
namespace {

constexpr std::array<std::string_view, 24> kFunctionWords = {
    "the", "of", "and", "or", "to",   "in",   "by",    "for", "with", "be", "is",   "are",
    "as",  "on", "at",  "an", "this", "that", "which", "any", "its",  "it", "such", "from"};

std::uint32_t hash32(std::string_view tag, std::string_view a, std::string_view b = {},
                     std::string_view c = {}) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::string_view part : {tag, a, std::string_view("\x1f"), b, std::string_view("\x1f"), c})
    for (unsigned char ch : part) h = (h ^ ch) * 0x100000001b3ULL;
  h ^= h >> 29;
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

bool is_number(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_ascii_word(std::string_view w) { return static_cast<unsigned char>(w[0]) < 0x80; }

// Multi-byte words of one code point are ideographs (words.h makes each its own word).
bool is_ideograph_word(std::string_view w) {
  const unsigned char c = static_cast<unsigned char>(w[0]);
  return c >= 0xE0 && w.size() <= 4 && w.size() == (c >= 0xF0 ? 4u : 3u);
}

std::string_view stem(std::string_view w) {
  if (is_number(w)) return "#";
  return is_ascii_word(w) && w.size() > 6 ? w.substr(0, 6) : w;
}

}  // namespace

std::vector<Sentence> split_sentences(std::string_view t) {
  std::vector<Sentence> out;
  std::size_t start = 0;
  const auto end_here = [&](std::size_t end) {
    while (start < end && t[start] == ' ') ++start;
    if (end > start) out.push_back({start, end});
    start = end;
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == ';' || c == '!' || c == '?') {
      end_here(i + 1);
    } else if (c == '.') {
      const bool followed_by_space = i + 1 >= t.size() || t[i + 1] == ' ';
      const bool after_digit = i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9' && i + 1 < t.size() &&
                               t[i + 1] >= '0' && t[i + 1] <= '9';
      const bool abbreviation = i >= 2 && (t[i - 2] == ' ' || t[i - 2] == '.' || t[i - 2] == '(');
      if (followed_by_space && !after_digit && !abbreviation) end_here(i + 1);
    } else if (static_cast<unsigned char>(c) == 0xE3 && i + 2 < t.size() &&
               static_cast<unsigned char>(t[i + 1]) == 0x80 &&
               static_cast<unsigned char>(t[i + 2]) == 0x82) {
      end_here(i + 3);  // 。
    } else if (static_cast<unsigned char>(c) == 0xEF && i + 2 < t.size() &&
               static_cast<unsigned char>(t[i + 1]) == 0xBC &&
               (static_cast<unsigned char>(t[i + 2]) == 0x9B ||
                static_cast<unsigned char>(t[i + 2]) == 0x81 ||
                static_cast<unsigned char>(t[i + 2]) == 0x9F)) {
      end_here(i + 3);  // ；！？
    }
  }
  end_here(t.size());
  return out;
}

std::vector<std::uint32_t> word_features(std::string_view t, const std::vector<Word>& words,
                                         std::size_t first, std::size_t last) {
  std::vector<std::uint32_t> out;
  const auto text_of = [&](std::size_t i) {
    return t.substr(words[i].begin, words[i].end - words[i].begin);
  };
  for (std::size_t i = first; i < last; ++i) {
    const std::string_view w = text_of(i);
    if (is_ideograph_word(w)) {
      const bool next_adjacent = i + 1 < last && words[i + 1].begin == words[i].end;
      if (next_adjacent) {
        const std::string_view w2 = text_of(i + 1);
        out.push_back(hash32("c2", w, w2));
        if (i + 2 < last && words[i + 2].begin == words[i + 1].end)
          out.push_back(hash32("c3", w, w2, text_of(i + 2)));
      }
      continue;
    }
    const std::string_view s = stem(w);
    if (std::find(kFunctionWords.begin(), kFunctionWords.end(), w) == kFunctionWords.end())
      out.push_back(hash32("u", s));
    if (i + 1 < last && !is_ideograph_word(text_of(i + 1)))
      out.push_back(hash32("b", s, stem(text_of(i + 1))));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::uint32_t> sentence_features(std::string_view t, std::size_t begin,
                                             std::size_t end) {
  end = std::min(end, t.size());
  begin = std::min(begin, end);
  const std::vector<Word> words = split_words(t.substr(begin, end - begin));
  return word_features(t.substr(begin, end - begin), words, 0, words.size());
}

}  // namespace oblige::identify
