// SimilarityIndex: every reference text's shingles (fingerprint.h) in one
// inverted index, built at build time (tools/compile_fingerprints.cc) and
// embedded in the binary, so using it costs no start-up work: the arrays are
// read in place, and only the pages a text touches are ever loaded.
//
// Two tiers share the index. Tier 1 holds the reference texts of oblige's
// signatures (signatures/fingerprints/*.fp), keyed by the signature file's
// stem. Tier 2 holds the texts of the SPDX License List (npm package
// spdx-license-list) for licenses no signature covers, keyed by SPDX id, each
// with a category of license (spdx_tier.h).
//
// The layout (32-bit little-endian words unless said otherwise):
//   header      magic "OBSX", version, shingle words, #refs, #keys,
//               #postings, #forward shingles, directory bits, #string bytes
//   refs        per reference: tier, key, name and also (offset and length
//               each), shingle count, word count, category, sampled count
//   directory   (1 << bits) + 1 starts into keys, by a hash's top bits
//   keys        sorted distinct sampled shingle hashes (is_sampled: the
//               only ones matching looks up)
//   starts      #keys + 1 starts into postings
//   postings    16-bit reference numbers, ascending per key (padded to 4 bytes)
//   forward     each reference's sorted shingles, reference after reference
//   strings     keys and names
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace oblige::identify {

enum class Tier : std::uint32_t { kSignature = 1, kSpdxList = 2 };

struct IndexReference {
  Tier tier = Tier::kSignature;
  std::string_view key;   // signature file stem (tier 1) or SPDX id (tier 2)
  std::string_view name;  // source of the reference (tier 1) or the license's name (tier 2)
  std::string_view also;  // tier 2: other SPDX ids with the same text, comma-separated
  std::uint32_t shingles = 0;
  std::uint32_t words = 0;
  std::uint32_t category = 0;          // tier 2: index into spdx_tier.h's categories
  std::uint32_t sampled = 0;           // shingles that is_sampled() keeps
  std::span<const std::uint32_t> own;  // the reference's sorted shingles
};

// The shingles the first, rough pass of matching looks up: one in four, by
// hash, so the same ones in every text and every reference.
inline bool is_sampled(std::uint32_t hash) { return (hash & 3u) == 0; }

class SimilarityIndex {
 public:
  // An empty index.
  SimilarityIndex() = default;
  // Reads `blob` in place (it must outlive the index). Throws
  // std::runtime_error when it is malformed.
  explicit SimilarityIndex(std::string_view blob);

  // The index compiled into the binary.
  static const SimilarityIndex& embedded();

  std::size_t size() const { return refs_.size(); }
  const IndexReference& reference(std::size_t i) const { return refs_[i]; }
  std::uint32_t shingle_words() const { return shingle_words_; }

  // The references (ascending) whose texts hold the shingle `hash`, for a
  // sampled hash (is_sampled); other hashes are not indexed (a reference's
  // `own` shingles hold them all).
  std::span<const std::uint16_t> lookup(std::uint32_t hash) const;
  // For each of `hashes` (sampled ones; others are skipped), one more in
  // held[r] for every reference r that holds it: lookup() for each, the
  // tables' lines fetched several hashes ahead (each lookup is three
  // dependent reads far apart in a 3 MB index, and their misses were most
  // of the first pass of matching). `held` has size() entries.
  void count_held(std::span<const std::uint32_t> hashes, std::span<std::uint32_t> held) const;

 private:
  std::vector<IndexReference> refs_;
  std::uint32_t shingle_words_ = 0;
  std::uint32_t dir_bits_ = 0;
  std::span<const std::uint32_t> dir_, keys_, starts_;
  std::span<const std::uint16_t> postings_;
  // Where a sampled hash is in keys_, if any reference holds it.
  std::optional<std::uint32_t> key_of(std::uint32_t hash) const;
};

// What the build step puts in: one entry per reference text.
struct IndexInput {
  Tier tier = Tier::kSignature;
  std::string key, name, also;
  std::uint32_t words = 0;
  std::uint32_t category = 0;
  std::vector<std::uint32_t> shingles;  // sorted, unique
};

// The blob for `inputs` (at most 65,535 references).
std::string build_index_blob(const std::vector<IndexInput>& inputs, std::uint32_t shingle_words);

}  // namespace oblige::identify
