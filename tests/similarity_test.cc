// Whole-text similarity: words, shingles, the fingerprint format, the
// embedded index, statuses, the SPDX License List tier and the clause-kind
// model, on texts written here and on the SPDX texts the build fingerprints
// (read from the installed npm package, never copied).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "scanner/identify/clause_kinds.h"
#include "scanner/identify/embedded_index.h"
#include "scanner/identify/fingerprint.h"
#include "scanner/identify/identifier.h"
#include "scanner/identify/kind_model.h"
#include "scanner/identify/shingles.h"
#include "scanner/identify/spdx_tier.h"
#include "scanner/obligations/derive.h"
#include "scanner/text/decode.h"
#include "scanner/text/normalize.h"
#include "support.h"

using namespace oblige;
using identify::MatchStatus;

namespace {

const identify::CompiledSignatures& compiled() { return testing::compiled_signatures(); }

std::vector<identify::Identification> identify_text(const std::string& text) {
  return identify::identify(text::normalize(text).text, compiled());
}

// The name a result goes by: the signature id, or the SPDX id of the tier.
std::string id_of(const identify::Identification& id) {
  if (id.signature != identify::kNone) return compiled().set().signatures[id.signature].id;
  return std::string(compiled().index().reference(id.reference).key);
}

const identify::Identification* first_text(const std::vector<identify::Identification>& ids) {
  for (const auto& id : ids)
    if (id.status == MatchStatus::kText || id.status == MatchStatus::kAltered ||
        id.status == MatchStatus::kContains)
      return &id;
  return nullptr;
}

// The SPDX License List package the build used, or null (skipped; a failure
// under CI, where scripts/test.sh installs it).
const nlohmann::json* spdx_list() {
  static const nlohmann::json list = [] {
    const char* env = std::getenv("OBLIGE_SPDX_LICENSE_LIST_DIR");
    const std::string dir =
        env ? env
            : testing::source_dir() + "/.tools/spdx-license-list/node_modules/spdx-license-list";
    std::ifstream in(dir + "/spdx-full.json");
    if (!in) return nlohmann::json();
    return nlohmann::json::parse(in);
  }();
  if (!list.is_null() && identify::embedded_spdx_tier()) return &list;
  if (std::getenv("CI"))
    FAIL("the SPDX License List package or tier is missing (scripts/install-spdx-license-list.sh)");
  WARN("the SPDX License List package or tier is missing: SPDX tests skipped");
  return nullptr;
}

std::string spdx_text(const std::string& id) {
  return (*spdx_list())[id]["licenseText"].get<std::string>();
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("words: ASCII runs, one word per Chinese character, no single letters", "[similarity]") {
  const std::string t = "(a) the licensee's 2.0 rights; 许可协议 ok";
  std::vector<std::string> words;
  for (const auto& w : identify::split_words(t))
    words.push_back(t.substr(w.begin, w.end - w.begin));
  CHECK(words == std::vector<std::string>{"the", "licensee", "2", "0", "rights", "许", "可", "协",
                                          "议", "ok"});
}

namespace {
// split_words's rules a code point at a time, for the characters
// words_text() uses: ASCII letters and digits and é are letters, Chinese
// characters a word each, the rest separators; a lone a-z is no word.
std::vector<identify::Word> reference_words(const std::string& t) {
  std::vector<identify::Word> out;
  std::size_t start = 0;
  bool in_word = false;
  const auto close = [&](std::size_t end) {
    if (!(end - start == 1 && t[start] >= 'a' && t[start] <= 'z'))
      out.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)});
    in_word = false;
  };
  for (std::size_t pos = 0; pos < t.size();) {
    const std::size_t at = pos;
    const char32_t cp = text::next_code_point(t, pos);
    const bool letter = (cp < 0x80 && std::isalnum(static_cast<int>(cp))) || cp == 0xE9;
    const bool ideograph = cp >= 0x4E00 && cp <= 0x9FFF;
    if (letter) {
      if (!in_word) start = at;
      in_word = true;
    } else {
      if (in_word) close(at);
      if (ideograph) {
        start = at;
        close(pos);
      }
    }
  }
  if (in_word) close(t.size());
  return out;
}

