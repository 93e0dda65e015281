#include "scanner/identify/identifier.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "scanner/identify/clause_kinds.h"
#include "scanner/identify/text_match.h"

namespace oblige::identify {
namespace {

using Patterns = PatternList;

// What one pattern found in the text being identified, from one offset:
// signatures share patterns, and each is run once per text.
struct Found {
  std::size_t from = 0;
  std::optional<Span> span;
  std::vector<std::string> captures;
};
// What is known of the text being identified: per pattern, its searches so
// far, and the guards its literal scan lets through.
struct Memo {
  std::unordered_map<const Pattern*, std::vector<Found>> found;
  // Every guard lets a pattern through until the text's scan says otherwise.
  CompiledSignatures::GuardHits hits{.all = true, .present = {}};
  std::vector<bool> ruled_out;  // per signature: its guarded patterns were checked
  // literal_comparable(text), asked the first time a phrase is searched
  // (the generic detectors' patterns are none).
  std::optional<bool> comparable;
};

// Signature `index`'s patterns, those its guards rule out for this text
// remembered as not found from the start: they are never searched.
const SignaturePatterns& patterns_of(std::size_t index, const CompiledSignatures& compiled,
                                     Memo& memo) {
  const SignaturePatterns& p = compiled.patterns(index);
  if (memo.hits.all) return p;
  if (memo.ruled_out.empty()) memo.ruled_out.assign(compiled.set().signatures.size(), false);
  if (memo.ruled_out[index]) return p;
  memo.ruled_out[index] = true;
  for (const auto& g : compiled.guarded_patterns(index))
    if (!memo.hits.allow(*g.guard)) memo.found.try_emplace(g.pattern, std::vector<Found>{Found{}});
  return p;
}

// How far before a license's first anchor its clauses may stand. Titles open
// license texts; a clause far before the title belongs to something else (a
// survey quoting several licenses one after the other).
constexpr std::size_t kClauseLeadIn = 1024;

// A pattern's first match at or after `from`, remembered for the text. A
// search from an earlier offset answers too when it found nothing, or a
// match starting at `from` or later: no match starts between the two
// offsets, so the leftmost one from `from` is that one (the scan and the
// version checks search the same patterns from different offsets).
std::optional<Span> find(const Pattern& pattern, std::string_view text, Memo& memo,
                         std::vector<std::string>* captures, std::size_t from = 0) {
  std::vector<Found>& searches = memo.found[&pattern];
  const auto answers = [&](const Found& f) {
    return f.from <= from && (!f.span || f.span->begin >= from);
  };
  auto it = std::find_if(searches.begin(), searches.end(), answers);
  if (it == searches.end()) {
    Found f;
    f.from = from;
    if (pattern.is_literal() && !memo.comparable) memo.comparable = literal_comparable(text);
    f.span = pattern.find(text, from, memo.comparable.value_or(false), &f.captures);
    searches.push_back(std::move(f));
    it = searches.end() - 1;
  }
  if (captures) *captures = it->captures;
  return it->span;
}

// The earliest match of any pattern in `patterns`, at or after `from`.
std::optional<ClauseHit> earliest(const Patterns& patterns, std::string_view text, Memo& memo,
                                  std::size_t from = 0) {
  std::optional<ClauseHit> best;
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    std::vector<std::string> captures;
    const auto span = find(*patterns[p], text, memo, &captures, from);
    if (span && (!best || span->begin < best->begin))
      best = ClauseHit{0, p, span->begin, span->end, std::move(captures)};
  }
  return best;
}

bool any_match(const Patterns& patterns, std::string_view text, Memo& memo) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const Pattern* p) { return find(*p, text, memo, nullptr).has_value(); });
}

bool all_match(const Patterns& patterns, std::string_view text, Memo& memo) {
  return std::all_of(patterns.begin(), patterns.end(),
                     [&](const Pattern* p) { return find(*p, text, memo, nullptr).has_value(); });
}

std::vector<ClauseHit> clause_hits(const SignaturePatterns& p, std::string_view text, Memo& memo,
                                   std::vector<std::size_t>* missing,
                                   const signatures::Signature& sig, std::size_t from = 0) {
  std::vector<ClauseHit> hits;
  for (std::size_t c = 0; c < p.clauses.size(); ++c) {
    if (auto hit = earliest(p.clauses[c], text, memo, from)) {
      hit->clause = c;
      hits.push_back(std::move(*hit));
    } else if (missing && !sig.clauses[c].optional) {
      missing->push_back(c);
    }
  }
  return hits;
}

