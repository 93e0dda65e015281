// CompiledSignatures: the signature set turned into RE2 programs, built once
// per run and shared by every thread.
//
// The prefilter tells which signatures' anchors and reference phrases occur
// in a text. For the built-in signatures it needs no compiling: each pattern
// has literal guards worked out at build time (prefilter_guards.h), one scan
// for them (literal_scanner.h) finds the few patterns that may match, and
// only those are searched (a plain phrase as bytes, others by RE2, compiled
// on first use: pattern.h). Patterns without a guard (those of
// --signatures folders) go into one RE2::Set. A signature's other patterns
// (require, reject, clauses) are compiled only the first time its anchors
// are seen, so start-up stays fast however many signatures there are.
//
// It also holds the whole-text similarity index (similarity_index.h) and the
// clause-kind model (kind_model.h), both embedded, and maps each tier-1
// reference text of the index to its signature.
//
// The other patterns are guarded the same way: guarded_patterns() tells
// identification which of a signature's patterns a text's atoms rule out,
// and the generic detectors' clause patterns a text's atoms allow are the
// only ones compiled and searched (generic_patterns).
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scanner/identify/kind_model.h"
#include "scanner/identify/literal_scanner.h"
#include "scanner/identify/pattern.h"
#include "scanner/identify/prefilter_guards.h"
#include "scanner/identify/similarity_index.h"
#include "scanner/signatures/loader.h"

namespace oblige::identify {

// The patterns of one signature. Identical patterns of different signatures
// (the Llama 3.x texts share most clauses) are one Pattern, owned by
// CompiledSignatures; each compiles its RE2 program only if a text needs it
// (pattern.h).
using PatternList = std::vector<const Pattern*>;
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
  // pass an empty index to identify by patterns alone. Without `use_guards`
  // every pattern goes into the RE2::Set (tests compare the two).
  explicit CompiledSignatures(const signatures::SignatureSet& set,
                              std::int64_t prefilter_max_mem = 256 << 20,
                              const SimilarityIndex* index = nullptr,
                              const KindModel* kinds = nullptr, bool use_guards = true);

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

  // Which guards a text lets through: those with an atom present in it, or
  // all of them when the text defeats the guards (defeats_guards) or there
  // are none. One scan of the text serves every question about it.
  struct GuardHits {
    bool all = false;
    std::vector<bool> present;  // per atom
    bool allow(const EmbeddedGuard& g) const;
  };
  GuardHits guard_hits(std::string_view text) const;

  // Indices (into set().signatures) of non-generic signatures whose anchors
  // or reference phrases occur in `normalized`, sorted.
  std::vector<std::size_t> candidates(std::string_view normalized) const;
  // The same, each confirming search of a guarded pattern made by `matches`
  // (identification remembers what it found, to search no pattern twice).
  using PatternMatcher = std::function<bool(const Pattern&)>;
  std::vector<std::size_t> candidates(std::string_view normalized, const GuardHits& hits,
                                      const PatternMatcher& matches = {}) const;

  // The patterns of signature `index`; listed on first use, thread-safe.
  const SignaturePatterns& patterns(std::size_t index) const;
  // Each pattern of signature `index` that has a build-time guard, with it:
  // where guard_hits() does not allow it, it cannot match.
  struct GuardedPattern {
    const Pattern* pattern;
    const EmbeddedGuard* guard;
  };
  std::span<const GuardedPattern> guarded_patterns(std::size_t index) const;

  // True when the prefilter ran out of memory and fell back to single patterns.
  bool used_fallback() const { return fallback_used_; }
  // How many anchor and reference patterns have a build-time guard, and how
  // many went into the RE2::Set.
  std::size_t guarded_patterns() const { return guarded_.size(); }
  std::size_t set_patterns() const { return unguarded_.size(); }

  // The patterns of generic signature `index` as they apply to `text`: each
  // clause pattern whose guard says it cannot match there is never_matches()
  // (never to be searched).
  SignaturePatterns generic_patterns(std::size_t index, std::string_view text) const;
  const Pattern* never_matches() const { return never_.get(); }

 private:
  const signatures::SignatureSet& set_;
  const SimilarityIndex* index_;
  const KindModel* kinds_;
  std::vector<std::size_t> ref_signature_;
  std::vector<bool> has_fingerprint_;
  // Guarded patterns, by owner: a match of any makes its signature a candidate.
  struct Guarded {
    std::size_t owner;  // signature index
    const Pattern* pattern;
    const EmbeddedGuard* guard;
  };
  std::vector<Guarded> guarded_;
  // The guards' scanners (prefilter_guards.h), one per part.
  struct GuardScanner {
    const GuardScannerPart* part;
    std::unique_ptr<LiteralScanner> scanner;
  };
  std::vector<GuardScanner> guard_scanners_;
  std::size_t guard_atoms_ = 0;
  // The others, in one RE2::Set (absent when there are none, or out of memory).
  struct Unguarded {
    std::size_t owner;
    const std::string* pattern;
  };
  std::vector<Unguarded> unguarded_;
  std::unique_ptr<RE2::Set> prefilter_;
  void add_guarded_candidates(std::string_view normalized, const GuardHits& hits,
                              const PatternMatcher& matches, std::vector<bool>* candidate) const;
  void add_set_candidates(std::string_view normalized, std::vector<bool>* candidate) const;
  // One pattern from the pool; `wide_budget` as in Pattern's constructor.
  const Pattern* pooled(const std::string& pattern, bool wide_budget) const;
  struct Lazy {
    std::once_flag once;
    SignaturePatterns patterns;
    std::vector<GuardedPattern> guarded;
  };
  std::unique_ptr<Lazy[]> lazy_;
  mutable std::atomic<bool> fallback_used_{false};
  // Every distinct pattern, once.
  mutable std::mutex pool_mutex_;
  mutable std::unordered_map<std::string, std::unique_ptr<Pattern>> pool_;
  std::unordered_map<std::string_view, const EmbeddedGuard*> guards_;
  std::unique_ptr<Pattern> never_;
  PatternList pooled_all(const std::vector<std::string>& patterns, bool wide_budget) const;
};

}  // namespace oblige::identify
