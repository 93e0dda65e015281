#include "scanner/identify/text_match.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <span>

#include "scanner/identify/held_runs.h"
#include "scanner/identify/shingles.h"
#include "scanner/identify/sorted_intersection.h"

namespace oblige::identify {
namespace {

constexpr std::size_t kMaxCandidates = 16;

// The text's shingles as (hash << 32 | position), sorted: ordered by hash,
// then position, so that a reference's sorted shingles can be met in one
// merge instead of one binary search per shingle (which was half of all the
// time identification took).
std::vector<std::uint64_t> shingles_by_hash(const std::vector<std::uint32_t>& hashes) {
  std::vector<std::uint64_t> keys(hashes.size());
  for (std::size_t i = 0; i < keys.size(); ++i)
    keys[i] = (static_cast<std::uint64_t>(hashes[i]) << 32) | i;
  if (keys.size() < 512) {
    std::sort(keys.begin(), keys.end());
    return keys;
  }
  // A stable radix sort on the hash, a byte at a time: positions are already
  // ascending, so equal hashes keep them in order and the result is the
  // full sort's (which was 5 % of identifying thousands of texts).
  std::vector<std::uint64_t> other(keys.size());
  for (int shift = 32; shift < 64; shift += 8) {
    std::array<std::size_t, 257> start{};
    for (std::uint64_t k : keys) ++start[((k >> shift) & 0xFF) + 1];
    for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    for (std::uint64_t k : keys) other[start[(k >> shift) & 0xFF]++] = k;
    keys.swap(other);
  }
  return keys;
}

// The distinct hashes of `by_hash` and where each one's positions start.
HashGroups group_by_hash(const std::vector<std::uint64_t>& by_hash) {
  HashGroups g;
  for (std::size_t k = 0; k < by_hash.size(); ++k) {
    const auto h = static_cast<std::uint32_t>(by_hash[k] >> 32);
    if (k > 0 && static_cast<std::uint32_t>(by_hash[k - 1] >> 32) == h) continue;
    g.hashes.push_back(h);
    g.begin.push_back(static_cast<std::uint32_t>(k));
  }
  g.begin.push_back(static_cast<std::uint32_t>(by_hash.size()));
  return g;
}

// Calls held(i) for every shingle position i whose hash `own` holds (the
// reference's sorted shingles).
template <typename Held>
void for_each_held(const std::vector<std::uint64_t>& by_hash, const HashGroups& groups,
                   std::span<const std::uint32_t> own, Held&& held) {
  for_each_common(groups.hashes, own, [&](std::size_t u) {
    for (std::uint32_t k = groups.begin[u]; k < groups.begin[u + 1]; ++k)
      held(static_cast<std::uint32_t>(by_hash[k]));
  });
}

// How many of flags[begin, end) (each 0 or 1) are 1, eight at a time.
std::uint32_t count_flags(const std::vector<char>& flags, std::size_t begin, std::size_t end) {
  std::uint64_t sum = 0;
  std::size_t i = begin;
  for (; i + 8 <= end; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, flags.data() + i, sizeof w);
    sum += (w * 0x0101010101010101u) >> 56;  // the sum of the eight bytes (at most 8)
  }
  for (; i < end; ++i) sum += static_cast<unsigned char>(flags[i]);
  return static_cast<std::uint32_t>(sum);
}

struct Candidate {
  std::size_t reference;
  HeldBits hit;                // per shingle: the reference holds it
  std::uint32_t distinct = 0;  // distinct shingles of the text it holds
  bool placed = false;
  // No run of it can hold min_containment or min_similarity of the
  // reference: its distinct shingles held are already too few.
  bool hopeless = false;
};

// Sets c's bit of every shingle the reference (`own`) holds and counts the
// distinct ones.
void mark_held(const TextMatch& m, std::span<const std::uint32_t> own, Candidate* c) {
  std::uint32_t distinct = 0;
  for_each_common(m.groups.hashes, own, [&](std::size_t u) {
    ++distinct;
    for (std::uint32_t k = m.groups.begin[u]; k < m.groups.begin[u + 1]; ++k)
      c->hit.set(static_cast<std::uint32_t>(m.by_hash[k]));
  });
  c->distinct = distinct;
}

// The most words explained, weighted by closeness: a license inside a longer
// variant of it explains as many words, less closely, and a neighbouring
// version that shares a title line explains a few more words, much less
// closely.
double weight(const PlacedText& p) { return static_cast<double>(p.explained_words) * p.similarity; }

// One pass over the run: distinct shingles (a hash counted where it first
// occurs in the text), those the reference holds, and the words they cover.
PlacedText measure_run(const Candidate& c, const Run& run, const TextMatch& m,
                       const SimilarityIndex& index) {
  PlacedText p;
  p.reference = c.reference;
  p.run_shingles = count_flags(m.first_occurrence, run.first, run.last + 1);
  std::size_t covered_until = 0;
  c.hit.for_each_run([&](std::size_t begin, std::size_t end) {
    begin = std::max(begin, run.first);
    end = std::min(end, run.last + 1);
    if (begin >= end) return;
    p.held += count_flags(m.first_occurrence, begin, end);
    // The words of shingles [begin, end) not already counted.
    p.explained_words += end - 1 + kShingleWords - std::max(begin, covered_until);
    covered_until = end - 1 + kShingleWords;
  });
  const double shingles = index.reference(c.reference).shingles;
  p.similarity = p.held / std::max<double>(shingles, p.run_shingles);
  p.containment = p.held / shingles;
  p.first_word = run.first;
  p.end_word = run.last + kShingleWords;
  return p;
}

}  // namespace