// Scores one candidate signature. Returns nothing when a reject pattern is
// present or the text neither holds nor names the license.
std::optional<Identification> score(std::size_t index, std::string_view text,
                                    const CompiledSignatures& compiled, Memo& memo) {
  const signatures::Signature& sig = compiled.set().signatures[index];
  const SignaturePatterns& p = patterns_of(index, compiled, memo);
  if (any_match(p.reject, text, memo)) return std::nullopt;

  Identification id;
  id.signature = index;
  std::optional<ClauseHit> anchor = earliest(p.anchors, text, memo);
  const std::size_t from =
      anchor && anchor->begin > kClauseLeadIn ? anchor->begin - kClauseLeadIn : 0;
  id.hits = clause_hits(p, text, memo, &id.missing, sig, from);
  const std::size_t counted = sig.counted_clauses();
  const std::size_t found_counted = counted - id.missing.size();
  id.confidence = counted == 0 ? 1.0 : static_cast<double>(found_counted) / counted;

  const bool holds_text =
      anchor && all_match(p.require, text, memo) && id.confidence + 1e-9 >= sig.min_confidence;
  if (holds_text) {
    id.status = id.missing.empty() ? MatchStatus::kText : MatchStatus::kAltered;
    id.begin = anchor->begin;
    id.end = anchor->end;
    for (const ClauseHit& h : id.hits) {
      id.begin = std::min(id.begin, h.begin);
      id.end = std::max(id.end, h.end);
    }
    return id;
  }
  std::optional<ClauseHit> mention = earliest(p.references, text, memo);
  if (!mention || (anchor && anchor->begin < mention->begin)) mention = anchor;
  if (!mention) return std::nullopt;
  id.status = MatchStatus::kReference;
  id.confidence = 0;
  id.hits.clear();
  id.missing.clear();
  id.begin = mention->begin;
  id.end = mention->end;
  return id;
}

bool overlaps(const Identification& a, const Identification& b) {
  return a.begin < b.end && b.begin < a.end;
}

bool is_text(const Identification& id) {
  return id.status == MatchStatus::kText || id.status == MatchStatus::kAltered ||
         id.status == MatchStatus::kContains;
}

// Keeps the best identification of each family over the same text, marks
// ties as ambiguous, and drops references that a text identification covers.
std::vector<Identification> resolve(std::vector<Identification> found,
                                    const signatures::SignatureSet& set) {
  std::vector<bool> dropped(found.size(), false);
  for (std::size_t i = 0; i < found.size(); ++i) {
    for (std::size_t j = 0; j < found.size(); ++j) {
      if (i == j || dropped[i] || dropped[j]) continue;
      Identification& a = found[i];
      Identification& b = found[j];
      const bool same_family =
          set.signatures[a.signature].family == set.signatures[b.signature].family;
      if (is_text(a) && !is_text(b) && (same_family || overlaps(a, b))) {
        dropped[j] = true;  // a reference inside (or to) a text we already hold
      } else if (is_text(a) && is_text(b) && same_family && overlaps(a, b)) {
        if (a.confidence > b.confidence + 1e-9 ||
            (std::abs(a.confidence - b.confidence) <= 1e-9 && a.hits.size() > b.hits.size())) {
          dropped[j] = true;
        } else if (std::abs(a.confidence - b.confidence) <= 1e-9 &&
                   a.hits.size() == b.hits.size() && i < j) {
          a.ambiguous_with.push_back(b.signature);
          dropped[j] = true;
        }
      } else if (!is_text(a) && !is_text(b) && same_family && a.begin == b.begin && i < j) {
        dropped[j] = true;  // one mention, named by two versions' phrases
      }
    }
  }
  std::vector<Identification> kept;
  for (std::size_t i = 0; i < found.size(); ++i)
    if (!dropped[i]) kept.push_back(std::move(found[i]));
  std::sort(kept.begin(), kept.end(), [](const Identification& a, const Identification& b) {
    if (is_text(a) != is_text(b)) return is_text(a);
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    return a.begin < b.begin;
  });
  return kept;
}

