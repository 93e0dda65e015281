// Fingerprints: what oblige keeps of a license's reference texts, and the
// file format they are committed in (signatures/fingerprints/<stem>.fp, one
// file per signature file signatures/<stem>.yaml).
//
// A reference fingerprint is the set of 32-bit hashes of the text's 4-word
// shingles (shingles.h), without those of copyright notice lines (a
// "Copyright (c) 2024 Example" line differs in every copy), plus, for item
// "clause kinds that carry over", one example per clause of the signature
// found in that text: the clause id, its kind and the hashed features
// (kind_features.h) of the sentence that holds it. Hashes only: the text
// cannot be read back from them.
//
// The file is text: a header line, "signature STEM", then for each reference
//   reference SOURCE          (where the reference copy came from)
//   words N                   (its word count)
//   shingles M
//   <hashes>                  (sorted, delta-encoded varints in base64, 76 per line)
//   example CLAUSE-ID KIND
//   <feature hashes>          (the same encoding)
// and "end". tools/make_fingerprints.cc writes it; tools/compile_fingerprints.cc
// reads it at build time.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/identify/words.h"

namespace oblige::identify {

struct ClauseExample {
  std::string clause;  // clause id within the signature
  std::string kind;
  std::vector<std::uint32_t> features;  // sorted, unique
};

struct ReferenceFingerprint {
  std::string source;
  std::uint32_t words = 0;
  std::vector<std::uint32_t> shingles;  // sorted, unique
  std::vector<ClauseExample> examples;
};

struct FingerprintFile {
  std::string signature;  // the signature file's stem
  std::vector<ReferenceFingerprint> references;
};

std::string write_fingerprint_file(const FingerprintFile& file);
// False, with a message naming the line, on a malformed file.
bool read_fingerprint_file(std::string_view text, FingerprintFile* out, std::string* error);

// Marks the words that lie on a copyright notice line of `source`: a line of
// at most 24 words that starts (after Markdown markers) with "Copyright",
// "©", "All rights reserved", or "(c)" before a year or "copyright" (not the
// list item "(c) You must ...").
// `origin` maps normalized offsets to source offsets (NormalizedText::origin).
std::vector<bool> notice_line_words(std::string_view source, std::span<const std::uint32_t> origin,
                                    const std::vector<Word>& words);

// The sorted, unique shingle hashes of `words` (split from `text`), leaving
// out every shingle that touches a word marked in `skip` (empty: none).
std::vector<std::uint32_t> shingle_set(std::string_view text, const std::vector<Word>& words,
                                       const std::vector<bool>& skip);

}  // namespace oblige::identify