TextMatch match_texts(std::string_view normalized, const SimilarityIndex& index,
                      const MatchOptions& options) {
  TextMatch m;
  m.words = split_words(normalized);
  m.hashes = shingle_hashes(normalized, m.words);
  const std::vector<std::uint32_t>& hashes = m.hashes;
  const std::size_t n = hashes.size();
  if (n == 0 || index.size() == 0) return m;

  // A rough first pass on one shingle in four (is_sampled): which
  // references hold a large share of the text. Then, for the few that do,
  // every shingle, against each one's own sorted shingles.
  // The shingles sorted by hash then position: the first of each hash is
  // its first occurrence (no hash set: 8 bytes a shingle less).
  m.by_hash = shingles_by_hash(hashes);
  m.groups = group_by_hash(m.by_hash);
  m.first_occurrence.assign(n, 0);
  std::vector<std::uint32_t> held(index.size(), 0);
  const std::size_t distinct = m.groups.hashes.size();
  std::size_t distinct_sampled = 0;
  for (std::size_t u = 0; u < distinct; ++u) {
    m.first_occurrence[static_cast<std::uint32_t>(m.by_hash[m.groups.begin[u]])] = 1;
    distinct_sampled += is_sampled(m.groups.hashes[u]);
  }
  index.count_held(m.groups.hashes, held);

  std::vector<std::size_t> order, nearest;
  for (std::size_t r = 0; r < index.size(); ++r) {
    if (held[r] == 0) continue;
    const double sampled = std::max<std::uint32_t>(1, index.reference(r).sampled);
    nearest.push_back(r);
    // Slack for sampling: a reference that may hold min_containment.
    if (held[r] >= 2 && held[r] >= 0.8 * options.min_containment * sampled) order.push_back(r);
  }
  const auto estimate = [&](std::size_t r) {
    return held[r] /
           std::max<double>(index.reference(r).sampled, static_cast<double>(distinct_sampled));
  };
  // Only the first few of each order are used (both orders are total).
  const auto by_held = [&](std::size_t a, std::size_t b) {
    return held[a] != held[b] ? held[a] > held[b] : a < b;
  };
  const std::size_t kept = std::min<std::size_t>(order.size(), kMaxCandidates);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                    by_held);
  order.resize(kept);
  std::vector<Candidate> candidates;
  for (std::size_t r : order) {
    Candidate c{r, HeldBits(n)};
    mark_held(m, index.reference(r).own, &c);
    // A run holds at most what the whole text holds, and both measures
    // divide by at least the reference's shingles (measure_run).
    const double most = c.distinct / static_cast<double>(index.reference(r).shingles);
    c.hopeless = most < options.min_similarity || most < options.min_containment;
    candidates.push_back(std::move(c));
  }

  // The nearest text, measured exactly among the best estimates (a
  // candidate's count is already known).
  const std::size_t measured = std::min<std::size_t>(nearest.size(), 4);
  std::partial_sort(nearest.begin(), nearest.begin() + static_cast<std::ptrdiff_t>(measured),
                    nearest.end(), [&](std::size_t a, std::size_t b) {
                      return estimate(a) != estimate(b) ? estimate(a) > estimate(b) : a < b;
                    });
  for (std::size_t k = 0; k < measured; ++k) {
    const std::size_t r = nearest[k];
    const auto own = index.reference(r).own;
    std::size_t h = 0;
    const auto known = std::find_if(candidates.begin(), candidates.end(),
                                    [&](const Candidate& c) { return c.reference == r; });
    if (known != candidates.end())
      h = known->distinct;
    else
      for_each_common(m.groups.hashes, own, [&](std::size_t) { ++h; });
    const double similarity = h / std::max<double>(own.size(), static_cast<double>(distinct));
    if (!m.has_closest || similarity > m.closest_similarity) {
      m.closest = r;
      m.closest_similarity = similarity;
      m.has_closest = true;
    }
  }

  // The shingles that touch a placed text's words, merged and in order.
  std::vector<ShingleRange> ineligible;
  while (m.placed.size() < options.max_placed) {
    std::vector<PlacedText> passing;
    for (Candidate& c : candidates) {
      if (c.placed || c.hopeless) continue;
      // First the text that explains most of the file: a candidate holding
      // less than half of what the best one holds cannot be it (it may be
      // placed later, over the rest).
      if (m.placed.empty() && 2 * held[c.reference] < held[candidates.front().reference]) continue;
      std::optional<PlacedText> chosen;
      // With miss 2, a run through text one shingle in three of which the
      // license lacks ends (the GPL-3.0 does not reach into the LGPL-3.0
      // before it); with miss 1, a run goes on through a clause inserted
      // into the license. Both are tried.
      for (long miss : {2L, 1L}) {
        const Run run = densest_run(c.hit, ineligible, miss);
        if (!run.found) continue;
        PlacedText p = measure_run(c, run, m, index);
        if (p.similarity < options.min_similarity || p.containment < options.min_containment)
          continue;
        if (!chosen || weight(p) > weight(*chosen)) chosen = std::move(p);
      }
      if (chosen) passing.push_back(std::move(*chosen));
    }
    if (passing.empty()) break;
    std::sort(passing.begin(), passing.end(), [&](const PlacedText& a, const PlacedText& b) {
      if (weight(a) != weight(b)) return weight(a) > weight(b);
      return a.reference < b.reference;
    });
    PlacedText best = std::move(passing.front());
    for (std::size_t i = 1; i < passing.size(); ++i) {
      const PlacedText& other = passing[i];
      const bool same_run = other.first_word < best.end_word && best.first_word < other.end_word;
      if (same_run && weight(other) >= weight(best) * 0.998 &&
          other.similarity + 0.002 >= best.similarity)
        best.close.push_back(other.reference);
    }
    best.range = {m.words[best.first_word].begin, m.words[best.end_word - 1].end};
    // A shingle touches words [first, end) when its first or its last word
    // is one of them (placed runs are at least a shingle long).
    add_range(&ineligible,
              {best.first_word >= kShingleWords - 1 ? best.first_word - (kShingleWords - 1) : 0,
               std::min(best.end_word, n)});
    for (Candidate& c : candidates)
      if (c.reference == best.reference ||
          std::find(best.close.begin(), best.close.end(), c.reference) != best.close.end())
        c.placed = true;
    m.placed.push_back(std::move(best));
  }
  std::sort(m.placed.begin(), m.placed.end(),
            [](const PlacedText& a, const PlacedText& b) { return a.first_word < b.first_word; });
  return m;
}