// --- whole-text similarity --------------------------------------------------

// Calibrated on the corpus, the SPDX texts and their transformations
// (signatures/README.md, "Statuses").
// A whole file is "altered" when it is close to the license (similarity),
// or holds nearly all of it with text added (containment: a Modified MIT).
// The same template under another name (CogVideoX's license against
// CogVLM's, 0.78) is neither.
constexpr double kMinFileSimilarity = 0.85;
constexpr double kMinAddedContainment = 0.9, kMinAddedSimilarity = 0.5;
// An embedded run must be the license nearly whole and nearly verbatim.
constexpr double kMinContainsSimilarity = 0.8, kMinContainsContainment = 0.8;
// Reference shingles a "text" may lack: a dropped sentence leaves every word
// explained, only its shingles missing.
constexpr std::size_t kMaxTextMissingShingles = 2, kMaxTextMissingPerMille = 2;
constexpr std::size_t kMaxTextAddedWords = 3;   // unexplained words a "text" may have
constexpr double kMinClosestSimilarity = 0.05;  // below: no closest candidate worth naming
// Share of clauses a pattern identification the whole text does not support
// needs to stay "altered" (a firmware license with half of BSD-3-Clause's
// clauses does not).
constexpr double kMinUnsupportedConfidence = 0.75;
constexpr std::size_t kHitLeadIn = 256;  // clause hits may start this far before a range

// The signature's version markers, checked in `range`: every `require`
// pattern found there and no `reject` pattern.
bool version_fits(std::size_t sig, std::string_view text, const CompiledSignatures& compiled,
                  Memo& memo, TextRange range) {
  const SignaturePatterns& p = patterns_of(sig, compiled, memo);
  const std::size_t from = range.begin > kHitLeadIn ? range.begin - kHitLeadIn : 0;
  const auto inside = [&](const Pattern* pattern) {
    const auto span = find(*pattern, text, memo, nullptr, from);
    return span && span->begin < range.end;
  };
  return std::all_of(p.require.begin(), p.require.end(), inside) &&
         std::none_of(p.reject.begin(), p.reject.end(), inside);
}

// The added ranges widened to whole sentences, for clause-kind detection.
std::vector<TextRange> sentences_around(std::string_view text,
                                        const std::vector<TextRange>& ranges) {
  const auto is_end = [&](std::size_t i) {
    return (text[i] == '.' || text[i] == ';') && (i + 1 >= text.size() || text[i + 1] == ' ');
  };
  std::vector<TextRange> out;
  for (TextRange r : ranges) {
    std::size_t b = r.begin, e = r.end;
    for (std::size_t steps = 0; b > 0 && steps < 400 && !is_end(b - 1); ++steps) --b;
    for (std::size_t steps = 0; e < text.size() && steps < 400 && !is_end(e); ++steps) ++e;
    if (e < text.size()) ++e;
    if (!out.empty() && b <= out.back().end)
      out.back().end = std::max(out.back().end, e);
    else
      out.push_back({b, e});
  }
  return out;
}

// Kinds found in the added text, less those the signature's own clauses
// already give at the same place.
std::vector<KindHit> kinds_in_added(const Identification& id, std::string_view text,
                                    const CompiledSignatures& compiled, std::size_t* omitted) {
  std::vector<KindHit> hits = find_clause_kinds(text, sentences_around(text, id.added), compiled,
                                                {}, kKindThreshold, omitted);
  if (id.signature == kNone) return hits;
  const signatures::Signature& sig = compiled.set().signatures[id.signature];
  std::erase_if(hits, [&](const KindHit& k) {
    return std::any_of(id.hits.begin(), id.hits.end(), [&](const ClauseHit& h) {
      return sig.clauses[h.clause].kind == k.kind && h.begin < k.end && k.begin < h.end + 200;
    });
  });
  return hits;
}

std::size_t missing_shingles(const Explanation& ex, const IndexReference& ref) {
  const auto held = static_cast<std::size_t>(std::lround(ex.containment * ref.shingles));
  return ref.shingles > held ? ref.shingles - held : 0;
}

