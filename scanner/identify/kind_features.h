// Sentences and their features, for detecting clause kinds by similarity
// (kind_model.h).
//
// A sentence ends at ". " (not inside a number or after a one-letter
// abbreviation), at ";", "!", "?" and at their Chinese forms. Its features
// are hashes of its words cut to six bytes (a crude stem: "distribute",
// "distribution" and "distributing" share one), of pairs of adjacent stems,
// and of pairs and triples of adjacent Chinese characters; numbers become one
// word "#", so "100 million" and "700 million" look alike. A few English
// function words are no unigram features (they still form pairs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "scanner/identify/words.h"

namespace oblige::identify {

struct Sentence {
  std::size_t begin = 0, end = 0;  // normalized byte offsets
};

std::vector<Sentence> split_sentences(std::string_view normalized);

// Sorted, unique feature hashes of the words of `normalized[begin, end)`.
std::vector<std::uint32_t> sentence_features(std::string_view normalized, std::size_t begin,
                                             std::size_t end);

// The same for words already split (words[first, last) of `normalized`).
std::vector<std::uint32_t> word_features(std::string_view normalized,
                                         const std::vector<Word>& words, std::size_t first,
                                         std::size_t last);

}  // namespace oblige::identify
