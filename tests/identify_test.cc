#include <catch2/catch.hpp>

#include "scanner/identify/identifier.h"
#include "scanner/text/normalize.h"
#include "support.h"

using namespace oblige;

namespace {

std::string sample(const std::string& relative) {
  return testing::read_file(testing::source_dir() + "/samples/" + relative);
}

std::vector<identify::Identification> identify_text(const std::string& text) {
  return identify::identify(text::normalize(text).text, testing::compiled_signatures());
}

std::string id_of(const identify::Identification& id) {
  return testing::builtin_signatures().signatures[id.signature].id;
}

}  // namespace

TEST_CASE("the Tongyi Qianwen sample is identified with every clause", "[identify]") {
  // The sample is an abridged paraphrase: every clause, little of the text.
  // So it is the license, altered, as far from the real text as measured.
  const auto ids = identify_text(sample("qwen-chat/LICENSE"));
  REQUIRE(ids.size() == 1);
  CHECK(id_of(ids[0]) == "tongyi-qianwen-2023");
  CHECK(ids[0].status == identify::MatchStatus::kAltered);
  CHECK(ids[0].confidence == Approx(1.0));
  CHECK(ids[0].missing.empty());
  CHECK(ids[0].measured);
  CHECK(ids[0].similarity < 0.5);
}

TEST_CASE("a text with clauses removed is reported as altered, naming them", "[identify]") {
  std::string text = sample("qwen-chat/LICENSE");
  const std::size_t at = text.find("4. Restrictions");
  const std::size_t end = text.find("5. Rules of use");
  REQUIRE(at != std::string::npos);
  text.erase(at, end - at);  // the 100 million MAU clause is gone
  const auto ids = identify_text(text);
  REQUIRE(ids.size() == 1);
  CHECK(ids[0].status == identify::MatchStatus::kAltered);
  const auto& sig = testing::builtin_signatures().signatures[ids[0].signature];
  REQUIRE(ids[0].missing.size() == 1);
  CHECK(sig.clauses[ids[0].missing[0]].id == "mau-threshold");
}

TEST_CASE("a file that only names a license is a reference", "[identify]") {
  const auto ids = identify_text(
      "This model is licensed under the Tongyi Qianwen LICENSE AGREEMENT. See LICENSE.");
  REQUIRE(ids.size() == 1);
  CHECK(id_of(ids[0]) == "tongyi-qianwen-2023");
  CHECK(ids[0].status == identify::MatchStatus::kReference);
  const auto apache = identify_text(
      "Licensed under the Apache License, Version 2.0 (the \"License\"); you may not use this file "
      "except in compliance with the License.");
  REQUIRE(apache.size() == 1);
  CHECK(id_of(apache[0]) == "apache-2.0");
  CHECK(apache[0].status == identify::MatchStatus::kReference);
}

TEST_CASE("ordinary prose matches nothing", "[identify]") {
  CHECK(identify_text("# My model\n\nThis model answers questions about cooking. Train it with "
                      "python train.py --epochs 3. Contributions are welcome.")
            .empty());
  CHECK(identify_text("").empty());
}

TEST_CASE("a license pasted into a larger file is found with its line range", "[identify]") {
  const std::string license = sample("qwen-chat/LICENSE");
  std::string text =
      "# Model card\n\nSome words.\n\n## License\n\n" + license + "\n\n## Citation\n\n@misc{x}\n";
  const text::NormalizedText n = text::normalize(text);
  const auto ids = identify::identify(n.text, testing::compiled_signatures());
  REQUIRE_FALSE(ids.empty());
  CHECK(ids[0].status == identify::MatchStatus::kAltered);  // the abridged sample, as above
  const std::size_t first = n.source_offset(ids[0].begin);
  CHECK(text.compare(first, 14, "Tongyi Qianwen") == 0);
}

TEST_CASE("the generic detectors find obligations in an unknown license", "[identify]") {
  const std::string text = text::normalize(sample("unknown-license/LICENSE")).text;
  const auto ids = identify::find_generic_clauses(text, testing::compiled_signatures());
  REQUIRE(ids.size() == 1);
  std::vector<std::string> clause_ids;
  const auto& sig = testing::builtin_signatures().signatures[ids[0].signature];
  for (const auto& hit : ids[0].hits) clause_ids.push_back(sig.clauses[hit.clause].id);
  CHECK_THAT(clause_ids, Catch::Matchers::VectorContains(std::string("mau-threshold-million")));
  CHECK_THAT(clause_ids, Catch::Matchers::VectorContains(std::string("non-commercial")));
  CHECK_THAT(clause_ids, Catch::Matchers::VectorContains(std::string("governing-law")));
}

TEST_CASE("when the prefilter runs out of memory, single patterns give the same answer",
          "[identify]") {
  // 64 KiB is far too little for a DFA over every anchor: RE2::Set fails and
  // the single-pattern fallback must take over.
  const identify::CompiledSignatures starved(testing::builtin_signatures(), 64 << 10);
  const std::string text = text::normalize(sample("qwen-chat/LICENSE")).text;
  const auto ids = identify::identify(text, starved);
  CHECK(starved.used_fallback());
  REQUIRE(ids.size() == 1);
  CHECK(testing::builtin_signatures().signatures[ids[0].signature].id == "tongyi-qianwen-2023");
  CHECK(ids[0].status == identify::MatchStatus::kAltered);
  const auto normal = identify::identify(text, testing::compiled_signatures());
  CHECK_FALSE(testing::compiled_signatures().used_fallback());
  REQUIRE(normal.size() == 1);
  CHECK(normal[0].hits.size() == ids[0].hits.size());
}

TEST_CASE("the generic detectors' prefilter rules out only patterns the text lacks", "[identify]") {
  const identify::CompiledSignatures& compiled = testing::compiled_signatures();
  const std::string text = text::normalize(sample("unknown-license/LICENSE")).text;
  const auto absent = compiled.absent_generic_patterns(text);
  REQUIRE_FALSE(absent.empty());
  // Every pattern it rules out really does not match, and every generic
  // pattern it keeps and that matches is still there to be searched.
  std::size_t kept_matching = 0;
  const auto& sigs = testing::builtin_signatures().signatures;
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    if (!sigs[i].generic) continue;
    for (const auto& clause : compiled.patterns(i).clauses)
      for (const RE2* re : clause) {
        const bool matches = RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re);
        const bool ruled_out = std::find(absent.begin(), absent.end(), re) != absent.end();
        CHECK_FALSE((matches && ruled_out));
        if (matches) ++kept_matching;
      }
  }
  CHECK(kept_matching >= 3);  // the three clauses the test above finds
  // Ordinary prose: every generic pattern is ruled out, nothing is found.
  const std::string prose = text::normalize("This folder holds the weights.").text;
  CHECK(compiled.absent_generic_patterns(prose).size() >= absent.size());
  CHECK(identify::find_generic_clauses(prose, compiled).empty());
}