// True when every added range lies before the license's first explained word
// or after its last (a title, a heading, a footer) and holds no digit: a word
// changed inside the text, a date, a number is never "text".
bool only_edge_words(const TextMatch& match, std::string_view text, const Explanation& ex,
                     const std::vector<TextRange>& added, std::size_t first, std::size_t end) {
  std::size_t lo = end, hi = first;
  for (std::size_t w = first; w < end; ++w)
    if (ex.explained[w]) {
      lo = std::min(lo, w);
      hi = w;
    }
  if (lo >= end) return added.empty();
  for (const TextRange& r : added) {
    const bool inside = r.begin > match.words[lo].begin && r.end < match.words[hi].end;
    const std::string_view part = text.substr(r.begin, r.end - r.begin);
    if (inside || part.find_first_of("0123456789") != std::string_view::npos) return false;
  }
  return true;
}

// One placed text as an identification, or nothing when it is not close
// enough to count.
std::optional<Identification> from_placed(const TextMatch& match, const PlacedText& placed,
                                          bool whole_file, std::string_view text,
                                          const CompiledSignatures& compiled, Memo& memo) {
  const SimilarityIndex& index = compiled.index();
  // Among texts that fit equally, the one whose version markers are present.
  std::vector<std::size_t> fitting = {placed.reference};
  fitting.insert(fitting.end(), placed.close.begin(), placed.close.end());
  std::vector<std::size_t> confirmed;
  for (std::size_t r : fitting) {
    const std::size_t sig = compiled.signature_of_reference(r);
    if (index.reference(r).tier == Tier::kSignature && sig == CompiledSignatures::kNoSignature)
      continue;
    if (sig != CompiledSignatures::kNoSignature &&
        version_fits(sig, text, compiled, memo, placed.range))
      confirmed.push_back(r);
  }
  const std::size_t chosen = confirmed.size() == 1 ? confirmed.front() : placed.reference;
  const IndexReference& ref = index.reference(chosen);
  Identification id;
  id.tier = ref.tier;
  id.reference = chosen;
  std::size_t sig = compiled.signature_of_reference(chosen);
  if (ref.tier == Tier::kSignature && sig == CompiledSignatures::kNoSignature) return std::nullopt;
  if (confirmed.empty() && sig != CompiledSignatures::kNoSignature) {
    // A version of the same family that has no reference text of its own
    // (a dated copy of a text oblige holds undated) and whose version
    // markers are the ones present takes the borrowed reference.
    const auto& family = compiled.set().signatures[sig].family;
    std::vector<std::size_t> versions;
    for (std::size_t v = 0; v < compiled.set().signatures.size(); ++v) {
      const auto& other = compiled.set().signatures[v];
      if (v == sig || other.family != family || compiled.has_fingerprint(v) ||
          other.require.empty())
        continue;
      if (version_fits(v, text, compiled, memo, placed.range)) versions.push_back(v);
    }
    if (versions.size() == 1) sig = versions.front();
  }
  id.signature = sig == CompiledSignatures::kNoSignature ? kNone : sig;
  id.measured = true;
  for (std::size_t r : fitting) {
    if (r == chosen || (confirmed.size() == 1)) continue;
    const std::size_t other = compiled.signature_of_reference(r);
    if (other != CompiledSignatures::kNoSignature && other == id.signature)
      continue;  // another copy of it
    id.ambiguous_references.push_back(r);
    if (other != CompiledSignatures::kNoSignature &&
        std::find(id.ambiguous_with.begin(), id.ambiguous_with.end(), other) ==
            id.ambiguous_with.end())
      id.ambiguous_with.push_back(other);
  }

  const std::size_t first = whole_file ? 0 : placed.first_word;
  const std::size_t end = whole_file ? match.words.size() : placed.end_word;
  const Explanation ex = explain(match, index, chosen, first, end);
  id.similarity = ex.similarity;
  id.coverage =
      match.words.empty() ? 0 : static_cast<double>(ex.explained_words) / match.words.size();
  std::size_t added_words = 0;
  id.added = added_runs(match.words, text, ex.explained, first, end, &added_words);
  id.begin = match.words[first].begin;
  id.end = match.words[end - 1].end;
  const bool close_enough =
      whole_file
          ? ex.similarity >= kMinFileSimilarity ||
                (ex.containment >= kMinAddedContainment && ex.similarity >= kMinAddedSimilarity)
          : ex.similarity >= kMinContainsSimilarity && ex.containment >= kMinContainsContainment;
  if (!close_enough) return std::nullopt;

  if (id.signature != kNone) {
    const signatures::Signature& s = compiled.set().signatures[id.signature];
    const std::size_t from = id.begin > kHitLeadIn ? id.begin - kHitLeadIn : 0;
    id.hits =
        clause_hits(patterns_of(id.signature, compiled, memo), text, memo, &id.missing, s, from);
    std::erase_if(id.hits, [&](const ClauseHit& h) { return h.begin >= id.end; });
    id.missing.clear();
    for (std::size_t c = 0; c < s.clauses.size(); ++c) {
      const bool found = std::any_of(id.hits.begin(), id.hits.end(),
                                     [&](const ClauseHit& h) { return h.clause == c; });
      if (!found && !s.clauses[c].optional) id.missing.push_back(c);
    }
    const std::size_t counted = s.counted_clauses();
    id.confidence = counted == 0 ? 1.0 : static_cast<double>(counted - id.missing.size()) / counted;
    id.version_certain = version_fits(id.signature, text, compiled, memo, {id.begin, id.end});
  } else {
    id.confidence = id.similarity;
  }
  if (!whole_file) {
    id.status = MatchStatus::kContains;
  } else if (only_edge_words(match, text, ex, id.added, first, end) &&
             added_words <= kMaxTextAddedWords &&
             missing_shingles(ex, ref) <=
                 std::max<std::size_t>(kMaxTextMissingShingles,
                                       ref.shingles * kMaxTextMissingPerMille / 1000) &&
             id.missing.empty() && id.version_certain && id.ambiguous_with.empty()) {
    id.status = MatchStatus::kText;
  } else {
    id.status = MatchStatus::kAltered;
  }
  if (id.status != MatchStatus::kText && !id.added.empty())
    id.additional = kinds_in_added(id, text, compiled, &id.additional_omitted);
  return id;
}

