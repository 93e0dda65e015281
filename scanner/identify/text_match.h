// Text matching: which reference texts a file holds, where, and how much of
// the file they explain.
//
// match_texts() splits a normalized text into words and 4-word shingles,
// looks one shingle in four up in the SimilarityIndex (is_sampled) and
// counts, per reference, the file's distinct sampled shingles it holds. For
// the references holding the most, every shingle is checked against the
// reference's own sorted shingles. They are then placed one after the other:
// each takes the densest run of the file's still-unassigned words whose
// shingles it holds (+1 per shingle held, -2 per shingle not held, the
// best-scoring run); the one explaining most words, weighted by its
// similarity, is placed first (among those holding at least half of what the
// best holds), until no reference explains enough of what is left. A word is explained by a
// reference when a shingle of the reference covers it; the unexplained words inside a license's
// range are what was added or changed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "scanner/identify/similarity_index.h"
#include "scanner/identify/words.h"

namespace oblige::identify {

struct TextRange {
  std::size_t begin = 0, end = 0;  // normalized byte offsets
};

// One reference placed over a run of the file's words.
struct PlacedText {
  std::size_t reference = 0;                 // index into the SimilarityIndex
  std::size_t first_word = 0, end_word = 0;  // the run of words, [first, end)
  TextRange range;                           // the same run as normalized offsets
  std::uint32_t held = 0;                    // distinct shingles of the run the reference holds
  std::uint32_t run_shingles = 0;            // distinct shingles of the run
  double similarity = 0;                     // held / max(reference's shingles, run's shingles)
  double containment = 0;                    // held / reference's shingles
  std::size_t explained_words = 0;           // words of the run a held shingle covers
  // Other references that explain the same run within a hair (same text
  // published under several names, near-identical versions).
  std::vector<std::size_t> close;
};

// The distinct shingle hashes of a text, ascending, and where each one's
// positions start in TextMatch::by_hash (one entry more: its end).
struct HashGroups {
  std::vector<std::uint32_t> hashes;
  std::vector<std::uint32_t> begin;
};

struct TextMatch {
  std::vector<Word> words;
  std::vector<std::uint32_t> hashes;   // per shingle (shingles.h)
  std::vector<char> first_occurrence;  // per shingle: its hash's first place in the text
  std::vector<std::uint64_t> by_hash;  // hash << 32 | position per shingle, sorted
  HashGroups groups;                   // of by_hash
  std::vector<PlacedText> placed;      // in text order
  // The reference nearest to the whole file, and its similarity, whether or
  // not anything was placed (for "unrecognized, closest to ...").
  std::size_t closest = 0;
  double closest_similarity = 0;
  bool has_closest = false;
};

struct MatchOptions {
  double min_similarity = 0.6;   // of a placed run to its reference
  double min_containment = 0.6;  // share of the reference's shingles in the run
  std::size_t max_placed = 6;
};

TextMatch match_texts(std::string_view normalized, const SimilarityIndex& index,
                      const MatchOptions& options = {});

// How `reference` explains the words match.words[first, end): which words a
// shingle it holds covers, and the similarity and containment of that run.
struct Explanation {
  std::vector<bool> explained;  // per word of the whole text
  std::size_t explained_words = 0;
  double similarity = 0;   // distinct held / max(reference's shingles, run's distinct shingles)
  double containment = 0;  // distinct held / reference's shingles
};
Explanation explain(const TextMatch& match, const SimilarityIndex& index, std::size_t reference,
                    std::size_t first, std::size_t end);

// Runs of unexplained words, as ranges, that are not a copyright notice (a
// run of at most 24 words right after the word "copyright" or holding it
// among its first four: every copy names its own holder, often under a
// short title). Runs closer than four words are merged. `words_out` gets the
// number of unexplained words in the runs returned.
std::vector<TextRange> added_runs(const std::vector<Word>& words, std::string_view normalized,
                                  const std::vector<bool>& explained, std::size_t first,
                                  std::size_t end, std::size_t* words_out);

}  // namespace oblige::identify