// Random text of words of every length, separators and a few non-ASCII
// characters, so word edges fall everywhere in a block of sixteen bytes.
std::string words_text(std::mt19937& random, std::size_t pieces) {
  static const std::vector<std::string> kOthers = {" ", "  ",   "\n", ".", "(",  "'",        "-",
                                                   "é", "许可", "“",  "—", "。", "\xc2\xa0", "_"};
  std::uniform_int_distribution<int> kind(0, 2), length(1, 20), letter(0, 61);
  std::uniform_int_distribution<std::size_t> other(0, kOthers.size() - 1);
  const std::string alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string out;
  for (std::size_t i = 0; i < pieces; ++i) {
    if (kind(random) == 0) {
      out += kOthers[other(random)];
      continue;
    }
    for (int n = length(random); n > 0; --n) out += alnum[static_cast<std::size_t>(letter(random))];
    out += ' ';
  }
  return out;
}
}  // namespace

TEST_CASE("words: split_words gives what its rules give a character at a time", "[similarity]") {
  std::mt19937 random(20261207);
  std::size_t words = 0;
  for (int i = 0; i < 2000; ++i) {
    const std::string t = words_text(random, 1 + static_cast<std::size_t>(i % 80));
    INFO("[" << t << "]");
    const auto got = identify::split_words(t), want = reference_words(t);
    REQUIRE(got.size() == want.size());
    for (std::size_t k = 0; k < got.size(); ++k) {
      REQUIRE(got[k].begin == want[k].begin);
      REQUIRE(got[k].end == want[k].end);
    }
    words += got.size();
  }
  CHECK(words > 20000);
}

namespace {
std::vector<std::uint32_t> hashes_of(std::string_view text) {
  return identify::shingle_hashes(text, identify::split_words(text));
}
}  // namespace

TEST_CASE("shingles: four words, order matters, one per position", "[similarity]") {
  const auto a = hashes_of("one two three four five");
  const auto b = hashes_of("zero two three four five");
  const auto c = hashes_of("two one three four");
  REQUIRE(a.size() == 2);
  CHECK(a[1] == b[1]);  // "two three four five" in both
  CHECK(a[0] != b[0]);
  CHECK(a[0] != c[0]);  // the same words in another order
  CHECK(hashes_of("one two three").empty());
}

TEST_CASE("fingerprint files round-trip and name their damage", "[similarity]") {
  identify::FingerprintFile f{
      "example",
      {{"corpus/x/LICENSE", 12, {1, 5, 900, 4000000000u}, {{"c1", "attribution", {7, 8}}}}}};
  const std::string text = identify::write_fingerprint_file(f);
  identify::FingerprintFile back;
  std::string error;
  REQUIRE(identify::read_fingerprint_file(text, &back, &error));
  CHECK(back.signature == "example");
  REQUIRE(back.references.size() == 1);
  CHECK(back.references[0].shingles == f.references[0].shingles);
  CHECK(back.references[0].examples[0].features == std::vector<std::uint32_t>{7, 8});
  CHECK(back.references[0].words == 12);
  std::string damaged = text;
  damaged.replace(damaged.find("shingles 4"), 10, "shingles 5");
  CHECK_FALSE(identify::read_fingerprint_file(damaged, &back, &error));
  CHECK(error.find("damaged shingle hashes") != std::string::npos);
  CHECK_FALSE(identify::read_fingerprint_file("not a fingerprint\n", &back, &error));
}

TEST_CASE("notice lines are left out of a reference's shingles", "[similarity]") {
  const std::string source =
      "Copyright (c) 2024 Example Labs\nPermission is hereby granted to use this thing\n";
  const text::NormalizedText n = text::normalize(source);
  const auto words = identify::split_words(n.text);
  const auto marks = identify::notice_line_words(source, n.origin, words);
  REQUIRE(words.size() == 12);  // "(c)" is no word
  CHECK(marks[0]);
  CHECK(marks[3]);
  CHECK_FALSE(marks[4]);
  CHECK(identify::shingle_set(n.text, words, marks).size() ==
        5);  // "permission ... thing": 8 words
  // A wrapped line of prose that starts with "copyright" is no notice.
  const std::string prose = "works protected by\ncopyright law and other rights of the owner\n";
  const text::NormalizedText p = text::normalize(prose);
  const auto pw = identify::split_words(p.text);
  const auto pm = identify::notice_line_words(prose, p.origin, pw);
  CHECK(std::none_of(pm.begin(), pm.end(), [](bool b) { return b; }));
}