std::vector<Identification> placed_texts(const TextMatch& match, std::string_view text,
                                         const CompiledSignatures& compiled, Memo& memo) {
  std::vector<Identification> out;
  // One text over most of the file: the file is that license (text or
  // altered). Otherwise each placed text is embedded (contains).
  const bool single =
      match.placed.size() == 1 &&
      2 * (match.placed[0].end_word - match.placed[0].first_word) >= match.words.size();
  for (const PlacedText& p : match.placed) {
    std::optional<Identification> id = from_placed(match, p, single, text, compiled, memo);
    // A whole file too far from the license may still embed it exactly.
    if (!id && single) id = from_placed(match, p, false, text, compiled, memo);
    if (id) out.push_back(std::move(*id));
  }
  return out;
}

// The whole-text figures of a pattern identification, against the closest
// reference text of its signature; the identification becomes kAltered.
void measure_against_signature(const TextMatch& match, std::string_view text,
                               const CompiledSignatures& compiled, Identification* id) {
  id->status = MatchStatus::kAltered;
  id->measured = true;
  for (std::size_t r = 0; r < compiled.index().size(); ++r) {
    if (compiled.signature_of_reference(r) != id->signature) continue;
    const Explanation ex = explain(match, compiled.index(), r, 0, match.words.size());
    if (id->reference != kNone && ex.similarity <= id->similarity) continue;
    id->reference = r;
    id->similarity = ex.similarity;
    id->coverage =
        match.words.empty() ? 0 : static_cast<double>(ex.explained_words) / match.words.size();
    std::size_t added_words = 0;
    id->added = added_runs(match.words, text, ex.explained, 0, match.words.size(), &added_words);
  }
}

void demote_to_reference(Identification* id) {
  id->status = MatchStatus::kReference;
  id->confidence = 0;
  id->end = id->hits.empty() ? id->end : std::min(id->end, id->begin + 1);
  id->hits.clear();
  id->missing.clear();
}

