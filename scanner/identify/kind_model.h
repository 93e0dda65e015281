// KindModel: clause kinds recognised by similarity to examples, so that an
// unknown license (or text added to a known one) still gets its obligations.
//
// Every clause with a kind, of every signature, is an example of that kind,
// three ways: the sentence of each reference text where the clause was found
// (its features come from signatures/fingerprints/, hashed), the words of the
// clause's patterns, and its summary. tools/compile_fingerprints.cc gathers
// them at build time and weights each feature by its rarity among all
// examples (inverse document frequency); the model is embedded in the binary
// like the similarity index and read in place.
//
// classify() scores a sentence's features against every example (cosine of
// the weighted feature sets) and returns, per kind, the best example at or
// above the threshold: the kind, the score, and which signature's clause it
// resembles, so every finding can say why.
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace oblige::identify {

struct KindExampleInput {
  std::string kind, signature, family, clause;
  std::vector<std::uint32_t> features;  // sorted, unique
};

std::string build_kind_model_blob(const std::vector<KindExampleInput>& examples);

struct KindMatch {
  std::string_view kind;
  double score = 0;
  std::string_view signature;  // the example's signature (file stem) and clause
  std::string_view clause;
};

class KindModel {
 public:
  KindModel() = default;
  // Reads `blob` in place; throws std::runtime_error when it is malformed.
  explicit KindModel(std::string_view blob);
  static const KindModel& embedded();

  std::size_t size() const { return examples_.size(); }

  // The best example of each kind scoring at least `threshold`, best first.
  // Examples of `exclude_family` are left out (leave-one-out measurements).
  std::vector<KindMatch> classify(const std::vector<std::uint32_t>& features, double threshold,
                                  std::string_view exclude_family = {}) const;

 private:
  struct Example {
    std::string_view kind, signature, family, clause;
    float norm = 0;
  };
  // Where features_[k] == f, or features_.size() when f is not there.
  std::size_t find_feature(std::uint32_t f) const;
  // The features' directory (hash_directory.h) has this many bits: a lookup
  // searches about four values instead of fifteen thousand, whose binary
  // search was most of classify().
  static constexpr std::uint32_t kBucketBits = 12;

  std::vector<Example> examples_;
  std::span<const std::uint32_t> features_, starts_;
  std::span<const float> weights_;
  std::span<const std::uint16_t> postings_;
  float unknown_weight_ = 0;
  mutable std::once_flag buckets_built_;
  mutable std::vector<std::uint32_t> buckets_;  // hash_directory(features_, kBucketBits)
};

}  // namespace oblige::identify