TEST_CASE("an index blob is read back as built, and a damaged one is refused", "[similarity]") {
  // 4, 8 and 0xF0000000 are sampled shingles (is_sampled), 3 and 9 are not.
  std::vector<identify::IndexInput> inputs = {
      {identify::Tier::kSignature, "a", "first", "", 10, 0, {3, 4, 8, 0xF0000000u}},
      {identify::Tier::kSpdxList, "B-1.0", "Bee", "B-1.0-only", 5, 2, {3, 4, 9}}};
  const std::string blob = identify::build_index_blob(inputs, 4);
  // The blob must be 4-byte aligned to be read in place.
  std::vector<std::uint32_t> aligned((blob.size() + 3) / 4);
  std::memcpy(aligned.data(), blob.data(), blob.size());
  const identify::SimilarityIndex index(
      std::string_view(reinterpret_cast<const char*>(aligned.data()), blob.size()));
  REQUIRE(index.size() == 2);
  CHECK(index.reference(1).key == "B-1.0");
  CHECK(index.reference(1).also == "B-1.0-only");
  CHECK(index.reference(1).category == 2);
  CHECK(index.reference(0).sampled == 3);
  CHECK(index.reference(1).sampled == 1);
  const auto four = index.lookup(4);
  CHECK(std::vector<std::uint16_t>(four.begin(), four.end()) == std::vector<std::uint16_t>{0, 1});
  CHECK(index.lookup(0xF0000000u).size() == 1);
  CHECK(index.lookup(12).empty());
  // Shingles that are not sampled are not looked up, but each reference
  // keeps all of its own.
  CHECK(index.lookup(3).empty());
  // count_held counts what lookup() gives for each hash.
  std::vector<std::uint32_t> held(2, 0);
  const std::vector<std::uint32_t> hashes = {3, 4, 8, 9, 12, 0xF0000000u};
  index.count_held(hashes, held);
  CHECK(held == std::vector<std::uint32_t>{3, 1});
  const auto own = index.reference(1).own;
  CHECK(std::vector<std::uint32_t>(own.begin(), own.end()) == std::vector<std::uint32_t>{3, 4, 9});
  CHECK_THROWS(identify::SimilarityIndex(
      std::string_view(reinterpret_cast<const char*>(aligned.data()), blob.size() - 4)));
  inputs[1].shingles = {4, 3};
  CHECK_THROWS(identify::build_index_blob(inputs, 4));
}

TEST_CASE("count_held on the embedded index counts what lookup gives, for long hash lists",
          "[similarity]") {
  const identify::SimilarityIndex& index = compiled().index();
  std::size_t lists = 0;
  for (std::size_t r = 0; r < index.size(); r += 7) {
    // A reference's own shingles (sorted, thousands of them), and some
    // absent ones among them.
    std::vector<std::uint32_t> hashes(index.reference(r).own.begin(), index.reference(r).own.end());
    for (std::size_t i = 0; i < hashes.size(); i += 3) hashes[i] ^= 0x00100000u;
    std::sort(hashes.begin(), hashes.end());
    std::vector<std::uint32_t> want(index.size(), 0), got(index.size(), 0);
    for (std::uint32_t h : hashes)
      for (std::uint16_t holder : index.lookup(h)) ++want[holder];
    index.count_held(hashes, got);
    REQUIRE(got == want);
    ++lists;
  }
  CHECK(lists > 50);
}

TEST_CASE("the embedded index holds every committed fingerprint, and tells them apart",
          "[similarity]") {
  // Each reference's own shingles, looked up against every other text of both
  // tiers: its closest other text belongs to its own signature or is not as
  // close as itself, so no fingerprint is confused with another license.
  const identify::SimilarityIndex& index = compiled().index();
  std::size_t checked = 0;
  for (boost::filesystem::directory_iterator it(testing::source_dir() + "/signatures/fingerprints"),
       end;
       it != end; ++it) {
    identify::FingerprintFile f;
    std::string error;
    REQUIRE(identify::read_fingerprint_file(testing::read_file(it->path()), &f, &error));
    for (const auto& ref : f.references) {
      INFO(f.signature << " " << ref.source);
      for (std::size_t r = 0; r < index.size(); ++r) {
        const auto& other = index.reference(r);
        std::vector<std::uint32_t> shared;
        std::set_intersection(ref.shingles.begin(), ref.shingles.end(), other.own.begin(),
                              other.own.end(), std::back_inserter(shared));
        const double sim = shared.size() / static_cast<double>(std::max<std::size_t>(
                                               other.shingles, ref.shingles.size()));
        if (other.tier == identify::Tier::kSignature && other.key == f.signature) continue;
        INFO("against " << other.key << " (" << other.name << "): " << sim);
        CHECK(sim < 0.995);
      }
      ++checked;
    }
  }
  CHECK(checked >= 60);
}

