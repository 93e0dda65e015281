// Identifying licenses, not texts: on every labelled text of ../shared/corpus
// (read where it is, never copied), a changed date line, an added clause and
// a dropped clause each come out as "altered" with the right differences;
// texts known to have been misidentified come out right. Skipped cleanly
// without the corpus; a failure under CI.
#include <re2/re2.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "scanner/identify/identifier.h"
#include "scanner/obligations/derive.h"
#include "scanner/text/decode.h"
#include "scanner/text/normalize.h"
#include "scanner/text/pdf_text.h"
#include "support.h"
#include "tools/corpus_accuracy.h"

using namespace oblige;
using identify::MatchStatus;

namespace {

const identify::CompiledSignatures& compiled() { return testing::compiled_signatures(); }

bool have(const std::string& dir) {
  if (!dir.empty()) return true;
  if (std::getenv("CI")) FAIL("../shared/corpus is absent");
  WARN("../shared/corpus is absent: corpus tests skipped");
  return false;
}

std::string corpus_new_dir() {
  const std::string c = testing::corpus_dir();
  return c.empty() ? "" : c + "/../corpus-new";
}

std::string text_of(const std::string& path) {
  const std::string bytes = testing::read_file(path);
  if (text::looks_like_pdf(bytes)) return text::extract_pdf_text(bytes).utf8;
  return text::decode(bytes).utf8;
}

struct Found {
  text::NormalizedText n;
  std::vector<identify::Identification> ids;
  const identify::Identification* text = nullptr;  // the first that holds a license text
  std::string id;
};

Found identify_source(const std::string& source) {
  Found f{text::normalize(source), {}, nullptr, ""};
  f.ids = identify::identify(f.n.text, compiled());
  for (const auto& id : f.ids) {
    if (id.status != MatchStatus::kText && id.status != MatchStatus::kAltered &&
        id.status != MatchStatus::kContains)
      continue;
    f.text = &id;
    f.id = id.signature != identify::kNone
               ? compiled().set().signatures[id.signature].id
               : std::string(compiled().index().reference(id.reference).key);
    break;
  }
  return f;
}

bool overlaps_any(const std::vector<identify::TextRange>& ranges, std::size_t begin,
                  std::size_t end) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const identify::TextRange& r) { return r.begin < end && begin < r.end; });
}

// Normalized offset of source offset `src`.
std::size_t normalized_at(const text::NormalizedText& n, std::size_t src) {
  const auto it =
      std::lower_bound(n.origin.begin(), n.origin.end(), static_cast<std::uint32_t>(src));
  return static_cast<std::size_t>(it - n.origin.begin());
}

// Our own clause: a threshold and an attribution duty, in English.
const char kAddedClause[] =
    "\n\nAdditional Term. If the products or services that use the Materials have more than 50 "
    "million "
    "monthly active users, you must display the words \"Built with Example\" prominently in their "
    "user "
    "interface.\n\n";

// The labelled license texts whose signature has a fingerprint.
std::vector<tools::LabelledFile> fingerprinted_texts() {
  std::vector<tools::LabelledFile> out;
  for (const auto& l : tools::read_labels(testing::corpus_dir())) {
    if ((l.kind != "license" && l.kind != "aup") || l.expected == "-" ||
        l.expected.find('|') != std::string::npos)
      continue;
    const signatures::Signature* sig = compiled().set().find(l.expected);
    if (!sig) continue;
    const std::size_t index = static_cast<std::size_t>(sig - compiled().set().signatures.data());
    bool fingerprinted = false;
    for (std::size_t i = 0; i < compiled().set().signatures.size(); ++i)
      fingerprinted |=
          compiled().set().signatures[i].id == l.expected && compiled().has_fingerprint(i);
    (void)index;
    if (fingerprinted) out.push_back(l);
  }
  return out;
}

}  // namespace

TEST_CASE("corpus: each license text is its license's text, 100 % similar", "[corpus][versions]") {
  if (!have(testing::corpus_dir())) return;
  for (const auto& l : fingerprinted_texts()) {
    INFO(l.file);
    const Found f = identify_source(text_of(testing::corpus_dir() + "/" + l.file));
    REQUIRE(f.text);
    CHECK(f.id == l.expected);
    CHECK(f.text->status == MatchStatus::kText);
    CHECK(f.text->similarity > 0.95);  // a copy's own copyright line is not the reference's
    CHECK(f.text->coverage > 0.95);
    CHECK(f.text->version_certain);
  }
}