Explanation explain(const TextMatch& match, const SimilarityIndex& index, std::size_t reference,
                    std::size_t first, std::size_t end) {
  Explanation out;
  out.explained.assign(match.words.size(), false);
  if (reference >= index.size() || end > match.words.size() || end < first + kShingleWords ||
      match.hashes.size() + kShingleWords - 1 != match.words.size())
    return out;
  std::size_t distinct = 0, distinct_held = 0;
  for (std::size_t i = first; i + kShingleWords <= end; ++i) distinct += match.first_occurrence[i];
  // A match made without an index has no order yet.
  std::vector<std::uint64_t> made;
  HashGroups made_groups;
  if (match.by_hash.size() != match.hashes.size()) {
    made = shingles_by_hash(match.hashes);
    made_groups = group_by_hash(made);
  }
  const auto& by_hash = made.empty() ? match.by_hash : made;
  const HashGroups& groups = made.empty() ? match.groups : made_groups;
  // The held shingles of the range flagged first, then the words they
  // cover marked in one sweep, in order (marking each shingle's four words
  // as the merge met them, in order of hash, was most of this function).
  std::vector<char> held(end - first, 0);
  for_each_held(by_hash, groups, index.reference(reference).own, [&](std::size_t i) {
    if (i < first || i + kShingleWords > end) return;
    distinct_held += match.first_occurrence[i];
    held[i - first] = 1;
  });
  std::size_t covered_until = first;  // words before it are covered
  for (std::size_t w = first; w < end; ++w) {
    if (held[w - first]) covered_until = w + kShingleWords;
    if (w < covered_until) {
      out.explained[w] = true;
      ++out.explained_words;
    }
  }
  const double shingles = index.reference(reference).shingles;
  out.similarity = distinct_held / std::max<double>(shingles, static_cast<double>(distinct));
  out.containment = shingles > 0 ? distinct_held / shingles : 0;
  return out;
}