// A reference inside a text already identified (MPL-2.0's list of Secondary
// Licenses, the GPL named by the LGPL), or to a family already held.
bool explained_elsewhere(const Identification& ref, const std::vector<Identification>& texts,
                         const signatures::SignatureSet& set) {
  return std::any_of(texts.begin(), texts.end(), [&](const Identification& t) {
    if (!is_text(t)) return false;
    const bool inside = ref.begin >= t.begin && ref.begin < t.end;
    const bool same_family =
        t.signature != kNone && ref.signature != kNone &&
        set.signatures[t.signature].family == set.signatures[ref.signature].family;
    return inside || same_family;
  });
}

Identification unrecognized(const TextMatch& match, const CompiledSignatures& compiled) {
  Identification id;
  id.status = MatchStatus::kUnrecognized;
  id.reference = match.closest;
  id.tier = compiled.index().reference(match.closest).tier;
  const std::size_t sig = compiled.signature_of_reference(match.closest);
  id.signature = sig == CompiledSignatures::kNoSignature ? kNone : sig;
  id.measured = true;
  id.similarity = match.closest_similarity;
  const Explanation ex = explain(match, compiled.index(), match.closest, 0, match.words.size());
  id.coverage =
      match.words.empty() ? 0 : static_cast<double>(ex.explained_words) / match.words.size();
  id.version_certain = false;
  if (!match.words.empty()) {
    id.begin = match.words.front().begin;
    id.end = match.words.back().end;
  }
  return id;
}

// The runs of words outside every identified text.
std::vector<TextRange> rest_of(const TextMatch& match, const std::vector<Identification>& ids,
                               std::string_view /*text*/) {
  std::vector<TextRange> out;
  std::size_t w = 0;
  const auto inside = [&](std::size_t word) {
    return std::any_of(ids.begin(), ids.end(), [&](const Identification& id) {
      return is_text(id) && match.words[word].begin >= id.begin && match.words[word].end <= id.end;
    });
  };
  while (w < match.words.size()) {
    if (inside(w)) {
      ++w;
      continue;
    }
    std::size_t e = w;
    while (e < match.words.size() && !inside(e)) ++e;
    out.push_back({match.words[w].begin, match.words[e - 1].end});
    w = e;
  }
  return out;
}

// The whole file called an altered copy of X by similarity, while the
// patterns find Y's text over it, complete where Y has no fingerprint
// (CodeGeeX4's license against ChatGLM3's: one template, two licenses) or
// measured at least as close (Apache-2.0 against the SPDX tier's Pixar, an
// Apache variant): the file is Y, not an edition of X. `placed_count`: the
// first identifications are the placed ones.
void drop_beaten_neighbours(std::vector<Identification>* ids, std::size_t placed_count) {
  std::vector<Identification> kept;
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const Identification& p = (*ids)[i];
    const bool beaten =
        i < placed_count && p.status == MatchStatus::kAltered &&
        std::any_of(ids->begin() + static_cast<long>(placed_count), ids->end(),
                    [&](const Identification& q) {
                      if (!is_text(q) || q.signature == p.signature || !overlaps(p, q))
                        return false;
                      return q.measured ? q.similarity >= p.similarity
                                        : q.status == MatchStatus::kText;
                    });
    if (!beaten) kept.push_back(std::move((*ids)[i]));
  }
  *ids = std::move(kept);
}

}  // namespace

const char* status_name(MatchStatus status) {
  switch (status) {
    case MatchStatus::kText:
      return "text";
    case MatchStatus::kAltered:
      return "altered";
    case MatchStatus::kContains:
      return "contains";
    case MatchStatus::kReference:
      return "reference";
    case MatchStatus::kUnrecognized:
      return "unrecognized";
  }
  return "text";
}

std::vector<Identification> identify(std::string_view normalized,
                                     const CompiledSignatures& compiled) {
  return identify_text(normalized, compiled, false).ids;
}