TEST_CASE("every SPDX License List text gets its own SPDX id, never another license's",
          "[similarity][spdx]") {
  const nlohmann::json* list = spdx_list();
  if (!list) return;
  std::size_t checked = 0, unrecognized = 0;
  for (const auto& [spdx, entry] : list->items()) {
    const auto ids = identify_text(entry["licenseText"].get<std::string>());
    const identify::Identification* id = first_text(ids);
    INFO(spdx);
    if (!id) {
      ++unrecognized;  // a text too short for shingles
      continue;
    }
    std::set<std::string> names;
    // (A signature without a fingerprint is identified by its patterns: no
    // reference text.)
    if (id->reference != identify::kNone) {
      const auto& ref = compiled().index().reference(id->reference);
      std::stringstream also{std::string(ref.also)};
      for (std::string a; std::getline(also, a, ',');) names.insert(text::ascii_lower(a));
      if (id->signature == identify::kNone) names.insert(text::ascii_lower(std::string(ref.key)));
    }
    if (id->signature != identify::kNone) {
      const auto& sig = compiled().set().signatures[id->signature];
      names.insert(text::ascii_lower(sig.spdx));
      names.insert(sig.id);
      for (const auto& a : sig.aliases) names.insert(text::ascii_lower(a));
    }
    for (std::size_t r : id->ambiguous_references)
      names.insert(text::ascii_lower(std::string(compiled().index().reference(r).key)));
    INFO("found " << id_of(*id) << " (" << identify::status_name(id->status) << ")");
    // The deprecated forms: "GPL-3.0+" is GPL-3.0-or-later, "LGPL-3.0" LGPL-3.0-only.
    std::string l = text::ascii_lower(spdx);
    const bool named = names.count(l) || names.count(l + "-only") ||
                       (l.back() == '+' && names.count(l.substr(0, l.size() - 1) + "-or-later"));
    CHECK(named);
    ++checked;
  }
  CHECK(checked >= 700);
  CHECK(unrecognized <= 5);
}

TEST_CASE("a Modified MIT license is altered MIT, its added clause's threshold and duty found",
          "[similarity][spdx]") {
  if (!spdx_list()) return;
  const std::string text =
      spdx_text("MIT") +
      "\nOur only modification: if the Software or any derivative works thereof is used for "
      "commercial products or services that have more than 100 million monthly active users, "
      "or more than 20 million US dollars (or equivalent in other currencies) in monthly "
      "revenue, you shall prominently display \"Example K9\" on the user interface of such "
      "product or service.\n";
  const auto ids = identify_text(text);
  const identify::Identification* id = first_text(ids);
  REQUIRE(id);
  CHECK(id_of(*id) == "mit");
  CHECK(id->status == MatchStatus::kAltered);
  CHECK(id->coverage < 0.9);
  REQUIRE_FALSE(id->added.empty());
  std::set<std::int64_t> thresholds;
  std::set<std::string> kinds;
  for (const auto& k : id->additional) {
    kinds.insert(k.kind);
    if (k.generic_signature == identify::kNone) continue;
    const auto& clause =
        compiled().set().signatures[k.generic_signature].clauses[k.generic_hit.clause];
    thresholds.insert(obligations::resolve_parameters(clause.parameters, k.generic_hit.captures)
                          .value("threshold", 0LL));
  }
  CHECK(kinds.count("commercial-threshold"));
  CHECK(kinds.count("attribution"));
  CHECK(thresholds.count(100000000));
  CHECK(thresholds.count(20000000));
}

TEST_CASE("SPDX licenses close to oblige's signatures keep their own ids", "[similarity][spdx]") {
  if (!spdx_list()) return;
  for (const char* spdx :
       {"BSD-3-Clause-Attribution", "Hippocratic-2.1", "MIT-0", "BSD-4-Clause", "ECL-2.0"}) {
    INFO(spdx);
    const auto ids = identify_text(spdx_text(spdx));
    const identify::Identification* id = first_text(ids);
    REQUIRE(id);
    CHECK(id->tier == identify::Tier::kSpdxList);
    CHECK(id_of(*id) == spdx);
    CHECK(id->status == MatchStatus::kText);
  }
}