TEST_CASE(
    "corpus: a changed date line is altered, at the date, its version uncertain where the date "
    "tells it",
    "[corpus][versions]") {
  if (!have(testing::corpus_dir())) return;
  const RE2 date(
      "((?:january|february|march|april|may|june|july|august|september|october|november|december) "
      "[0-9]{1,2}(?:st|nd|rd|th)?,? (?:19|20)[0-9]{2})",
      RE2::Quiet);
  std::size_t changed = 0;
  for (const auto& l : fingerprinted_texts()) {
    const std::string source = text_of(testing::corpus_dir() + "/" + l.file);
    std::string lower = text::ascii_lower(source);
    re2::StringPiece match;
    if (!RE2::PartialMatch(lower, date, &match)) continue;
    const std::size_t at = static_cast<std::size_t>(match.data() - lower.data());
    std::string changed_text = source;
    changed_text.replace(at, match.size(), "February 29, 1996");
    INFO(l.file << ": " << std::string(match.data(), match.size()) << " -> February 29, 1996");
    const Found f = identify_source(changed_text);
    REQUIRE(f.text);
    CHECK(f.id == l.expected);
    CHECK(f.text->status == MatchStatus::kAltered);
    const std::size_t b = normalized_at(f.n, at), e = normalized_at(f.n, at + 17);
    CHECK(overlaps_any(f.text->added, b, e));
    // Where the signature requires its date, the version is no longer certain.
    const auto& sig = compiled().set().signatures[f.text->signature];
    const bool requires_date =
        std::any_of(sig.require.begin(), sig.require.end(), [&](const std::string& p) {
          return RE2::PartialMatch(text::normalize(source).text, RE2(p, RE2::Quiet)) &&
                 !RE2::PartialMatch(f.n.text, RE2(p, RE2::Quiet));
        });
    if (requires_date) CHECK_FALSE(f.text->version_certain);
    ++changed;
  }
  CHECK(changed >= 20);
}

TEST_CASE("corpus: an added clause is altered, its range reported, its obligations found",
          "[corpus][versions]") {
  if (!have(testing::corpus_dir())) return;
  for (const auto& l : fingerprinted_texts()) {
    const std::string source = text_of(testing::corpus_dir() + "/" + l.file);
    // After a paragraph about 40 % into the text.
    std::size_t at = source.find("\n\n", source.size() * 2 / 5);
    if (at == std::string::npos) at = source.find('\n', source.size() * 2 / 5);
    if (at == std::string::npos) continue;
    const std::string changed = source.substr(0, at) + kAddedClause + source.substr(at);
    INFO(l.file);
    const Found f = identify_source(changed);
    REQUIRE(f.text);
    CHECK(f.id == l.expected);
    CHECK(f.text->status == MatchStatus::kAltered);
    const std::size_t b = normalized_at(f.n, at + 2),
                      e = normalized_at(f.n, at + sizeof kAddedClause - 3);
    CHECK(overlaps_any(f.text->added, b, e));
    bool threshold = false;
    for (const auto& k : f.text->additional) {
      if (k.kind != "commercial-threshold" || k.generic_signature == identify::kNone) continue;
      const auto& clause =
          compiled().set().signatures[k.generic_signature].clauses[k.generic_hit.clause];
      const auto params =
          obligations::resolve_parameters(clause.parameters, k.generic_hit.captures);
      threshold |= params.value("threshold", 0LL) == 50000000LL && k.begin >= b && k.end <= e + 2;
    }
    CHECK(threshold);
  }
}