TextIdentification identify_text(std::string_view normalized, const CompiledSignatures& compiled,
                                 bool with_rest) {
  Memo memo;
  memo.hits = compiled.guard_hits(normalized);
  std::vector<Identification> by_patterns;
  // The anchors' confirming searches are remembered: score() asks for the
  // same patterns again, with their spans.
  const auto matches = [&](const Pattern& pattern) {
    return find(pattern, normalized, memo, nullptr).has_value();
  };
  for (std::size_t index : compiled.candidates(normalized, memo.hits, matches)) {
    if (auto id = score(index, normalized, compiled, memo)) by_patterns.push_back(std::move(*id));
  }
  by_patterns = resolve(std::move(by_patterns), compiled.set());

  const TextMatch match = match_texts(normalized, compiled.index());
  std::vector<Identification> by_text = placed_texts(match, normalized, compiled, memo);

  TextIdentification out;
  for (Identification& id : by_text) out.ids.push_back(std::move(id));
  const std::size_t placed_count = out.ids.size();
  for (Identification& id : by_patterns) {
    if (is_text(id)) {
      const auto& family = compiled.set().signatures[id.signature].family;
      const bool placed =
          std::any_of(out.ids.begin(), out.ids.begin() + static_cast<long>(placed_count),
                      [&](const Identification& t) {
                        if (t.signature == id.signature) return true;
                        return t.signature != kNone && overlaps(t, id) &&
                               compiled.set().signatures[t.signature].family == family;
                      });
      if (placed) continue;  // the whole text decided
      // The patterns found the license, the whole text did not. With (nearly)
      // every clause there it is the license's terms in other words (an
      // abridged copy): altered, as close as measured. Otherwise a quotation, a
      // survey, a text that only borrows its phrases: it still names it.
      if (compiled.has_fingerprint(id.signature)) {
        const double needed = std::max(compiled.set().signatures[id.signature].min_confidence,
                                       kMinUnsupportedConfidence);
        if (id.confidence + 1e-9 >= needed)
          measure_against_signature(match, normalized, compiled, &id);
        else
          demote_to_reference(&id);
      }
    }
    if (id.status == MatchStatus::kReference && explained_elsewhere(id, out.ids, compiled.set()))
      continue;
    out.ids.push_back(std::move(id));
  }
  drop_beaten_neighbours(&out.ids, placed_count);
  const bool holds_text = std::any_of(out.ids.begin(), out.ids.end(), is_text);
  if (!holds_text && match.has_closest && match.closest_similarity >= kMinClosestSimilarity)
    out.ids.push_back(unrecognized(match, compiled));
  std::stable_sort(out.ids.begin(), out.ids.end(),
                   [](const Identification& a, const Identification& b) {
                     if (is_text(a) != is_text(b)) return is_text(a);
                     if (is_text(a) && a.begin != b.begin) return a.begin < b.begin;
                     return a.confidence > b.confidence;
                   });
  if (with_rest) {
    out.rest = rest_of(match, out.ids, normalized);
    out.rest_kinds = find_clause_kinds(normalized, out.rest, compiled, {}, kKindThreshold,
                                       &out.rest_kinds_omitted);
  }
  return out;
}

void demote_quoted_statements(std::vector<Identification>* ids,
                              const CompiledSignatures& compiled) {
  for (Identification& id : *ids) {
    if (id.signature == kNone) continue;
    const signatures::Signature& sig = compiled.set().signatures[id.signature];
    if (sig.statement != "model-card" || id.status == MatchStatus::kReference) continue;
    const bool agreement = std::any_of(id.hits.begin(), id.hits.end(), [&](const ClauseHit& h) {
      return sig.clauses[h.clause].agreement_only;
    });
    if (agreement) continue;
    id.status = MatchStatus::kReference;
    id.confidence = 0;
    id.end = id.hits.empty() ? id.end : std::min(id.end, id.begin + 1);
    id.hits.clear();
    id.missing.clear();
  }
}

std::vector<Identification> find_generic_clauses(std::string_view normalized,
                                                 const CompiledSignatures& compiled) {
  std::vector<Identification> out;
  Memo memo;
  // What the guards rule out is remembered as not found from the start, so
  // it is never searched; the rest are searched as before.
  memo.found[compiled.never_matches()].push_back(Found{});
  const auto& sigs = compiled.set().signatures;
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    if (!sigs[i].generic) continue;
    Identification id;
    id.signature = i;
    id.hits =
        clause_hits(compiled.generic_patterns(i, normalized), normalized, memo, nullptr, sigs[i]);
    if (id.hits.empty()) continue;
    id.confidence = 0;
    id.status = MatchStatus::kReference;
    id.begin = id.hits.front().begin;
    id.end = id.hits.front().end;
    out.push_back(std::move(id));
  }
  return out;
}

}  // namespace oblige::identify
