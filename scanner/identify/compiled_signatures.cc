#include "scanner/identify/compiled_signatures.h"

#include <algorithm>
#include <boost/filesystem/path.hpp>
#include <map>

#include "scanner/identify/prefilter_guards.h"
#include "scanner/signatures/pattern_options.h"
#include "scanner/text/normalize.h"

namespace oblige::identify {

const Pattern* CompiledSignatures::pooled(const std::string& p, bool wide_budget) const {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  std::unique_ptr<Pattern>& pattern = pool_[p];
  if (!pattern) pattern = std::make_unique<Pattern>(p, wide_budget);
  return pattern.get();
}

PatternList CompiledSignatures::pooled_all(const std::vector<std::string>& patterns,
                                           bool wide_budget) const {
  PatternList out;
  out.reserve(patterns.size());
  for (const std::string& p : patterns) out.push_back(pooled(p, wide_budget));
  return out;
}

CompiledSignatures::CompiledSignatures(const signatures::SignatureSet& set,
                                       std::int64_t prefilter_max_mem, const SimilarityIndex* index,
                                       const KindModel* kinds, bool use_guards)
    : set_(set),
      index_(index ? index : &SimilarityIndex::embedded()),
      kinds_(kinds ? kinds : &KindModel::embedded()),
      has_fingerprint_(set.signatures.size(), false),
      lazy_(new Lazy[set.signatures.size()]) {
  std::map<std::string, std::size_t, std::less<>> by_stem;
  for (std::size_t i = 0; i < set.signatures.size(); ++i)
    by_stem.emplace(boost::filesystem::path(set.signatures[i].file).stem().string(), i);
  ref_signature_.assign(index_->size(), kNoSignature);
  for (std::size_t r = 0; r < index_->size(); ++r) {
    const IndexReference& ref = index_->reference(r);
    if (ref.tier != Tier::kSignature) continue;
    if (auto it = by_stem.find(ref.key); it != by_stem.end()) {
      ref_signature_[r] = it->second;
      has_fingerprint_[it->second] = true;
    }
  }
  never_ = std::make_unique<Pattern>("\\b\\B", true);
  if (use_guards)
    for (const EmbeddedGuard& g : embedded_guards()) guards_.emplace(g.pattern, &g);
  for (std::size_t i = 0; i < set.signatures.size(); ++i) {
    const signatures::Signature& sig = set.signatures[i];
    if (sig.generic) continue;
    for (const auto* list : {&sig.anchors, &sig.references})
      for (const std::string& pattern : *list) {
        if (const auto it = guards_.find(pattern); it != guards_.end())
          guarded_.push_back({i, pooled(pattern, false), it->second});
        else
          unguarded_.push_back({i, &pattern});
      }
  }
  if (!guards_.empty()) {
    guard_atoms_ = embedded_guard_atoms().size();
    for (const GuardScannerPart& part : embedded_guard_scanners())
      guard_scanners_.push_back({&part, std::make_unique<LiteralScanner>(part.tables)});
  }
  if (unguarded_.empty()) return;
  RE2::Options options = signatures::pattern_options();
  options.set_max_mem(prefilter_max_mem);
  prefilter_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  // A pattern that does not compile was rejected by the loader's checks;
  // the set then leaves it out, and so does its owner list.
  std::vector<Unguarded> added;
  for (const Unguarded& u : unguarded_)
    if (prefilter_->Add(*u.pattern, nullptr) >= 0) added.push_back(u);
  unguarded_ = std::move(added);
  if (!prefilter_->Compile()) prefilter_.reset();  // out of memory: single patterns instead
}

bool CompiledSignatures::GuardHits::allow(const EmbeddedGuard& g) const {
  if (all) return true;
  for (std::uint32_t a = g.first_atom; a < g.first_atom + g.atom_count; ++a)
    if (present[a]) return true;
  return false;
}

CompiledSignatures::GuardHits CompiledSignatures::guard_hits(std::string_view text) const {
  GuardHits hits;
  hits.all = guard_scanners_.empty() || defeats_guards(text);
  if (hits.all) return hits;
  hits.present.assign(guard_atoms_, false);
  const bool ascii = oblige::text::is_ascii(text);
  for (const GuardScanner& g : guard_scanners_) {
    if (g.part->non_ascii && ascii) continue;  // none of its atoms can be there
    g.scanner->mark_present(text, g.part->atom_of, &hits.present);
  }
  return hits;
}

void CompiledSignatures::add_guarded_candidates(std::string_view normalized, const GuardHits& hits,
                                                const PatternMatcher& matches,
                                                std::vector<bool>* candidate) const {
  if (guarded_.empty()) return;
  const bool comparable = !matches && literal_comparable(normalized);
  for (const Guarded& g : guarded_) {
    if ((*candidate)[g.owner] || !hits.allow(*g.guard))
      continue;  // one match of a signature is enough
    const Pattern& pattern = *g.pattern;
    if (matches ? matches(pattern) : pattern.find(normalized, 0, comparable).has_value())
      (*candidate)[g.owner] = true;
  }
}

void CompiledSignatures::add_set_candidates(std::string_view normalized,
                                            std::vector<bool>* candidate) const {
  if (unguarded_.empty()) return;
  if (prefilter_) {
    std::vector<int> hits;
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    prefilter_->Match(re2::StringPiece(normalized.data(), normalized.size()), &hits, &info);
    if (info.kind == RE2::Set::kNoError) {
      for (int h : hits) (*candidate)[unguarded_[static_cast<std::size_t>(h)].owner] = true;
      return;
    }
  }
  // The DFA ran out of memory (or never compiled): each pattern alone.
  fallback_used_ = true;
  const re2::StringPiece text(normalized.data(), normalized.size());
  for (const Unguarded& u : unguarded_)
    if (!(*candidate)[u.owner] && RE2::PartialMatch(text, pooled(*u.pattern, false)->re()))
      (*candidate)[u.owner] = true;
}

std::vector<std::size_t> CompiledSignatures::candidates(std::string_view normalized) const {
  return candidates(normalized, guard_hits(normalized));
}

std::vector<std::size_t> CompiledSignatures::candidates(std::string_view normalized,
                                                        const GuardHits& hits,
                                                        const PatternMatcher& matches) const {
  std::vector<bool> candidate(set_.signatures.size(), false);
  add_guarded_candidates(normalized, hits, matches, &candidate);
  add_set_candidates(normalized, &candidate);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < candidate.size(); ++i)
    if (candidate[i]) out.push_back(i);
  return out;
}

