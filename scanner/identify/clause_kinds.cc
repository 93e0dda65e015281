#include "scanner/identify/clause_kinds.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "scanner/identify/interval_union.h"
#include "scanner/identify/kind_features.h"

namespace oblige::identify {
namespace {

constexpr std::size_t kWindowWords = 40, kWindowStep = 20, kMinWords = 4;

// Kinds whose meaning rests on a few words: a sentence like an example of
// them only counts when it holds one. Without them a plain grant ("a
// non-exclusive, worldwide, royalty-free license") scored as the grant
// sentences of non-commercial licenses do, and an unknown license became
// "not allowed" commercially (31 such extra kinds over the corpus).
const RE2* cue_of(std::string_view kind) {
  static const auto cues = [] {
    RE2::Options options;
    options.set_log_errors(false);
    std::map<std::string, std::unique_ptr<RE2>, std::less<>> out;
    const auto add = [&](const char* k, const char* pattern) {
      out.emplace(k, std::make_unique<RE2>(pattern, options));
    };
    add("non-commercial", "commercial|商业|商用|盈利|营利|profit");
    add("research-only", "research|academic|scientific|研究|学术|科研");
    add("commercial-registration", "commercial|商业|商用");
    add("commercial-threshold", "[0-9]|million|billion|thousand|百万|千万|亿|万");
    return out;
  }();
  const auto it = cues.find(kind);
  return it == cues.end() ? nullptr : it->second.get();
}

// A definition ("Commercial Use" means ..., "商业用途"是指 ...) names a term;
// it imposes nothing by itself, however much it reads like a restriction
// (only similarity hits are skipped; the generic patterns still run there).
bool is_definition(std::string_view window) {
  static const RE2 definition("\" ?(?:means|shall mean|refers to|是指|指的是)", [] {
    RE2::Options options;
    options.set_log_errors(false);
    return options;
  }());
  return RE2::PartialMatch(re2::StringPiece(window.data(), window.size()), definition);
}

bool has_cue(std::string_view kind, std::string_view window) {
  const RE2* cue = cue_of(kind);
  return !cue || RE2::PartialMatch(re2::StringPiece(window.data(), window.size()), *cue);
}

// Hits of one kind collected by likeness, in text order, before the final
// cap: enough that those a pattern's hit covers leave kMaxHitsPerKind, few
// enough that a text repeating one sentence costs no memory (a 16 MB one held
// 241 MB of hits).
constexpr std::size_t kMaxSimilarPerKind = 4 * kMaxHitsPerKind;

// What a window of words was classified as (its kinds with their cues),
// kept for the windows a text repeats: the same words are the same features.
// A license repeating one sentence 160,000 times was classified 160,000
// times. Bounded: past kMaxRemembered windows nothing new is kept.
using Classified = std::unordered_map<std::string_view, std::vector<KindMatch>>;
constexpr std::size_t kMaxRemembered = 1 << 16;

// The similarity hits of one range; `per_kind` counts them across ranges.
void similar_kinds(std::string_view text, TextRange range, const CompiledSignatures& compiled,
                   std::string_view exclude_family, double threshold,
                   std::map<std::string, std::size_t, std::less<>>* per_kind, Classified* seen,
                   std::vector<KindHit>* out) {
  const std::string_view part = text.substr(range.begin, range.end - range.begin);
  for (const Sentence& s : split_sentences(part)) {
    const std::string_view sentence = part.substr(s.begin, s.end - s.begin);
    const std::vector<Word> words = split_words(sentence);
    if (words.size() < kMinWords) continue;
    // The defined term comes first: "Commercial Use" means ...
    const std::size_t head = std::min<std::size_t>(words.size(), 12);
    if (is_definition(sentence.substr(0, words[head - 1].end))) continue;
    for (std::size_t first = 0; first < words.size(); first += kWindowStep) {
      const std::size_t last = std::min(words.size(), first + kWindowWords);
      const std::string_view window =
          sentence.substr(words[first].begin, words[last - 1].end - words[first].begin);
      std::vector<KindMatch> fresh;
      const std::vector<KindMatch>* matches = &fresh;
      if (const auto known = seen->find(window); known != seen->end()) {
        matches = &known->second;
      } else {
        const auto features = word_features(sentence, words, first, last);
        for (const KindMatch& m : compiled.kinds().classify(features, threshold, exclude_family))
          if (has_cue(m.kind, window)) fresh.push_back(m);
        if (seen->size() < kMaxRemembered)
          matches = &seen->emplace(window, std::move(fresh)).first->second;
      }
      for (const KindMatch& m : *matches) {
        // Not counted as omitted: most would have been covered by a pattern's hit.
        if ((*per_kind)[std::string(m.kind)]++ >= kMaxSimilarPerKind) continue;
        KindHit hit;
        hit.kind = std::string(m.kind);
        hit.begin = range.begin + s.begin + words[first].begin;
        hit.end = range.begin + s.begin + words[last - 1].end;
        hit.score = m.score;
        hit.example_signature = std::string(m.signature);
        hit.example_clause = std::string(m.clause);
        out->push_back(std::move(hit));
      }
      if (last == words.size()) break;
    }
  }
}

// The ranges already hit by each generic clause (signature, clause).
using ClauseHits = std::map<std::pair<std::size_t, std::size_t>, IntervalUnion>;
// Hits kept of each generic pattern (signature, clause, pattern).
using PatternCounts = std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::size_t>;

// Every match of every generic pattern in the range.
// A pattern's hits come in text order: past kMaxHitsPerKind of them, every
// further one has that many hits of its kind before it and can never be
// listed, so the pattern is searched no further (`dropped` counts one).
void generic_kinds(std::string_view text, TextRange range, const CompiledSignatures& compiled,
                   ClauseHits* hit_before, PatternCounts* kept, std::size_t* dropped,
                   std::vector<KindHit>* out) {
  const auto& sigs = compiled.set().signatures;
  const re2::StringPiece piece(text.data(), range.end);
  for (std::size_t s = 0; s < sigs.size(); ++s) {
    if (!sigs[s].generic) continue;
    const SignaturePatterns p =
        compiled.generic_patterns(s, text.substr(range.begin, range.end - range.begin));
    for (std::size_t c = 0; c < p.clauses.size(); ++c) {
      if (sigs[s].clauses[c].kind.empty()) continue;
      for (std::size_t k = 0; k < p.clauses[c].size(); ++k) {
        if (p.clauses[c][k] == compiled.never_matches()) continue;  // its guard rules it out
        const RE2& re = p.clauses[c][k]->re();
        const int groups = re.NumberOfCapturingGroups();
        std::vector<re2::StringPiece> sub(static_cast<std::size_t>(groups) + 1);
        std::size_t& kept_here = (*kept)[{s, c, k}];
        std::size_t at = range.begin;
        while (at < range.end &&
               re.Match(piece, at, range.end, RE2::UNANCHORED, sub.data(), groups + 1)) {
          const std::size_t begin = static_cast<std::size_t>(sub[0].data() - text.data());
          const std::size_t end = begin + sub[0].size();
          at = std::max(end, begin + 1);
          // Two patterns of one clause on one phrase: one hit.
          IntervalUnion& before = (*hit_before)[{s, c}];
          if (before.overlaps(begin, end)) continue;
          if (kept_here == kMaxHitsPerKind) {
            // Full: this hit and every later one is past the cap. They are
            // not searched for (a one-clause 16 MB text spent most of its
            // time here), so the count of what was left out is a floor.
            ++*dropped;
            break;
          }
          before.add(begin, end);
          ++kept_here;
          KindHit hit;
          hit.kind = sigs[s].clauses[c].kind;
          hit.begin = static_cast<std::size_t>(sub[0].data() - text.data());
          hit.end = hit.begin + sub[0].size();
          hit.score = 1;
          hit.example_signature = "generic";
          hit.example_clause = sigs[s].clauses[c].id;
          hit.generic_signature = s;
          hit.generic_hit = {c, k, hit.begin, hit.end, {}};
          for (int g = 1; g <= groups; ++g)
            hit.generic_hit.captures.emplace_back(sub[g].data(), sub[g].size());
          out->push_back(std::move(hit));
        }
      }
    }
  }
}

}  // namespace

std::vector<KindHit> find_clause_kinds(std::string_view text, const std::vector<TextRange>& ranges,
                                       const CompiledSignatures& compiled,
                                       std::string_view exclude_family, double threshold,
                                       std::size_t* omitted) {
  std::vector<KindHit> similar, generic;
  ClauseHits generic_hits;
  PatternCounts per_pattern;
  std::map<std::string, std::size_t, std::less<>> similar_per_kind;
  Classified classified;
  std::size_t dropped = 0;
  for (TextRange r : ranges) {
    r.end = std::min(r.end, text.size());
    if (r.begin >= r.end) continue;
    similar_kinds(text, r, compiled, exclude_family, threshold, &similar_per_kind, &classified,
                  &similar);
    generic_kinds(text, r, compiled, &generic_hits, &per_pattern, &dropped, &generic);
  }
  // A pattern's hit wins over a similar sentence of the same kind around it;
  // of overlapping windows of one kind, the best scoring stays.
  std::vector<KindHit> out = std::move(generic);
  std::map<std::string, IntervalUnion> taken;  // by kind
  for (const KindHit& o : out) taken[o.kind].add(o.begin, o.end);
  std::sort(similar.begin(), similar.end(),
            [](const KindHit& a, const KindHit& b) { return a.score > b.score; });
  for (KindHit& h : similar) {
    IntervalUnion& kind = taken[h.kind];
    if (kind.overlaps(h.begin, h.end)) continue;
    kind.add(h.begin, h.end);
    out.push_back(std::move(h));
  }
  std::sort(out.begin(), out.end(), [](const KindHit& a, const KindHit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.kind < b.kind;
  });
  std::map<std::string, std::size_t> kept;
  const std::size_t before = out.size();
  std::erase_if(out, [&](const KindHit& h) { return ++kept[h.kind] > kMaxHitsPerKind; });
  if (omitted) *omitted += before - out.size() + dropped;
  return out;
}

}  // namespace oblige::identify
