// CompiledSignatures: the signature set turned into RE2 programs, built once
// per run and shared by every thread.
//
// The anchors and reference phrases of all signatures go into one RE2::Set,
// the prefilter: one pass over a text tells which signatures can possibly
// match. A signature's other patterns (require, reject, clauses) are compiled
// only the first time its anchors are seen, so start-up stays fast however
// many signatures there are.
//
// It also holds the whole-text similarity index (similarity_index.h) and the
// clause-kind model (kind_model.h), both embedded, and maps each tier-1
// reference text of the index to its signature.
//
// The generic detectors' clause patterns have a prefilter of their own (built
// on first use): one pass tells which of them can match an unrecognized
// text, and only those are searched for their spans.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scanner/identify/kind_model.h"
#include "scanner/identify/similarity_index.h"
#include "scanner/signatures/loader.h"

namespace oblige::identify {

// The patterns of one signature, compiled. Identical patterns of different
// signatures (the Llama 3.x texts share most clauses) are one RE2 object,
// owned by CompiledSignatures.
using PatternList = std::vector<const RE2*>;
struct SignaturePatterns {
  PatternList anchors;
  PatternList require;
  PatternList reject;
  PatternList references;
  std::vector<PatternList> clauses;  // [clause][pattern]
};

class CompiledSignatures {
 public:
  // `prefilter_max_mem` bounds the RE2::Set's memory; tests make it tiny to
  // exercise the single-pattern fallback.
  // `index` and `kinds` default to the ones embedded in the binary; tools
  // pass an empty index to identify by patterns alone.
  explicit CompiledSignatures(const signatures::SignatureSet& set,
                              std::int64_t prefilter_max_mem = 256 << 20,
                              const SimilarityIndex* index = nullptr,
                              const KindModel* kinds = nullptr);

  const signatures::SignatureSet& set() const { return set_; }
  const SimilarityIndex& index() const { return *index_; }
  const KindModel& kinds() const { return *kinds_; }

  // The signature a tier-1 reference text belongs to (matched by the
  // signature file's stem), or kNoSignature (tier 2, or not loaded).
  static constexpr std::size_t kNoSignature = static_cast<std::size_t>(-1);
  std::size_t signature_of_reference(std::size_t reference) const {
    return ref_signature_[reference];
  }
  // True when at least one reference text of signature `index` is indexed.
  bool has_fingerprint(std::size_t index) const { return has_fingerprint_[index]; }

  // Indices (into set().signatures) of non-generic signatures whose anchors
  // or reference phrases occur in `normalized`, sorted.
  std::vector<std::size_t> candidates(std::string_view normalized) const;

  // Compiled patterns of signature `index`; compiled on first use, thread-safe.
  const SignaturePatterns& patterns(std::size_t index) const;

  // True when the prefilter ran out of memory and fell back to single patterns.
  bool used_fallback() const { return fallback_used_; }

  // The generic signatures' clause patterns that do not occur in
  // `normalized` (one RE2::Set pass). Empty when the set could not say (out
  // of memory): then every pattern is searched, as without a prefilter.
  std::vector<const RE2*> absent_generic_patterns(std::string_view normalized) const;

 private:
  const signatures::SignatureSet& set_;
  const SimilarityIndex* index_;
  const KindModel* kinds_;
  std::vector<std::size_t> ref_signature_;
  std::vector<bool> has_fingerprint_;
  std::unique_ptr<RE2::Set> prefilter_;
  std::vector<std::size_t> prefilter_owner_;  // prefilter pattern -> signature index
  struct Lazy {
    std::once_flag once;
    SignaturePatterns patterns;
  };
  std::unique_ptr<Lazy[]> lazy_;
  mutable std::atomic<bool> fallback_used_{false};
  // Every distinct pattern, compiled once.
  mutable std::mutex pool_mutex_;
  mutable std::unordered_map<std::string, std::unique_ptr<RE2>> pool_;
  // `full_budget`: the loader's DFA budget at once, not half of it first.
  PatternList compile_all(const std::vector<std::string>& patterns, bool full_budget) const;
  // The generic detectors' prefilter: set pattern -> compiled pattern.
  mutable std::once_flag generic_once_;
  mutable std::unique_ptr<RE2::Set> generic_prefilter_;
  mutable PatternList generic_patterns_;
  void build_generic_prefilter() const;
};

}  // namespace oblige::identify
