#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.h"

using namespace oblige::testing;
using nlohmann::json;

namespace {
const std::string kQwen = source_dir() + "/samples/qwen-chat";
}

TEST_CASE("version and help", "[cli]") {
  const auto v = run_oblige({"--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.rfind("oblige ", 0) == 0);
  const auto h = run_oblige({"--help"});
  CHECK(h.exit_code == 0);
  CHECK(h.out.find("Exit status:") != std::string::npos);
  CHECK(h.out.find("--fail-on") != std::string::npos);
}

TEST_CASE("usage errors exit 2 with a message", "[cli]") {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"frobnicate"},
                                             {"scan", "--format", "xml"},
                                             {"scan", "--fail-on", "severe"},
                                             {"scan", "--max-file-size", "lots"},
                                             {"scan", "--bogus"},
                                             {"explain"}}) {
    const auto r = run_oblige(args);
    INFO(args[0] << " " << (args.size() > 1 ? args[1] : ""));
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("oblige: ", 0) == 0);
    CHECK(r.out.empty());
  }
}

TEST_CASE("a missing path or an unwritable output exits 2", "[cli]") {
  const auto missing = run_oblige({"scan", "/no/such/folder"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("/no/such/folder") != std::string::npos);
  const auto unwritable = run_oblige({"scan", kQwen, "--output", "/no/such/dir/out.sarif"});
  CHECK(unwritable.exit_code == 2);
  CHECK(unwritable.err.find("cannot write") != std::string::npos);
}

TEST_CASE("a report that cannot be written to standard output exits 2", "[cli]") {
  const auto full =
      run_shell("'" + oblige_binary() + "' scan '" + kQwen + "' --format json > /dev/full");
  CHECK(full.exit_code == 2);
  CHECK(full.err.find("cannot write") != std::string::npos);
  CHECK(run_oblige({"scan", kQwen, "--max-file-size", "18014398509481985K"}).exit_code == 2);
  TempDir dir;
  boost::filesystem::create_symlink(dir.path() / "missing", dir.path() / "link");
  CHECK(run_oblige({"scan", (dir.path() / "link").string()}).exit_code == 2);
}

TEST_CASE("a scanned link to a folder reports paths through the link", "[cli]") {
  TempDir dir;
  dir.write("real/LICENSE", read_file(kQwen + "/LICENSE"));
  boost::filesystem::create_symlink("real", dir.path() / "alias");
  const auto r = run_oblige({"scan", "alias", "--format", "sarif"}, dir.path().string());
  const json sarif = json::parse(r.out);
  CHECK(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
             ["uri"] == "alias/LICENSE");
}

TEST_CASE("the fail-on level decides the exit status", "[cli]") {
  // The sample has warnings (commercial threshold) and notes, no errors.
  CHECK(run_oblige({"scan", kQwen, "--quiet"}).exit_code == 0);
  CHECK(run_oblige({"scan", kQwen, "--quiet", "--fail-on", "warning"}).exit_code == 1);
  CHECK(run_oblige({"scan", kQwen, "--quiet", "--fail-on", "note"}).exit_code == 1);
  CHECK(run_oblige({"scan", kQwen, "--quiet", "--fail-on", "none"}).exit_code == 0);
  TempDir empty;
  CHECK(run_oblige({"scan", empty.path().string(), "--quiet", "--fail-on", "note"}).exit_code == 0);
}

TEST_CASE("quiet prints nothing and output writes the file", "[cli]") {
  CHECK(run_oblige({"scan", kQwen, "--quiet"}).out.empty());
  TempDir dir;
  const std::string out = (dir.path() / "report.json").string();
  const auto r = run_oblige({"scan", kQwen, "--format", "json", "--output", out});
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  const json report = json::parse(read_file(out));
  CHECK(report["targets"][0]["licenses"][0]["id"] == "tongyi-qianwen-2023");
}

TEST_CASE("the text report says what to do and not do, with file:line", "[cli]") {
  const auto r = run_oblige({"scan", kQwen});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Tongyi Qianwen License Agreement [tongyi-qianwen-2023]") != std::string::npos);
  CHECK(r.out.find("You must:") != std::string::npos);
  CHECK(r.out.find("You must not / limits:") != std::string::npos);
  CHECK(r.out.find("100 million monthly active users") != std::string::npos);
  CHECK(r.out.find("(LICENSE:27)") != std::string::npos);
  CHECK(r.out.find("\033[") == std::string::npos);  // no colour when not a terminal
  CHECK(run_oblige({"scan", kQwen, "--color", "always"}).out.find("\033[") != std::string::npos);
}

TEST_CASE("the JSON report follows the documented schema", "[cli]") {
  const auto r = run_oblige({"scan", kQwen, "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["tool"] == "oblige");
  CHECK(j["schema_version"] == 2);
  const json& t = j["targets"][0];
  CHECK(t["target"] == kQwen);
  for (const char* key : {"files", "declared", "licenses", "findings", "files_seen"})
    CHECK(t.contains(key));
  const json& lic = t["licenses"][0];
  for (const char* key : {"id", "name", "spdx", "file", "start_line", "end_line", "status",
                          "confidence", "matched_clauses", "missing_clauses"})
    CHECK(lic.contains(key));
  CHECK(lic["spdx"] == "LicenseRef-tongyi-qianwen-2023");
  bool saw_threshold = false;
  for (const json& f : t["findings"]) {
    for (const char* key :
         {"rule_id", "level", "message", "file", "line", "license", "parameters", "fingerprint"})
      CHECK(f.contains(key));
    if (f["rule_id"] == "restriction/commercial-threshold") {
      saw_threshold = true;
      CHECK(f["parameters"]["threshold"] == 100000000);
      CHECK(f["line"] == 27);
    }
  }
  CHECK(saw_threshold);
  CHECK(j["summary"]["warning"].get<int>() >= 1);
}

TEST_CASE("explain and signatures describe the knowledge", "[cli]") {
  const auto e = run_oblige({"explain", "tongyi-qianwen-2023"});
  CHECK(e.exit_code == 0);
  CHECK(e.out.find("restriction/commercial-threshold") != std::string::npos);
  CHECK(e.out.find("100000000") != std::string::npos);
  CHECK(run_oblige({"explain", "tongyi-qianwen"}).exit_code == 0);  // by alias
  const auto unknown = run_oblige({"explain", "no-such-license"});
  CHECK(unknown.exit_code == 2);
  const auto s = run_oblige({"signatures"});
  CHECK(s.exit_code == 0);
  CHECK(s.out.find("apache-2.0") != std::string::npos);
  const json list = json::parse(run_oblige({"signatures", "--format", "json"}).out);
  CHECK(list.size() >= 3);
}

TEST_CASE("extra signature folders add licenses at run time and a bad file exits 2 naming it",
          "[cli]") {
  TempDir sigs;
  sigs.write("acme.yaml",
             "id: acme-fml-0.3\nname: ACME Foundation Model License\nspdx: LicenseRef-acme\n"
             "anchors: ['acme foundation model license']\nclauses:\n"
             "  - id: nc\n    kind: non-commercial\n    summary: Non-commercial only.\n"
             "    patterns: ['for non-commercial purposes only']\n");
  const auto r = run_oblige({"scan", source_dir() + "/samples/unknown-license", "--format", "json",
                             "--signatures", sigs.path().string()});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["targets"][0]["licenses"][0]["id"] == "acme-fml-0.3");
  sigs.write("broken.yaml", "id: broken\nname: B\nspdx: X\nanchors: ['(']\n");
  const auto bad = run_oblige({"scan", kQwen, "--signatures", sigs.path().string()});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("broken.yaml: anchors[0]") != std::string::npos);
}
