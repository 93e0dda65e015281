#include <algorithm>
#include <boost/filesystem.hpp>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>

#include "scanner/identify/identifier.h"
#include "scanner/identify/literal_scanner.h"
#include "scanner/identify/prefilter_guards.h"
#include "scanner/text/decode.h"
#include "scanner/text/normalize.h"
#include "support.h"

using namespace oblige;
namespace fs = boost::filesystem;

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
  // the single-pattern fallback must take over. (Without the literal guards,
  // as for patterns of --signatures folders, which have none.)
  const identify::CompiledSignatures starved(testing::builtin_signatures(), 64 << 10, nullptr,
                                             nullptr, false);
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

TEST_CASE("the generic detectors' guards rule out only patterns the text lacks", "[identify]") {
  const identify::CompiledSignatures& compiled = testing::compiled_signatures();
  const std::string text = text::normalize(sample("unknown-license/LICENSE")).text;
  const std::string prose = text::normalize("This folder holds the weights.").text;
  std::size_t ruled_out = 0, ruled_out_in_prose = 0, patterns = 0, kept_matching = 0;
  const auto& sigs = testing::builtin_signatures().signatures;
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    if (!sigs[i].generic) continue;
    const identify::SignaturePatterns guarded = compiled.generic_patterns(i, text);
    const identify::SignaturePatterns in_prose = compiled.generic_patterns(i, prose);
    const identify::SignaturePatterns& all = compiled.patterns(i);
    REQUIRE(guarded.clauses.size() == all.clauses.size());
    for (std::size_t c = 0; c < all.clauses.size(); ++c)
      for (std::size_t k = 0; k < all.clauses[c].size(); ++k) {
        ++patterns;
        const identify::Pattern* pattern = all.clauses[c][k];
        const bool matches =
            RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), pattern->re());
        const bool out = guarded.clauses[c][k] == compiled.never_matches();
        // Every pattern ruled out really does not match; every one kept is
        // the same compiled pattern.
        CHECK_FALSE((matches && out));
        if (!out) CHECK(guarded.clauses[c][k] == pattern);
        ruled_out += out;
        kept_matching += matches;
        ruled_out_in_prose += in_prose.clauses[c][k] == compiled.never_matches();
      }
  }
  CHECK(kept_matching >= 3);  // the three clauses the test above finds
  CHECK(ruled_out > 0);
  // Ordinary prose: almost every generic pattern is ruled out, nothing found.
  CHECK(ruled_out_in_prose >= ruled_out);
  CHECK(ruled_out_in_prose * 10 >= patterns * 9);
  CHECK(identify::find_generic_clauses(prose, compiled).empty());
}

TEST_CASE("the literal guards find the same candidates as an RE2::Set over every anchor",
          "[identify]") {
  const identify::CompiledSignatures& guarded = testing::compiled_signatures();
  // Every built-in anchor and reference phrase has a guard: none is left
  // for the RE2::Set a run would compile.
  CHECK(guarded.set_patterns() == 0);
  CHECK(guarded.guarded_patterns() > 300);
  const identify::CompiledSignatures unguarded(testing::builtin_signatures(), 256 << 20, nullptr,
                                               nullptr, false);
  CHECK(unguarded.guarded_patterns() == 0);
  const std::vector<std::string> texts = testing::license_texts();
  std::size_t with_candidates = 0;
  for (const std::string& t : texts) {
    const std::string n = text::normalize(t).text;
    const auto expected = unguarded.candidates(n);
    CHECK(guarded.candidates(n) == expected);
    with_candidates += !expected.empty();
    // A KELVIN SIGN for a k: RE2 folds it to k, the atoms cannot, so the
    // guards stand aside and every pattern is searched.
    const std::size_t k = n.find('k');
    if (k != std::string::npos && !expected.empty()) {
      const std::string kelvin = n.substr(0, k) + "\xE2\x84\xAA" + n.substr(k + 1);
      CHECK(guarded.candidates(kelvin) == unguarded.candidates(kelvin));
    }
  }
  CHECK(with_candidates >= 4);
}