TEST_CASE("corpus: a dropped clause is altered, the clause missing", "[corpus][versions]") {
  if (!have(testing::corpus_dir())) return;
  std::size_t dropped = 0;
  for (const auto& l : fingerprinted_texts()) {
    const std::string source = text_of(testing::corpus_dir() + "/" + l.file);
    const Found original = identify_source(source);
    REQUIRE(original.text);
    const auto& sig = compiled().set().signatures[original.text->signature];
    // The last clause with a kind (and counted: not optional), cut out of the source.
    const identify::ClauseHit* hit = nullptr;
    for (const auto& h : original.text->hits)
      if (!sig.clauses[h.clause].kind.empty() && !sig.clauses[h.clause].optional &&
          (!hit || h.begin > hit->begin))
        hit = &h;
    if (!hit) continue;
    const std::size_t b = original.n.source_offset(hit->begin),
                      e = original.n.source_offset(hit->end);
    const std::string changed = source.substr(0, b) + source.substr(e);
    INFO(l.file << ": without clause " << sig.clauses[hit->clause].id);
    const Found f = identify_source(changed);
    REQUIRE(f.text);
    CHECK(f.id == l.expected);
    CHECK(f.text->status == MatchStatus::kAltered);
    const bool missing =
        std::any_of(f.text->missing.begin(), f.text->missing.end(), [&](std::size_t c) {
          return compiled().set().signatures[f.text->signature].clauses[c].id ==
                 sig.clauses[hit->clause].id;
        });
    // A clause with several patterns may still be found by another one.
    if (sig.clauses[hit->clause].patterns.size() == 1) CHECK(missing);
    ++dropped;
  }
  CHECK(dropped >= 40);
}

TEST_CASE(
    "versions by nearness: Gemma's terms dated 21 February 2024 are the 1 April 2024 terms, "
    "version uncertain",
    "[corpus][versions]") {
  if (!have(testing::corpus_dir())) return;
  std::string source = text_of(testing::corpus_dir() + "/licensedb/gemma-tou-2024-04-01.LICENSE");
  const std::string lower = text::ascii_lower(source);
  const auto at = lower.find("april 1, 2024");
  REQUIRE(at != std::string::npos);
  source.replace(at, 13, "February 21, 2024");
  const Found f = identify_source(source);
  REQUIRE(f.text);
  CHECK(f.id == "gemma");
  CHECK(compiled().set().signatures[f.text->signature].version == "2024-04-01");
  CHECK(f.text->status == MatchStatus::kAltered);
  CHECK_FALSE(f.text->version_certain);
  CHECK(overlaps_any(f.text->added, normalized_at(f.n, at), normalized_at(f.n, at + 17)));
  CHECK(f.text->hits.size() >= 10);  // that version's obligations
  for (const auto& id : f.ids) CHECK(id.status != MatchStatus::kReference);
}

TEST_CASE("versions by nearness: the Stability non-commercial community license of 18 March 2024",
          "[corpus][versions]") {
  if (!have(testing::corpus_dir())) return;
  std::string source = text_of(testing::corpus_dir() + "/stability-svd-nc-community/LICENSE-SVD");
  const auto at = text::ascii_lower(source).find("november 21, 2023");
  REQUIRE(at != std::string::npos);
  source.replace(at, 17, "March 18, 2024");
  const Found f = identify_source(source);
  REQUIRE(f.text);
  CHECK(f.id == "stability-nc-community");
  CHECK_FALSE(f.text->version_certain);
  CHECK(f.text->status == MatchStatus::kAltered);
}

TEST_CASE(
    "versions by nearness: a CogVLM license naming CogVLM2 and Llama 3 is the CogVLM license, "
    "uncertain",
    "[corpus][versions]") {
  if (!have(testing::corpus_dir())) return;
  std::string source = text_of(testing::corpus_dir() + "/cogvlm-model/MODEL_LICENSE");
  for (const auto& [from, to] :
       {std::pair{"Llama 2", "Llama 3"}, std::pair{"LLaMA 2", "Llama 3"}}) {
    for (auto at = source.find(from); at != std::string::npos; at = source.find(from, at + 1))
      source.replace(at, 7, to);
  }
  const auto at = source.find("CogVLM");
  REQUIRE(at != std::string::npos);
  source.replace(at, 6, "CogVLM2");
  const Found f = identify_source(source);
  REQUIRE(f.text);
  CHECK(f.id == "cogvlm");
  CHECK_FALSE(f.text->version_certain);
  CHECK(f.text->status == MatchStatus::kAltered);
  CHECK_FALSE(f.text->added.empty());
}

TEST_CASE("corpus-new: the Falcon 180B license is not Apache-2.0", "[corpus][versions]") {
  if (!have(testing::corpus_dir())) return;
  const Found f = identify_source(text_of(corpus_new_dir() + "/falcon-180b-tii/falcon170BTOU.md"));
  for (const auto& id : f.ids) {
    if (id.signature == identify::kNone) continue;
    INFO(identify::status_name(id.status));
    if (compiled().set().signatures[id.signature].id == "apache-2.0")
      CHECK((id.status == MatchStatus::kReference || id.status == MatchStatus::kUnrecognized));
  }
}