TEST_CASE("MPL-2.0 is MPL-2.0, and its list of Secondary Licenses refers to none of them",
          "[similarity][spdx]") {
  if (!spdx_list()) return;
  const auto ids = identify_text(spdx_text("MPL-2.0"));
  REQUIRE_FALSE(ids.empty());
  CHECK(id_of(ids[0]) == "mpl-2.0");
  CHECK(ids[0].status == MatchStatus::kText);
  for (const auto& id : ids) CHECK(id_of(id) == "mpl-2.0");
  // Every new signature written from the SPDX texts recognises its own text.
  for (const char* spdx :
       {"LGPL-2.1-only", "LGPL-3.0-only", "GPL-2.0-only", "BSD-2-Clause", "ISC", "Unlicense",
        "CC0-1.0", "EPL-2.0", "BSL-1.0", "Zlib", "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0"}) {
    INFO(spdx);
    const auto ids = identify_text(spdx_text(spdx));
    const identify::Identification* id = first_text(ids);
    REQUIRE(id);
    REQUIRE(id->signature != identify::kNone);
    CHECK(compiled().set().signatures[id->signature].spdx == spdx);
    CHECK(id->missing.empty());
  }
}

TEST_CASE("an MIT text with an ethical-use clause is altered MIT with use restrictions added",
          "[similarity][spdx]") {
  if (!spdx_list()) return;
  std::string text = spdx_text("MIT");
  text = replace_once(
      text, "The above copyright notice",
      "The Software may not be used by individuals, corporations or governments for systems or "
      "activities that knowingly endanger, harm or threaten the physical, mental or economic "
      "well-being of individuals or groups in violation of the Universal Declaration of Human "
      "Rights.\n\nThe above copyright notice");
  const auto ids = identify_text(text);
  const identify::Identification* id = first_text(ids);
  REQUIRE(id);
  CHECK(id_of(*id) == "mit");
  CHECK(id->status == MatchStatus::kAltered);
  const bool restriction =
      std::any_of(id->additional.begin(), id->additional.end(),
                  [](const identify::KindHit& k) { return k.kind == "use-restrictions"; });
  CHECK(restriction);
}

TEST_CASE("a license inside a larger file is contained, and the rest is reported apart",
          "[similarity][spdx]") {
  if (!spdx_list()) return;
  std::string prose;
  for (int i = 0; i < 60; ++i)
    prose +=
        "This model card describes the training data, the evaluation results and the intended uses "
        "of "
        "the model in some detail, section " +
        std::to_string(i) + ".\n";
  const std::string text = prose + "\n## License\n\n" + spdx_text("Apache-2.0") + "\n" + prose;
  const auto n = text::normalize(text);
  const auto found = identify::identify_text(n.text, compiled());
  const identify::Identification* id = first_text(found.ids);
  REQUIRE(id);
  CHECK(id_of(*id) == "apache-2.0");
  CHECK(id->status == MatchStatus::kContains);
  CHECK(id->similarity > 0.95);
  CHECK(id->coverage < 0.5);
  CHECK(n.text.substr(id->begin, 20).find("apache license") != std::string::npos);
  CHECK(found.rest.size() >= 2);
}

TEST_CASE("an unknown license is unrecognized, with its closest candidate", "[similarity]") {
  const auto ids = identify_text(
      "Example Research License. You may use the model for research only. You must not use it for "
      "commercial "
      "purposes. Redistributions must include a copy of this license. The model is provided as is, "
      "without "
      "warranty of any kind. This license is governed by the laws of Norway.");
  CHECK_FALSE(first_text(ids));
  const auto un = std::find_if(ids.begin(), ids.end(), [](const identify::Identification& id) {
    return id.status == MatchStatus::kUnrecognized;
  });
  REQUIRE(un != ids.end());
  CHECK(un->similarity < 0.3);
  CHECK(un->reference != identify::kNone);
}