TEST_CASE(
    "clause guards change no identification: every corpus text comes out the same without them",
    "[identify]") {
  // The guards rule out, per text, the patterns of every signature (clauses,
  // version markers, anchors) whose literals it lacks; an identification
  // made searching every pattern must be the same in every field.
  const identify::CompiledSignatures& guarded = testing::compiled_signatures();
  const identify::CompiledSignatures unguarded(testing::builtin_signatures(), 256 << 20, nullptr,
                                               nullptr, false);
  const std::vector<std::string> texts = testing::license_texts();
  std::size_t ruled_out = 0, hits = 0;
  for (const std::string& t : texts) {
    const std::string n = text::normalize(t).text;
    const auto with = identify::identify(n, guarded);
    const auto without = identify::identify(n, unguarded);
    REQUIRE(with.size() == without.size());
    for (std::size_t i = 0; i < with.size(); ++i) {
      const identify::Identification &a = with[i], &b = without[i];
      INFO(n.substr(0, 80) << " / identification " << i);
      CHECK(a.signature == b.signature);
      CHECK(a.reference == b.reference);
      CHECK(a.status == b.status);
      CHECK(a.confidence == b.confidence);
      CHECK(a.begin == b.begin);
      CHECK(a.end == b.end);
      CHECK(a.missing == b.missing);
      CHECK(a.version_certain == b.version_certain);
      CHECK(a.ambiguous_with == b.ambiguous_with);
      REQUIRE(a.hits.size() == b.hits.size());
      for (std::size_t h = 0; h < a.hits.size(); ++h) {
        CHECK(a.hits[h].clause == b.hits[h].clause);
        CHECK(a.hits[h].pattern == b.hits[h].pattern);
        CHECK(a.hits[h].begin == b.hits[h].begin);
        CHECK(a.hits[h].captures == b.hits[h].captures);
      }
      hits += a.hits.size();
      CHECK(a.additional.size() == b.additional.size());
    }
    // And the guards do rule patterns out: a license names few others.
    const auto text_hits = guarded.guard_hits(n);
    for (std::size_t sig : guarded.candidates(n, text_hits))
      for (const auto& g : guarded.guarded_patterns(sig)) ruled_out += !text_hits.allow(*g.guard);
  }
  CHECK(hits > 100);
  CHECK(ruled_out > 100);
}

TEST_CASE("the literal scanner finds overlapping literals, suffixes and UTF-8, in one pass",
          "[identify]") {
  const std::vector<std::string_view> literals = {"he", "she",  "his",  "hers",
                                                  "",   "许可", "可证", "she"};
  const identify::LiteralScanner scanner(literals);
  CHECK(scanner.present("ushers") ==
        std::vector<bool>{true, true, false, true, false, false, false, true});
  CHECK(scanner.present("this 许可证") ==
        std::vector<bool>{false, false, true, false, false, true, true, false});
  // Bytes in no literal, and the empty text: nothing.
  CHECK(scanner.present("xyz 123").size() == literals.size());
  for (bool b : scanner.present("xyz 123")) CHECK_FALSE(b);
  for (bool b : scanner.present("")) CHECK_FALSE(b);
  // A literal cut by the text's end is not there.
  CHECK_FALSE(scanner.present("hi")[2]);
  // Marked under numbers of the caller's: "he" (0) as 3, "hers" (3) as 0;
  // marks already set stay set.
  std::vector<bool> marks(9, false);
  marks[8] = true;
  scanner.mark_present("ushers", std::vector<std::uint32_t>{3, 1, 2, 0, 4, 5, 6, 7}, &marks);
  CHECK(marks == std::vector<bool>{true, true, false, true, false, false, false, true, true});
  CHECK_THROWS_AS(scanner.mark_present("he", std::vector<std::uint32_t>{0, 1}, &marks),
                  std::invalid_argument);
  CHECK_THROWS_AS(
      scanner.mark_present("he", std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 9}, &marks),
      std::invalid_argument);
  // A long text is scanned as four streams: a literal across any seam
  // between them, or at either end, is still found, and only where it is.
  const identify::LiteralScanner long_literals({"abcdefghij", "q"});
  for (std::size_t size : {256, 300, 1001, 4096, 8000, 8003}) {
    const std::size_t chunk = size / 4;
    std::vector<std::size_t> offsets = {0, size - 10};
    for (std::size_t seam = chunk; seam < size; seam += chunk)
      for (std::size_t d = 0; d <= 12; ++d) offsets.push_back(seam - d);
    for (std::size_t at : offsets) {
      INFO(size << " " << at);
      std::string text(size, 'x');
      text.replace(at, 10, "abcdefghij");
      CHECK(long_literals.present(text) == std::vector<bool>{true, false});
      text[at + 4] = 'y';
      CHECK(long_literals.present(text) == std::vector<bool>{false, false});
    }
  }
}

