#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "support.h"

using namespace oblige::testing;
using nlohmann::json;

namespace {

json sarif_of(const std::vector<std::string>& paths, const std::string& cwd = "") {
  std::vector<std::string> args = {"scan", "--format", "sarif", "--category", "oblige"};
  args.insert(args.end(), paths.begin(), paths.end());
  const auto r = run_oblige(args, cwd);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::string fingerprint_of(const json& sarif, const std::string& rule) {
  for (const json& r : sarif["runs"][0]["results"])
    if (r["ruleId"] == rule) return r["partialFingerprints"]["primaryLocationLineHash"];
  return "";
}

}  // namespace

TEST_CASE("SARIF has one run, described rules and repository-relative locations", "[sarif]") {
  const json sarif = sarif_of({"samples/qwen-chat"}, source_dir());
  CHECK(sarif["version"] == "2.1.0");
  REQUIRE(sarif["runs"].size() == 1);
  const json& run = sarif["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "oblige");
  CHECK(run["automationDetails"]["id"] == "oblige/");
  CHECK(run["columnKind"] == "unicodeCodePoints");
  for (const json& rule : run["tool"]["driver"]["rules"]) {
    CHECK_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
    CHECK_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
    CHECK_FALSE(rule["help"]["markdown"].get<std::string>().empty());
  }
  bool saw = false;
  for (const json& r : run["results"]) {
    const json& loc = r["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    CHECK(loc["region"]["startLine"].get<int>() >= 1);
    if (r["ruleId"] == "restriction/commercial-threshold") {
      saw = true;
      CHECK(loc["artifactLocation"]["uri"] == "samples/qwen-chat/LICENSE");
      CHECK(loc["region"]["startLine"] == 27);
      CHECK(r["properties"]["parameters"]["threshold"] == 100000000);
      CHECK(r["properties"]["license"] == "tongyi-qianwen-2023");
      CHECK(r["properties"]["clause"] == "mau-threshold");
      CHECK_FALSE(r["properties"]["pattern"].get<std::string>().empty());
    }
  }
  CHECK(saw);
}

TEST_CASE("fingerprints survive lines added above, and differ between clauses", "[sarif]") {
  TempDir dir;
  const std::string license = read_file(source_dir() + "/samples/qwen-chat/LICENSE");
  dir.write("m/LICENSE", license);
  const json before = sarif_of({dir.path().string() + "/m"});
  const json again = sarif_of({dir.path().string() + "/m"});
  dir.write("m/LICENSE", "Copyright 2024 Someone\n\n\n" + license);
  const json after = sarif_of({dir.path().string() + "/m"});

  const std::string mau = fingerprint_of(before, "restriction/commercial-threshold");
  REQUIRE_FALSE(mau.empty());
  CHECK(fingerprint_of(again, "restriction/commercial-threshold") == mau);
  CHECK(fingerprint_of(after, "restriction/commercial-threshold") == mau);
  CHECK(fingerprint_of(before, "obligation/include-license-copy") != mau);
}

TEST_CASE("every SARIF oblige writes passes Microsoft's SARIF Multitool", "[sarif][validator]") {
  const std::string tool = sarif_multitool();
  if (tool.empty()) {
    if (std::getenv("OBLIGE_REQUIRE_SARIF_VALIDATOR")) FAIL("SARIF Multitool not installed");
    WARN("SARIF Multitool not installed (scripts/install-sarif-validator.sh); skipping");
    return;
  }
  TempDir dir;
  // A negative control first: the validator must see a real mistake.
  json broken = sarif_of({"samples/qwen-chat"}, source_dir());
  broken["runs"][0]["tool"]["driver"]["rules"][0].erase("fullDescription");
  dir.write("broken.sarif", broken.dump());
  CHECK_FALSE(sarif_validator_errors(tool, (dir.path() / "broken.sarif").string(), "Gh").empty());

  // An audit of a cache outside the working folder: file: URIs.
  dir.write("hub/models--acme--tiny/blobs/aaaa",
            read_file(source_dir() + "/samples/qwen-chat/LICENSE"));
  boost::filesystem::create_directories(dir.path() / "hub/models--acme--tiny/snapshots/abc");
  boost::filesystem::create_symlink("../../blobs/aaaa",
                                    dir.path() / "hub/models--acme--tiny/snapshots/abc/LICENSE");
  const std::string audit_file = (dir.path() / "audit.sarif").string();
  REQUIRE(run_oblige(
              {"audit", (dir.path() / "hub").string(), "--format", "sarif", "--output", audit_file})
              .exit_code == 0);
  CHECK(sarif_validator_errors(tool, audit_file, "Sarif") == std::vector<std::string>{});
  CHECK(sarif_validator_errors(tool, audit_file, "Gh") == std::vector<std::string>{});

  for (const std::vector<std::string>& paths :
       std::vector<std::vector<std::string>>{{"samples/qwen-chat"}, {"samples"}, {"."}}) {
    const std::string file =
        (dir.path() / ("scan" + std::to_string(paths[0].size()) + ".sarif")).string();
    std::vector<std::string> args = {"scan", "--format", "sarif", "--fail-on",
                                     "none", "--output", file};
    args.insert(args.end(), paths.begin(), paths.end());
    REQUIRE(run_oblige(args, source_dir()).exit_code == 0);
    INFO("scanned " << paths[0]);
    CHECK(sarif_validator_errors(tool, file, "Sarif") == std::vector<std::string>{});
    CHECK(sarif_validator_errors(tool, file, "Gh") == std::vector<std::string>{});
  }
}

TEST_CASE("a linked license file is reported at its real path", "[sarif]") {
  TempDir dir;
  dir.write("docs/model-terms.txt", read_file(source_dir() + "/samples/qwen-chat/LICENSE"));
  boost::filesystem::create_symlink("docs/model-terms.txt", dir.path() / "LICENSE");
  const json sarif = sarif_of({"."}, dir.path().string());
  std::set<std::string> uris;
  for (const json& r : sarif["runs"][0]["results"])
    uris.insert(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>());
  CHECK(uris == std::set<std::string>{"docs/model-terms.txt"});
}

TEST_CASE("at most 5,000 results per run, the rest are counted, with a warning", "[sarif]") {
  TempDir dir;
  for (int i = 0; i < 5003; ++i) dir.write("LICENSE-" + std::to_string(i), "");
  const auto r =
      run_oblige({"scan", "--format", "sarif", "--fail-on", "none", "."}, dir.path().string());
  REQUIRE(r.exit_code == 0);
  const json run = json::parse(r.out)["runs"][0];
  CHECK(run["results"].size() == 5000);
  CHECK(run["properties"]["omittedResults"] == 3);
  CHECK(run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "warning");
}
