// Shingles: hashed runs of kShingleWords consecutive words (words.h), the
// unit of whole-text similarity. Two copies of a license share almost all
// their shingles; a changed word breaks the kShingleWords shingles that hold
// it, so the shingles a text shares with a reference also tell which of its
// words the reference explains.
//
// Four words: measured on the corpus and the SPDX texts with a clause
// dropped, ten words changed and forty added, 3-, 4-, 5- and 6-word shingles
// all keep every text nearest to its own license; four keeps changed regions
// tight while a Chinese text (one word per character) still needs a
// four-character run in common.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "scanner/identify/words.h"

namespace oblige::identify {

inline constexpr std::size_t kShingleWords = 4;

// The hash of the shingle starting at words[i] of `text` (the text the words
// were split from); words.size() - i >= kShingleWords.
std::uint32_t shingle_hash(std::string_view text, const std::vector<Word>& words, std::size_t i);

// One hash per shingle, in text order: element i covers words i .. i+3. Empty
// when there are fewer words than a shingle.
std::vector<std::uint32_t> shingle_hashes(std::string_view text, const std::vector<Word>& words);

}  // namespace oblige::identify