TEST_CASE("the literal scanner finds what a search for each literal finds, at every length",
          "[identify]") {
  // Few letters, so literals overlap and share prefixes and suffixes; some
  // are cut from the text across the seams of its streams (and at its ends),
  // for texts of every size around where streams begin.
  std::mt19937 rng(7);
  const auto random_text = [&](std::size_t size) {
    std::string s(size, 'a');
    for (char& c : s) c = static_cast<char>('a' + rng() % 4);
    return s;
  };
  for (std::size_t size = 0; size < 1500; size += 1 + rng() % 7) {
    const std::string text = random_text(size);
    std::vector<std::string> owned;
    for (int i = 0; i < 6; ++i) owned.push_back(random_text(3 + rng() % 14));
    for (std::size_t k = 0; k <= 4 && size >= 16; ++k) {
      const std::size_t length = 3 + rng() % 14;
      const std::size_t seam = std::min(size, k * (size / 4));
      const std::size_t from = std::min(size - length, seam - std::min(seam, rng() % length));
      owned.push_back(text.substr(from, length));
    }
    const std::vector<std::string_view> literals(owned.begin(), owned.end());
    const identify::LiteralScanner scanner(literals);
    std::vector<bool> expected;
    for (std::string_view l : literals) expected.push_back(text.find(l) != std::string::npos);
    INFO("size " << size);
    CHECK(scanner.present(text) == expected);
  }
}

TEST_CASE("the embedded guard tables are the automata of the embedded atoms", "[identify]") {
  const auto atoms = identify::embedded_guard_atoms();
  const auto parts = identify::embedded_guard_scanners();
  REQUIRE(parts.size() == 2);
  std::vector<int> owners(atoms.size(), 0);
  for (const identify::GuardScannerPart& part : parts) {
    std::vector<std::string_view> mine;
    for (std::uint32_t a : part.atom_of) {
      REQUIRE(a < atoms.size());
      ++owners[a];
      const std::string_view atom = atoms[a];
      const bool non_ascii = std::any_of(
          atom.begin(), atom.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
      CHECK(non_ascii == part.non_ascii);
      mine.push_back(atom);
    }
    const identify::LiteralScanner built(mine);
    const identify::LiteralTables& a = built.tables();
    const identify::LiteralTables& b = part.tables;
    CHECK(a.literal_count == b.literal_count);
    CHECK(a.classes == b.classes);
    CHECK(a.longest == b.longest);
    CHECK(std::equal(a.class_of.begin(), a.class_of.end(), b.class_of.begin(), b.class_of.end()));
    CHECK(std::equal(a.next.begin(), a.next.end(), b.next.begin(), b.next.end()));
    CHECK(std::equal(a.output_begin.begin(), a.output_begin.end(), b.output_begin.begin(),
                     b.output_begin.end()));
    CHECK(std::equal(a.outputs.begin(), a.outputs.end(), b.outputs.begin(), b.outputs.end()));
    // The ASCII part's rows hold only ASCII byte classes.
    if (!part.non_ascii) CHECK(b.classes <= 64);
  }
  // Every atom is in exactly one part, and there are Chinese ones.
  CHECK(std::all_of(owners.begin(), owners.end(), [](int n) { return n == 1; }));
  CHECK(parts[1].atom_of.size() > 10);
  // Together the parts find what a search for each atom finds: in a license,
  // and in a text made of every third atom (Chinese ones among them).
  const identify::CompiledSignatures& compiled = testing::compiled_signatures();
  std::string of_atoms;
  for (std::size_t i = 0; i < atoms.size(); i += 3) of_atoms += std::string(atoms[i]) + " / ";
  for (const std::string& text :
       {text::normalize(sample("qwen-chat/LICENSE")).text, of_atoms, std::string("plain ascii")}) {
    const auto hits = compiled.guard_hits(text);
    REQUIRE_FALSE(hits.all);
    REQUIRE(hits.present.size() == atoms.size());
    std::size_t found = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
      INFO(atoms[i]);
      CHECK(hits.present[i] == (text.find(atoms[i]) != std::string::npos));
      found += hits.present[i];
    }
    if (text != "plain ascii") CHECK(found > 0);
  }
}
