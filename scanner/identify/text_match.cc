#include "scanner/identify/text_match.h"

#include <algorithm>
#include <optional>

#include "scanner/identify/shingles.h"

namespace oblige::identify {
namespace {

// A set of 32-bit hashes for one text, cleared in constant time.
class HashSet {
 public:
  explicit HashSet(std::size_t expected) {
    std::size_t size = 16;
    while (size < 2 * expected) size <<= 1;
    slots_.assign(size, 0);
    stamps_.assign(size, 0);
  }
  void clear() { ++stamp_; }
  // True when `h` was not in the set.
  bool insert(std::uint32_t h) {
    std::size_t i = (h * 0x9E3779B1u) & (slots_.size() - 1);
    while (stamps_[i] == stamp_) {
      if (slots_[i] == h) return false;
      i = (i + 1) & (slots_.size() - 1);
    }
    stamps_[i] = stamp_;
    slots_[i] = h;
    return true;
  }

 private:
  std::vector<std::uint32_t> slots_, stamps_;
  std::uint32_t stamp_ = 1;
};

constexpr std::size_t kMaxCandidates = 16;

struct Candidate {
  std::size_t reference;
  std::vector<char> hit;  // per shingle: the reference holds it
  bool placed = false;
};

struct Run {
  std::size_t first = 0, last = 0;  // shingle indices, inclusive
  bool found = false;
};

// The best-scoring run of eligible shingles (+1 held, -miss not held); a
// shingle touching an assigned word ends a run. With miss 2, a run through
// text one shingle in three of which the license lacks ends (the GPL-3.0
// does not reach into the LGPL-3.0 before it); with miss 1, a run goes on
// through a clause inserted into the license. Both are tried.
Run densest_run(const Candidate& c, const std::vector<char>& eligible, long miss) {
  Run best;
  long best_score = 0, score = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < c.hit.size(); ++i) {
    if (!eligible[i]) {
      score = 0;
      continue;
    }
    if (score <= 0) {
      score = 0;
      start = i;
    }
    score += c.hit[i] ? 1 : -miss;
    if (score > best_score) {
      best_score = score;
      best = {start, i, true};
    }
  }
  return best;
}

// The most words explained, weighted by closeness: a license inside a longer
// variant of it explains as many words, less closely, and a neighbouring
// version that shares a title line explains a few more words, much less
// closely.
double weight(const PlacedText& p) { return static_cast<double>(p.explained_words) * p.similarity; }

PlacedText measure_run(const Candidate& c, const Run& run, const std::vector<std::uint32_t>& hashes,
                       std::size_t word_count, const SimilarityIndex& index, HashSet* seen,
                       std::vector<char>* covered) {
  PlacedText p;
  p.reference = c.reference;
  seen->clear();
  HashSet all(run.last - run.first + 1);
  covered->assign(word_count, 0);
  for (std::size_t i = run.first; i <= run.last; ++i) {
    if (all.insert(hashes[i])) ++p.run_shingles;
    if (!c.hit[i]) continue;
    if (seen->insert(hashes[i])) ++p.held;
    for (std::size_t k = 0; k < kShingleWords; ++k) (*covered)[i + k] = 1;
  }
  p.explained_words = static_cast<std::size_t>(std::count(covered->begin(), covered->end(), 1));
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
  const std::vector<std::uint32_t> hashes = shingle_hashes(m.words);
  const std::size_t n = hashes.size();
  if (n == 0 || index.size() == 0) return m;

  std::vector<std::span<const std::uint16_t>> postings(n);
  std::vector<std::uint32_t> held(index.size(), 0);
  HashSet seen(n);
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < n; ++i) {
    postings[i] = index.lookup(hashes[i]);
    if (!seen.insert(hashes[i])) continue;
    ++distinct;
    for (std::uint16_t r : postings[i]) ++held[r];
  }

  std::vector<std::size_t> order;
  for (std::size_t r = 0; r < index.size(); ++r) {
    if (held[r] == 0) continue;
    const double shingles = index.reference(r).shingles;
    const double similarity = held[r] / std::max<double>(shingles, static_cast<double>(distinct));
    if (!m.has_closest || similarity > m.closest_similarity) {
      m.closest = r;
      m.closest_similarity = similarity;
      m.has_closest = true;
    }
    if (held[r] >= 4 && held[r] >= options.min_containment * shingles) order.push_back(r);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return held[a] != held[b] ? held[a] > held[b] : a < b;
  });
  if (order.size() > kMaxCandidates) order.resize(kMaxCandidates);

  std::vector<Candidate> candidates;
  for (std::size_t r : order) {
    Candidate c{r, std::vector<char>(n, 0)};
    for (std::size_t i = 0; i < n; ++i)
      c.hit[i] =
          std::binary_search(postings[i].begin(), postings[i].end(), static_cast<std::uint16_t>(r));
    candidates.push_back(std::move(c));
  }

  std::vector<char> assigned(m.words.size(), 0), eligible(n, 1);
  std::vector<char> covered(m.words.size(), 0);
  while (m.placed.size() < options.max_placed) {
    std::vector<PlacedText> passing;
    for (Candidate& c : candidates) {
      if (c.placed) continue;
      std::optional<PlacedText> chosen;
      for (long miss : {2L, 1L}) {
        const Run run = densest_run(c, eligible, miss);
        if (!run.found) continue;
        PlacedText p = measure_run(c, run, hashes, m.words.size(), index, &seen, &covered);
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
    for (std::size_t w = best.first_word; w < best.end_word; ++w) assigned[w] = 1;
    for (std::size_t i = 0; i < n; ++i)
      if (eligible[i] && (assigned[i] || assigned[i + kShingleWords - 1])) eligible[i] = 0;
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
  if (reference >= index.size() || end > match.words.size() || end < first + kShingleWords)
    return out;
  HashSet all(end - first), held(end - first);
  std::size_t distinct = 0, distinct_held = 0;
  for (std::size_t i = first; i + kShingleWords <= end; ++i) {
    const std::uint32_t h = shingle_hash(match.words, i);
    const bool fresh = all.insert(h);
    distinct += fresh;
    const auto refs = index.lookup(h);
    if (!std::binary_search(refs.begin(), refs.end(), static_cast<std::uint16_t>(reference)))
      continue;
    if (fresh && held.insert(h)) ++distinct_held;
    for (std::size_t k = 0; k < kShingleWords; ++k) out.explained[i + k] = true;
  }
  out.explained_words =
      static_cast<std::size_t>(std::count(out.explained.begin(), out.explained.end(), true));
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
