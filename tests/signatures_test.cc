#include <catch2/catch.hpp>
#include <set>

#include "scanner/signatures/compiled_form.h"
#include "scanner/signatures/loader.h"
#include "support.h"

using namespace oblige;
using oblige::testing::TempDir;

TEST_CASE("every embedded signature loads, and every pattern compiles", "[signatures]") {
  const signatures::SignatureSet& set = testing::builtin_signatures();
  REQUIRE(set.signatures.size() >= 4);
  for (const signatures::Signature& sig : set.signatures) {
    INFO(sig.file);
    const signatures::LoadResult r = signatures::check_patterns(sig);
    CHECK(r.error == "");
    for (const signatures::Clause& c : sig.clauses) {
      if (!c.kind.empty()) CHECK(c.type != results::ClauseKind::kNone);
    }
  }
  CHECK(set.find("tongyi-qianwen-2023"));
  CHECK(set.find("apache-2.0"));
  CHECK(set.find("gpl-3.0"));
  CHECK(set.find("tongyi-qianwen")->id == "tongyi-qianwen-2023");  // an alias
}

TEST_CASE("every signature file in signatures/ is embedded", "[signatures]") {
  std::set<std::string> embedded;
  for (const auto& sig : testing::builtin_signatures().signatures) embedded.insert(sig.file);
  for (boost::filesystem::directory_iterator it(testing::source_dir() + "/signatures"), end;
       it != end; ++it) {
    if (it->path().extension() != ".yaml") continue;
    CHECK(embedded.count("signatures/" + it->path().filename().string()) == 1);
  }
}

TEST_CASE("a malformed signature names the file and the field", "[signatures]") {
  signatures::Signature sig;
  const std::string base = "id: x\nname: X\nspdx: LicenseRef-x\nanchors: ['x license']\n";

  auto error_of = [&](const std::string& yaml) {
    signatures::Signature s;
    return signatures::parse_signature("sig/x.yaml", yaml, &s).error;
  };
  CHECK(error_of("name: X\nspdx: S\nanchors: [a]\n") == "sig/x.yaml: id: is required");
  CHECK(error_of("id: Bad Id\nname: X\nspdx: S\nanchors: [a]\n").find("sig/x.yaml: id:") == 0);
  CHECK(
      error_of(base +
               "clauses:\n  - id: c\n    kind: atribution\n    summary: s\n    patterns: [p]\n") ==
      "sig/x.yaml: clauses[0].kind: unknown kind 'atribution'");
  CHECK(error_of(base + "clauses:\n  - id: c\n    patterns: []\n") ==
        "sig/x.yaml: clauses[0].patterns: needs at least one pattern");
  CHECK(error_of(base + "colour: red\n") == "sig/x.yaml: colour: unknown field");
  CHECK(error_of(base + "clauses: [\n").find("sig/x.yaml: line") == 0);
  CHECK(error_of("id: x\nname: X\nspdx: S\n") == "sig/x.yaml: anchors: needs at least one pattern");

  signatures::Signature bad_regex;
  REQUIRE(
      signatures::parse_signature("sig/x.yaml", base + "reject: ['(unclosed']\n", &bad_regex).ok);
  CHECK(signatures::check_patterns(bad_regex).error.find(
            "sig/x.yaml: reject[0]: invalid pattern") == 0);
}

TEST_CASE("load_directory adds signatures and rejects duplicates", "[signatures]") {
  TempDir dir;
  dir.write("acme.yaml",
            "id: acme-1.0\nname: ACME License\nspdx: LicenseRef-acme\naliases: [acme]\n"
            "anchors: ['acme model license']\n");
  signatures::SignatureSet set;
  REQUIRE(signatures::load_embedded(&set).ok);
  REQUIRE(signatures::load_directory(dir.path().string(), &set).ok);
  REQUIRE(signatures::finalize(&set).ok);
  CHECK(set.find("acme")->id == "acme-1.0");

  dir.write("dup.yaml", "id: apache-2.0\nname: A\nspdx: A\nversion: '2.0'\nanchors: ['a']\n");
  signatures::SignatureSet dup;
  REQUIRE(signatures::load_embedded(&dup).ok);
  REQUIRE(signatures::load_directory(dir.path().string(), &dup).ok);
  const signatures::LoadResult r = signatures::finalize(&dup);
  CHECK_FALSE(r.ok);
  CHECK(r.error.find("'apache-2.0'") != std::string::npos);
}

TEST_CASE("the compiled signatures in the binary equal the YAML files", "[signatures]") {
  signatures::SignatureSet yaml;
  REQUIRE(signatures::load_directory(testing::source_dir() + "/signatures", &yaml).ok);
  REQUIRE(signatures::finalize(&yaml).ok);
  const auto& built = testing::builtin_signatures();
  REQUIRE(built.signatures.size() == yaml.signatures.size());
  for (std::size_t i = 0; i < yaml.signatures.size(); ++i) {
    const auto& a = yaml.signatures[i];
    const auto& b = built.signatures[i];
    INFO(a.id);
    CHECK(a.id == b.id);
    CHECK(a.version == b.version);
    CHECK(a.anchors == b.anchors);
    CHECK(a.reject == b.reject);
    CHECK(a.min_confidence == b.min_confidence);
    REQUIRE(a.clauses.size() == b.clauses.size());
    for (std::size_t c = 0; c < a.clauses.size(); ++c) {
      CHECK(a.clauses[c].patterns == b.clauses[c].patterns);
      CHECK(a.clauses[c].parameters == b.clauses[c].parameters);
      CHECK(a.clauses[c].agreement_only == b.clauses[c].agreement_only);
    }
  }
  // A damaged compiled form is an error, not a crash.
  CHECK_THROWS(signatures::from_compiled_form("3#5:abc"));
  CHECK_THROWS(signatures::from_compiled_form("x"));
}

TEST_CASE("each signature's stated commercial word is the one its clauses decide", "[signatures]") {
  // The `commercial:` field is the author's reading; decide_commercial_use()
  // is what every report shows. They must agree, so the data cannot drift.
  for (const signatures::Signature& sig : testing::builtin_signatures().signatures) {
    if (sig.generic || sig.kind != "license") continue;
    INFO(sig.id << " (" << sig.file << ")");
    CHECK(sig.commercial == results::commercial_word(sig.commercial_use));
  }
}
