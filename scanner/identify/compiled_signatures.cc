#include "scanner/identify/compiled_signatures.h"

#include <algorithm>
#include <boost/filesystem/path.hpp>
#include <map>

#include "scanner/signatures/pattern_options.h"

namespace oblige::identify {
namespace {

constexpr std::int64_t kScanPatternMemory = 64 << 10;

}  // namespace

PatternList CompiledSignatures::compile_all(const std::vector<std::string>& patterns,
                                            bool full_budget) const {
  PatternList out;
  out.reserve(patterns.size());
  std::lock_guard<std::mutex> lock(pool_mutex_);
  for (const std::string& p : patterns) {
    std::unique_ptr<RE2>& re = pool_[p];
    if (!re) {
      // Half the loader's budget first: the DFA caches of the patterns a scan
      // touches were most of its memory (the shared corpus: 78 MB peak at
      // 128 KiB, 58 MB at 64 KiB, the same CPU; 32 KiB saves 15 MB more but
      // costs 40-60 % more CPU on multi-megabyte texts). A pattern whose
      // program does not fit gets the full budget it was checked with.
      RE2::Options small = signatures::pattern_options();
      small.set_max_mem(kScanPatternMemory);
      if (!full_budget) re = std::make_unique<RE2>(p, small);
      if (!re || !re->ok()) re = std::make_unique<RE2>(p, signatures::pattern_options());
    }
    out.push_back(re.get());
  }
  return out;
}

CompiledSignatures::CompiledSignatures(const signatures::SignatureSet& set,
                                       std::int64_t prefilter_max_mem, const SimilarityIndex* index,
                                       const KindModel* kinds)
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
  RE2::Options options = signatures::pattern_options();
  options.set_max_mem(prefilter_max_mem);
  prefilter_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (std::size_t i = 0; i < set.signatures.size(); ++i) {
    const signatures::Signature& sig = set.signatures[i];
    if (sig.generic) continue;
    for (const auto* list : {&sig.anchors, &sig.references}) {
      for (const std::string& pattern : *list) {
        // A pattern that does not compile was rejected by the loader's checks;
        // skipping it here keeps the set usable either way.
        if (prefilter_->Add(pattern, nullptr) >= 0) prefilter_owner_.push_back(i);
      }
    }
  }
  if (!prefilter_->Compile()) prefilter_.reset();  // out of memory: single patterns instead
}

std::vector<std::size_t> CompiledSignatures::candidates(std::string_view normalized) const {
  std::vector<std::size_t> out;
  bool matched_by_set = false;
  if (prefilter_) {
    std::vector<int> hits;
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    prefilter_->Match(re2::StringPiece(normalized.data(), normalized.size()), &hits, &info);
    if (info.kind == RE2::Set::kNoError) {
      for (int h : hits) out.push_back(prefilter_owner_[static_cast<std::size_t>(h)]);
      matched_by_set = true;
    }
  }
  if (!matched_by_set) {
    // The DFA ran out of memory (or never compiled): try each signature alone.
    fallback_used_ = true;
    const re2::StringPiece text(normalized.data(), normalized.size());
    for (std::size_t i = 0; i < set_.signatures.size(); ++i) {
      if (set_.signatures[i].generic) continue;
      const SignaturePatterns& p = patterns(i);
      const auto hit = [&](const RE2* re) { return RE2::PartialMatch(text, *re); };
      if (std::any_of(p.anchors.begin(), p.anchors.end(), hit) ||
          std::any_of(p.references.begin(), p.references.end(), hit))
        out.push_back(i);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void CompiledSignatures::build_generic_prefilter() const {
  RE2::Options options = signatures::pattern_options();
  options.set_max_mem(8 << 20);
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  PatternList owners;
  for (std::size_t i = 0; i < set_.signatures.size(); ++i) {
    if (!set_.signatures[i].generic) continue;
    for (const PatternList& clause : patterns(i).clauses)
      for (const RE2* re : clause)
        if (std::find(owners.begin(), owners.end(), re) == owners.end() && re->ok() &&
            set->Add(re->pattern(), nullptr) >= 0)
          owners.push_back(re);
  }
  if (owners.empty() || !set->Compile()) return;  // no prefilter: every pattern is searched
  generic_prefilter_ = std::move(set);
  generic_patterns_ = std::move(owners);
}

std::vector<const RE2*> CompiledSignatures::absent_generic_patterns(
    std::string_view normalized) const {
  std::call_once(generic_once_, [this] { build_generic_prefilter(); });
  if (!generic_prefilter_) return {};
  std::vector<int> hits;
  RE2::Set::ErrorInfo info{RE2::Set::kNoError};
  generic_prefilter_->Match(re2::StringPiece(normalized.data(), normalized.size()), &hits, &info);
  if (info.kind != RE2::Set::kNoError) return {};
  std::vector<bool> present(generic_patterns_.size(), false);
  for (int h : hits) present[static_cast<std::size_t>(h)] = true;
  std::vector<const RE2*> absent;
  for (std::size_t p = 0; p < generic_patterns_.size(); ++p)
    if (!present[p]) absent.push_back(generic_patterns_[p]);
  return absent;
}

const SignaturePatterns& CompiledSignatures::patterns(std::size_t index) const {
  Lazy& lazy = lazy_[index];
  std::call_once(lazy.once, [&] {
    const signatures::Signature& sig = set_.signatures[index];
    // The generic patterns search whole unknown texts, of any length: with
    // the small budget their DFAs ran out on multi-megabyte texts and RE2
    // fell back to its slower engines (a 4 MB text: 1.4 s -> 1.9 s).
    const bool full = sig.generic;
    lazy.patterns.anchors = compile_all(sig.anchors, full);
    lazy.patterns.require = compile_all(sig.require, full);
    lazy.patterns.reject = compile_all(sig.reject, full);
    lazy.patterns.references = compile_all(sig.references, full);
    for (const signatures::Clause& clause : sig.clauses)
      lazy.patterns.clauses.push_back(compile_all(clause.patterns, full));
  });
  return lazy.patterns;
}

}  // namespace oblige::identify
