// The clause-kind model scores a sentence against every example by the cosine
// of their weighted feature sets (kind_model.h). Checked here on a model
// built from hand-made examples, against the cosine worked out directly.
#include "scanner/identify/kind_model.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using oblige::identify::build_kind_model_blob;
using oblige::identify::KindExampleInput;
using oblige::identify::KindModel;

namespace {

// The best score of each kind, as the model's definition gives it: a feature
// weighs log(1 + examples / examples holding it), one no example holds
// weighs as much as one only a single example holds.
std::map<std::string, double> best_scores(const std::vector<KindExampleInput>& examples,
                                          const std::vector<std::uint32_t>& query) {
  std::map<std::uint32_t, std::size_t> df;
  for (const auto& e : examples)
    for (std::uint32_t f : e.features) ++df[f];
  const double n = static_cast<double>(examples.size());
  const auto weight = [&](std::size_t d) { return std::log(1.0 + n / static_cast<double>(d)); };
  double query_norm = 0;
  for (std::uint32_t f : query) {
    const auto it = df.find(f);
    query_norm += std::pow(weight(it == df.end() ? 1 : it->second), 2);
  }
  std::map<std::string, double> best;
  for (const auto& e : examples) {
    double dot = 0, norm = 0;
    for (std::uint32_t f : e.features) {
      norm += std::pow(weight(df[f]), 2);
      if (std::binary_search(query.begin(), query.end(), f)) dot += std::pow(weight(df[f]), 2);
    }
    if (dot == 0) continue;
    const double score = dot / (std::sqrt(query_norm) * std::sqrt(norm));
    best[e.kind] = std::max(best[e.kind], score);
  }
  return best;
}

}  // namespace

TEST_CASE("classify gives each kind's best cosine, for features anywhere in the hash range",
          "[similarity][kinds]") {
  std::mt19937 rng(2024);
  // A pool of features spread over the whole range, with the values at the
  // edges of the model's buckets of feature hashes and at both ends.
  std::set<std::uint32_t> pool{0, 1, 0xFFFFFFFFu, 0xFFFFFFFEu};
  for (std::uint32_t b = 1; b < 64; ++b) {
    pool.insert(b << 26);
    pool.insert((b << 26) - 1);
    pool.insert(b << 20);
    pool.insert((b << 20) - 1);
  }
  while (pool.size() < 900) pool.insert(static_cast<std::uint32_t>(rng()));
  const std::vector<std::uint32_t> features(pool.begin(), pool.end());
  std::uniform_int_distribution<std::size_t> any(0, features.size() - 1);
  const auto pick = [&](std::size_t count) {
    std::set<std::uint32_t> s;
    while (s.size() < count) s.insert(features[any(rng)]);
    return std::vector<std::uint32_t>(s.begin(), s.end());
  };

  const std::vector<std::string> kinds{"attribution", "copyleft", "non-commercial", "trademark",
                                       "governing-law"};
  std::vector<KindExampleInput> examples;
  for (std::size_t e = 0; e < 150; ++e)
    examples.push_back({kinds[e % kinds.size()], "sig-" + std::to_string(e), "family",
                        "clause-" + std::to_string(e), pick(20 + e % 40)});
  const std::string blob = build_kind_model_blob(examples);
  const KindModel model(blob);
  REQUIRE(model.size() == examples.size());

  for (int q = 0; q < 200; ++q) {
    // Features the examples hold, and one in three queries with some no
    // example holds.
    std::vector<std::uint32_t> query = pick(10 + q % 50);
    if (q % 3 == 0)
      for (int u = 0; u < 5; ++u) query.push_back(0x80000000u + static_cast<std::uint32_t>(u));
    std::sort(query.begin(), query.end());
    query.erase(std::unique(query.begin(), query.end()), query.end());

    const std::map<std::string, double> expected = best_scores(examples, query);
    std::map<std::string, double> got;
    for (const auto& m : model.classify(query, 0.0)) {
      INFO("kind " << m.kind);
      CHECK(got.count(std::string(m.kind)) == 0);  // one result per kind
      got[std::string(m.kind)] = m.score;
    }
    REQUIRE(got.size() == expected.size());
    for (const auto& [kind, score] : expected) {
      INFO("query " << q << ", kind " << kind);
      REQUIRE(got.count(kind) == 1);
      CHECK(got[kind] == Approx(score).epsilon(1e-5));
    }
    // A threshold keeps exactly the kinds that reach it.
    const double threshold = 0.3;
    std::size_t reaching = 0;
    for (const auto& [kind, score] : expected) reaching += score >= threshold + 1e-5;
    const auto kept = model.classify(query, threshold);
    CHECK(kept.size() >= reaching);
    for (const auto& m : kept) CHECK(m.score >= threshold);
  }
}

TEST_CASE("classify finds nothing for features no example holds", "[similarity][kinds]") {
  const std::vector<KindExampleInput> examples{{"attribution", "a", "f", "c", {10, 20, 30}},
                                               {"trademark", "b", "f", "c", {40, 50}}};
  const std::string blob = build_kind_model_blob(examples);
  const KindModel model(blob);
  CHECK(model.classify({11, 21, 0xFFFFFFFFu}, 0.0).empty());
  CHECK(model.classify({}, 0.0).empty());
  const auto found = model.classify({0, 30, 0xFFFFFFFFu}, 0.0);
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == "attribution");
}
