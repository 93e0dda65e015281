#include "scanner/identify/identifier.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

namespace oblige::identify {
namespace {

using Patterns = PatternList;

struct Span {
  std::size_t begin, end;
};

// What one pattern found in the text being identified, from one offset:
// signatures share patterns, and each is run once per text.
struct Found {
  std::optional<Span> span;
  std::vector<std::string> captures;
};
struct MemoKey {
  const RE2* re;
  std::size_t from;
  bool operator==(const MemoKey& o) const { return re == o.re && from == o.from; }
};
struct MemoHash {
  std::size_t operator()(const MemoKey& k) const {
    return std::hash<const void*>()(k.re) ^ (std::hash<std::size_t>()(k.from) << 1);
  }
};
using Memo = std::unordered_map<MemoKey, Found, MemoHash>;

// How far before a license's first anchor its clauses may stand. Titles open
// license texts; a clause far before the title belongs to something else (a
// survey quoting several licenses one after the other).
constexpr std::size_t kClauseLeadIn = 1024;

std::optional<Span> find_uncached(const RE2& re, std::string_view text,
                                  std::vector<std::string>* captures = nullptr, std::size_t from = 0) {
  const int groups = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> sub(static_cast<std::size_t>(groups) + 1);
  const re2::StringPiece piece(text.data(), text.size());
  if (!re.Match(piece, std::min(from, piece.size()), piece.size(), RE2::UNANCHORED, sub.data(),
                groups + 1))
    return std::nullopt;
  if (captures) {
    captures->clear();
    for (int g = 1; g <= groups; ++g) captures->emplace_back(sub[g].data(), sub[g].size());
  }
  const auto begin = static_cast<std::size_t>(sub[0].data() - text.data());
  return Span{begin, begin + sub[0].size()};
}

// A pattern's first match at or after `from`, remembered for the text.
std::optional<Span> find(const RE2& re, std::string_view text, Memo& memo,
                         std::vector<std::string>* captures, std::size_t from = 0) {
  auto [it, fresh] = memo.try_emplace(MemoKey{&re, from});
  if (fresh) it->second.span = find_uncached(re, text, &it->second.captures, from);
  if (captures) *captures = it->second.captures;
  return it->second.span;
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
                     [&](const RE2* re) { return find(*re, text, memo, nullptr).has_value(); });
}

bool all_match(const Patterns& patterns, std::string_view text, Memo& memo) {
  return std::all_of(patterns.begin(), patterns.end(),
                     [&](const RE2* re) { return find(*re, text, memo, nullptr).has_value(); });
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
  const SignaturePatterns& p = compiled.patterns(index);
  if (any_match(p.reject, text, memo)) return std::nullopt;

  Identification id;
  id.signature = index;
  std::optional<ClauseHit> anchor = earliest(p.anchors, text, memo);
  const std::size_t from = anchor && anchor->begin > kClauseLeadIn ? anchor->begin - kClauseLeadIn : 0;
  id.hits = clause_hits(p, text, memo, &id.missing, sig, from);
  const std::size_t counted = sig.counted_clauses();
  const std::size_t found_counted = counted - id.missing.size();
  id.confidence = counted == 0 ? 1.0 : static_cast<double>(found_counted) / counted;

  const bool holds_text = anchor && all_match(p.require, text, memo) &&
                          id.confidence + 1e-9 >= sig.min_confidence;
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

bool is_text(const Identification& id) { return id.status != MatchStatus::kReference; }

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

}  // namespace

const char* status_name(MatchStatus status) {
  switch (status) {
    case MatchStatus::kText: return "text";
    case MatchStatus::kAltered: return "altered";
    case MatchStatus::kReference: return "reference";
  }
  return "text";
}

std::vector<Identification> identify(std::string_view normalized,
                                     const CompiledSignatures& compiled) {
  std::vector<Identification> found;
  Memo memo;
  for (std::size_t index : compiled.candidates(normalized)) {
    if (auto id = score(index, normalized, compiled, memo)) found.push_back(std::move(*id));
  }
  return resolve(std::move(found), compiled.set());
}

void demote_quoted_statements(std::vector<Identification>* ids, const CompiledSignatures& compiled) {
  for (Identification& id : *ids) {
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
  // What the prefilter rules out is remembered as not found from the start,
  // so those patterns are never searched; the rest are searched as before.
  for (const RE2* re : compiled.absent_generic_patterns(normalized))
    memo.try_emplace(MemoKey{re, 0});
  const auto& sigs = compiled.set().signatures;
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    if (!sigs[i].generic) continue;
    Identification id;
    id.signature = i;
    id.hits = clause_hits(compiled.patterns(i), normalized, memo, nullptr, sigs[i]);
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