SignaturePatterns CompiledSignatures::generic_patterns(std::size_t index,
                                                       std::string_view text) const {
  const signatures::Signature& sig = set_.signatures[index];
  const GuardHits hits = guard_hits(text);
  const auto may_match = [&](const std::string& pattern) {
    const auto it = guards_.find(pattern);
    return it == guards_.end() || hits.allow(*it->second);
  };
  SignaturePatterns out;
  // The generic patterns search whole unknown texts, of any length: with
  // the small budget their DFAs ran out on multi-megabyte texts and RE2
  // fell back to its slower engines (a 4 MB text: 1.4 s -> 1.9 s).
  for (const signatures::Clause& clause : sig.clauses) {
    PatternList list;
    for (const std::string& p : clause.patterns)
      list.push_back(may_match(p) ? pooled(p, true) : never_.get());
    out.clauses.push_back(std::move(list));
  }
  return out;
}

const SignaturePatterns& CompiledSignatures::patterns(std::size_t index) const {
  Lazy& lazy = lazy_[index];
  std::call_once(lazy.once, [&] {
    const signatures::Signature& sig = set_.signatures[index];
    // The generic patterns search whole unknown texts, of any length: with
    // the small budget their DFAs ran out on multi-megabyte texts and RE2
    // fell back to its slower engines (a 4 MB text: 1.4 s -> 1.9 s).
    const bool full = sig.generic;
    lazy.patterns.anchors = pooled_all(sig.anchors, full);
    lazy.patterns.require = pooled_all(sig.require, full);
    lazy.patterns.reject = pooled_all(sig.reject, full);
    lazy.patterns.references = pooled_all(sig.references, full);
    for (const signatures::Clause& clause : sig.clauses)
      lazy.patterns.clauses.push_back(pooled_all(clause.patterns, full));
    const auto add = [&](const std::vector<std::string>& source, const PatternList& compiled) {
      for (std::size_t k = 0; k < source.size(); ++k)
        if (const auto it = guards_.find(source[k]); it != guards_.end())
          lazy.guarded.push_back({compiled[k], it->second});
    };
    add(sig.anchors, lazy.patterns.anchors);
    add(sig.require, lazy.patterns.require);
    add(sig.reject, lazy.patterns.reject);
    add(sig.references, lazy.patterns.references);
    for (std::size_t c = 0; c < sig.clauses.size(); ++c)
      add(sig.clauses[c].patterns, lazy.patterns.clauses[c]);
  });
  return lazy.patterns;
}

std::span<const CompiledSignatures::GuardedPattern> CompiledSignatures::guarded_patterns(
    std::size_t index) const {
  patterns(index);
  return lazy_[index].guarded;
}

}  // namespace oblige::identify