std::vector<TextRange> added_runs(const std::vector<Word>& words, std::string_view normalized,
                                  const std::vector<bool>& explained, std::size_t first,
                                  std::size_t end, std::size_t* words_out) {
  const auto word_is = [&](std::size_t w, std::string_view s) {
    return normalized.substr(words[w].begin, words[w].end - words[w].begin) == s;
  };
  std::vector<TextRange> out;
  std::size_t counted = 0;
  std::size_t last_end_word = 0;
  for (std::size_t w = first; w < end;) {
    if (explained[w]) {
      ++w;
      continue;
    }
    std::size_t e = w;
    while (e < end && !explained[e]) ++e;
    // A notice: "copyright" just before the run or among its first words
    // ("MIT License Copyright (c) 2023 X": a title, then the holder).
    bool notice = w > 0 && word_is(w - 1, "copyright");
    for (std::size_t k = w; k < std::min(e, w + 4); ++k) notice |= word_is(k, "copyright");
    notice &= e - w <= 24;
    if (!notice) {
      if (!out.empty() && w - last_end_word < 4)
        out.back().end = words[e - 1].end;
      else
        out.push_back({words[w].begin, words[e - 1].end});
      counted += e - w;
      last_end_word = e;
    }
    w = e;
  }
  if (words_out) *words_out = counted;
  return out;
}

}  // namespace oblige::identify