TEST_CASE("clause kinds of an unknown license are found by similarity and generic patterns",
          "[similarity]") {
  const std::string text =
      text::normalize(
          "Example Model License. 1. You must give every recipient of the model a copy of this "
          "agreement. "
          "2. You must cause any modified files to carry prominent notices stating that you "
          "changed the files. "
          "3. You will not use the model or its outputs to improve any other large language model. "
          "4. If you institute litigation against the licensor alleging that the model infringes "
          "your "
          "intellectual property, this license terminates. 5. Nothing here grants rights to use "
          "the licensor's "
          "trademarks. 6. If you deploy the model on more than 5,000 devices or to more than 2 "
          "million daily "
          "active users, you must apply for a commercial license.")
          .text;
  const auto hits = identify::find_clause_kinds(text, {{0, text.size()}}, compiled());
  std::set<std::string> kinds;
  for (const auto& h : hits) kinds.insert(h.kind);
  for (const char* k : {"include-license-copy", "notice-of-modification", "output-restriction",
                        "termination-on-litigation", "no-trademark", "commercial-threshold"}) {
    INFO(k);
    CHECK(kinds.count(k));
  }
  std::set<std::pair<std::string, std::int64_t>> thresholds;
  for (const auto& h : hits) {
    if (h.generic_signature == identify::kNone) continue;
    const auto& clause =
        compiled().set().signatures[h.generic_signature].clauses[h.generic_hit.clause];
    const auto p = obligations::resolve_parameters(clause.parameters, h.generic_hit.captures);
    if (p.contains("threshold"))
      thresholds.insert({p["metric"].get<std::string>(), p["threshold"].get<std::int64_t>()});
  }
  CHECK(thresholds.count({"devices", 5000}));
  CHECK(thresholds.count({"daily_active_users", 2000000}));
  // Every similarity hit names the clause it resembles.
  for (const auto& h : hits)
    if (h.generic_signature == identify::kNone) CHECK_FALSE(h.example_clause.empty());
}

TEST_CASE("a plain grant is no non-commercial or research-only term, in English or Chinese",
          "[similarity]") {
  const auto kinds_in = [](const std::string& raw) {
    const std::string text = text::normalize(raw).text;
    std::set<std::string> kinds;
    for (const auto& h : identify::find_clause_kinds(text, {{0, text.size()}}, compiled()))
      kinds.insert(h.kind);
    return kinds;
  };
  // Grant sentences read like the grants of non-commercial licenses; only
  // the words that restrict use make the term.
  const auto english = kinds_in(
      "Example Model License. 1. License grant. Subject to the terms and conditions of this "
      "agreement, the licensor hereby grants you a non-exclusive, worldwide, non-transferable, "
      "non-sublicensable, revocable and royalty-free license to use, copy, modify and distribute "
      "the model. 2. You must give every recipient of the model a copy of this agreement.");
  CHECK(english.count("include-license-copy"));
  CHECK_FALSE(english.count("non-commercial"));
  CHECK_FALSE(english.count("research-only"));
  const auto chinese = kinds_in(
      "示例模型许可协议。2.许可授予：根据本许可的条款和条件，许可方特此授予您非排他性、全球性、"
      "不可转让、不可再许可、可撤销、免版税的版权许可。在任何情况下，许可方均不对任何直接或间接"
      "损失负责，包括商业损失，即使许可方已被告知此类损害的可能性。");
  CHECK_FALSE(chinese.count("non-commercial"));
  CHECK_FALSE(chinese.count("research-only"));
  CHECK_FALSE(chinese.count("commercial-registration"));
  // A definition names a term and imposes nothing.
  const auto definition = kinds_in(
      "1.定义：\u201c商业用途\u201d是指使用本模型，直接或间接为实体或个人进行运营、推广或产生收入，"
      "或用于任何其他盈利目的。");
  CHECK_FALSE(definition.count("non-commercial"));
  // The same grants limited to non-commercial research still are.
  const auto limited = kinds_in(
      "Subject to this agreement, the licensor grants you a non-exclusive, worldwide, "
      "royalty-free license to use the model for non-commercial research purposes only. "
      "如您需将本模型用于商业用途，须事先向许可方申请登记并获得书面授权。");
  CHECK(limited.count("non-commercial"));
  CHECK(limited.count("research-only"));
  CHECK(limited.count("commercial-registration"));
}

TEST_CASE("the SPDX tier's categories are embedded and give obligations by kind of license",
          "[similarity]") {
  const auto& cats = identify::spdx_categories();
  REQUIRE(cats.size() >= 6);
  CHECK(cats[0].id == "unclassified");
  const auto by = [&](const std::string& spdx) {
    return cats[identify::spdx_category_of(
                    identify::parse_spdx_categories(testing::read_file(
                        testing::source_dir() + "/signatures/spdx/categories.yaml")),
                    spdx)]
        .id;
  };
  CHECK(by("AGPL-1.0-only") == "network-copyleft");
  CHECK(by("GPL-1.0-or-later") == "strong-copyleft");
  CHECK(by("MPL-1.1") == "weak-copyleft");
  CHECK(by("BSD-3-Clause-Attribution") == "permissive");
  CHECK(by("WTFPL") == "public-domain");
  CHECK(by("Frameworx-1.0") == "unclassified");
}
