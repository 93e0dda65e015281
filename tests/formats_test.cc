// The formats for the tools teams run: CycloneDX 1.6 ML-BOMs checked by
// OWASP CycloneDX's own validator, an HTML page read back by a real browser
// (headless Chromium), JSON Lines, and sharded audits merged back into the
// report of one whole audit, byte for byte.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support.h"

using namespace oblige;
using nlohmann::json;
using oblige::testing::TempDir;
namespace fs = boost::filesystem;

namespace {

const std::string kRev = "4444444444444444444444444444444444444444";
const std::string kRev2 = "5555555555555555555555555555555555555555";

std::string sample(const std::string& p) {
  return testing::read_file(testing::source_dir() + "/samples/" + p);
}

// A cache with a license text (Qwen, two revisions), a card that only
// declares (Llama 3.1), a derivative of a base in the cache, an Apache model
// and `extra` more generated ones.
void fill_cache(const testing::HubCache& cache, int extra) {
  const std::string qwen = "models--Qwen--Qwen-7B-Chat";
  cache.blob(qwen, "aaaa", sample("qwen-chat/LICENSE"));
  cache.blob(qwen, "bbbb", sample("qwen-chat/README.md"));
  for (const std::string& rev : {kRev, kRev2}) {
    cache.link(qwen, rev, "LICENSE", "aaaa");
    cache.link(qwen, rev, "README.md", "bbbb");
  }
  cache.ref(qwen, "main", kRev2);
  cache.model("models--meta-llama--Llama-3.1-8B", kRev,
              {{"README.md", "---\nlicense: llama3.1\n---\n# Llama 3.1\n"}});
  cache.model("models--acme--qwen-helper", kRev,
              {{"README.md",
                "---\nlicense: other\nlicense_name: tongyi-qianwen\nbase_model: "
                "Qwen/Qwen-7B-Chat\n---\n# helper\n"}});
  cache.model("models--acme--nc-model", kRev,
              {{"README.md", "---\nlicense: cc-by-nc-4.0\n---\n# nc\n"}});
  for (int i = 0; i < extra; ++i)
    cache.model("models--gen--model-" + std::to_string(i), kRev,
                {{"README.md", std::string("---\nlicense: ") +
                                   (i % 3 == 0   ? "apache-2.0"
                                    : i % 3 == 1 ? "mit"
                                                 : "llama3") +
                                   "\n---\n# m\n"}});
}

std::string validator_dir() {
  const char* dir = std::getenv("OBLIGE_CYCLONEDX_VALIDATOR");
  const std::string d = dir && *dir ? dir : testing::source_dir() + "/.tools/cyclonedx";
  return fs::exists(d + "/node_modules/@cyclonedx/cyclonedx-library/package.json") ? d : "";
}

// Runs the validator on `file`; "" when valid, else its errors.
std::string validate_bom(const std::string& dir, const fs::path& file) {
  const auto r =
      testing::run_shell("NODE_PATH='" + dir + "/node_modules' node '" + testing::source_dir() +
                         "/tests/tools/validate-cyclonedx.js' '" + file.string() + "' 2>&1");
  return r.exit_code == 0 ? "" : "exit " + std::to_string(r.exit_code) + ": " + r.out;
}

bool skip_without(const std::string& what, bool present) {
  if (present) return false;
  if (std::getenv("CI")) FAIL(what << " is not installed and CI is set");
  WARN(what << " is not installed: skipped");
  return true;
}

const json* component(const json& bom, const std::string& name) {
  for (const json& c : bom["components"])
    if (c.value("name", "") == name) return &c;
  return nullptr;
}

std::string property(const json& c, const std::string& name) {
  for (const json& p : c.value("properties", json::array()))
    if (p["name"] == name) return p["value"];
  return "";
}

}  // namespace

TEST_CASE("CycloneDX: one machine-learning-model per model revision, with licenses and answers",
          "[formats][cyclonedx]") {
  testing::HubCache cache;
  fill_cache(cache, 0);
  TempDir dir;
  dir.write("policy.yml", "use: {commercial: true}\n");
  const auto r = testing::run_oblige({"audit", cache.root().string(), "--format", "cyclonedx",
                                      "--policy", (dir.path() / "policy.yml").string()});
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  const json bom = json::parse(r.out);
  CHECK(bom["bomFormat"] == "CycloneDX");
  CHECK(bom["specVersion"] == "1.6");
  CHECK(bom["serialNumber"].get<std::string>().rfind("urn:uuid:", 0) == 0);
  CHECK(bom["metadata"]["tools"]["components"][0]["name"] == "oblige");
  CHECK(bom["components"].size() == 5);  // Qwen twice, Llama, helper, nc

  const json* qwen = nullptr;
  for (const json& c : bom["components"])
    if (c["name"] == "Qwen-7B-Chat" && c["version"] == kRev2) qwen = &c;
  REQUIRE(qwen);
  CHECK((*qwen)["type"] == "machine-learning-model");
  CHECK((*qwen)["group"] == "Qwen");
  CHECK((*qwen)["purl"] == "pkg:huggingface/Qwen/Qwen-7B-Chat@" + kRev2);
  const json& lic = (*qwen)["licenses"][0]["license"];
  CHECK(lic["name"] == "Tongyi Qianwen License Agreement");
  CHECK(lic["acknowledgement"] == "concluded");
  CHECK(property(lic, "oblige:file").find("LICENSE:1") != std::string::npos);
  // The license file, with the SHA-256 of its bytes.
  bool hashed = false;
  for (const json& f : (*qwen)["components"])
    hashed = hashed || (f["type"] == "file" && f["name"].get<std::string>().ends_with("/LICENSE") &&
                        f["hashes"][0]["alg"] == "SHA-256" &&
                        f["hashes"][0]["content"].get<std::string>().size() == 64);
  CHECK(hashed);
  CHECK(property(*qwen, "oblige:commercial-use") == "conditional");
  CHECK_FALSE(property(*qwen, "oblige:verdict").empty());
  CHECK(property(*qwen, "oblige:must-not").find("restriction/commercial-threshold") !=
        std::string::npos);

  const json* llama = component(bom, "Llama-3.1-8B");
  REQUIRE(llama);
  const json& declared = (*llama)["licenses"][0]["license"];
  CHECK(declared["acknowledgement"] == "declared");
  CHECK(declared["name"].get<std::string>().find("Llama 3.1") != std::string::npos);
  CHECK((*llama)["modelCard"]["properties"][0]["name"] == "oblige:card");
  const json* nc = component(bom, "nc-model");
  REQUIRE(nc);
  CHECK((*nc)["licenses"][0]["license"]["id"] == "CC-BY-NC-4.0");
  CHECK(property(*nc, "oblige:verdict") == "not allowed");
  const json* helper = component(bom, "qwen-helper");
  REQUIRE(helper);
  CHECK((*helper)["pedigree"]["ancestors"][0]["name"] == "Qwen/Qwen-7B-Chat");

  // Deterministic: the same input, the same bytes.
  CHECK(testing::run_oblige({"audit", cache.root().string(), "--format", "cyclonedx", "--policy",
                             (dir.path() / "policy.yml").string()})
            .out == r.out);
}

TEST_CASE("every CycloneDX BOM oblige writes passes CycloneDX's JSON schema validator",
          "[formats][cyclonedx][validator]") {
  const std::string dir = validator_dir();
  if (skip_without("@cyclonedx/cyclonedx-library (scripts/install-cyclonedx-validator.sh)",
                   !dir.empty()))
    return;
  TempDir out;
  // A negative control: the validator must see a real mistake.
  out.write("broken.json",
            "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,"
            "\"components\":[{\"type\":\"machine-learning-model\",\"name\":\"x\","
            "\"licenses\":[{\"license\":{\"id\":\"LicenseRef-not-spdx\"}}]}]}");
  CHECK_FALSE(validate_bom(dir, out.path() / "broken.json").empty());

  testing::HubCache cache;
  fill_cache(cache, 3);
  out.write("policy.yml", "use: {commercial: true}\n");
  const auto audit = testing::run_oblige({"audit", cache.root().string(), "--format", "cyclonedx",
                                          "--policy", (out.path() / "policy.yml").string()});
  out.write("audit.json", audit.out);
  CHECK(validate_bom(dir, out.path() / "audit.json") == "");
  // Every license oblige knows, as a scan of folders (one nested component each).
  TempDir folders;
  for (const auto& sig : testing::builtin_signatures().signatures) {
    if (sig.kind != "license" || sig.generic) continue;
    folders.write(sig.id + "/README.md",
                  "---\nlicense: other\nlicense_name: " + sig.id + "\n---\n# " + sig.id + "\n");
  }
  folders.write("LICENSE", sample("qwen-chat/LICENSE"));
  const auto scan = testing::run_oblige({"scan", folders.path().string(), "--format", "cyclonedx"});
  out.write("scan.json", scan.out);
  CHECK(validate_bom(dir, out.path() / "scan.json") == "");
  const json bom = json::parse(scan.out);
  REQUIRE(bom["components"].size() == 1);
  CHECK(bom["components"][0]["components"].size() >= 60);
  const auto sample_scan =
      testing::run_oblige({"scan", "samples", "--format", "cyclonedx"}, testing::source_dir());
  out.write("samples.json", sample_scan.out);
  CHECK(validate_bom(dir, out.path() / "samples.json") == "");
}

namespace {

// A headless Chromium run on a page: --dump-dom (the document after its
// script ran) or, with `screenshot`, a PNG of the first screen.
testing::CommandResult chromium(const fs::path& profile, const std::string& url,
                                const std::string& screenshot = "") {
  const std::string what = screenshot.empty()
                               ? "--dump-dom"
                               : "--window-size=1280,1600 --screenshot='" + screenshot + "'";
  return testing::run_shell(
      "chromium --headless --no-sandbox --disable-gpu --no-first-run "
      "--user-data-dir='" +
      profile.string() + "' " + what + " '" + url + "' 2>/dev/null");
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

// The text of the first cell (the model's name) of each row, in page order,
// with whether the row is hidden.
std::vector<std::pair<std::string, bool>> table_rows(const std::string& dom) {
  std::vector<std::pair<std::string, bool>> rows;
  for (std::size_t at = dom.find("<tr data-verdict="); at != std::string::npos;
       at = dom.find("<tr data-verdict=", at + 1)) {
    const std::size_t close = dom.find('>', at);
    const bool hidden = dom.substr(at, close - at).find(" hidden") != std::string::npos;
    const std::size_t name = dom.find("\">", dom.find("<a href=", close)) + 2;
    rows.emplace_back(dom.substr(name, dom.find("</a>", name) - name), hidden);
  }
  return rows;
}

}  // namespace

TEST_CASE("HTML: a real browser shows the verdicts, the table and each obligation as text",
          "[formats][html][browser]") {
  const bool have_chromium = testing::run_shell("command -v chromium >/dev/null").exit_code == 0;
  if (skip_without("chromium", have_chromium)) return;
  testing::HubCache cache;
  fill_cache(cache, 0);
  // Hostile names and card values: markup, quotes and control bytes.
  const std::string evil = "<script>document.title='pwned'</script>\"'\x01";
  cache.model("models--evil--<img src=x onerror=alert(1)>", kRev,
              {{"README.md", "---\nlicense: other\nlicense_name: \"" +
                                 std::string("<script>document.title='pwned'</script>") +
                                 "\"\nbase_model: \"<b>bold</b>\\u0001\"\n---\n# x\n"},
               {"LICENSE", sample("qwen-chat/LICENSE")},
               {evil, "MIT License\n"}});
  TempDir out;
  out.write("policy.yml", "use: {commercial: true}\n");
  const auto r = testing::run_oblige({"audit", cache.root().string(), "--format", "html",
                                      "--policy", (out.path() / "policy.yml").string(), "--output",
                                      (out.path() / "report.html").string()});
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  const std::string page = testing::read_file(out.path() / "report.html");
  // One script, the page's own, allowed by its hash and nothing else.
  CHECK(page.find("Content-Security-Policy") != std::string::npos);
  CHECK(page.find("script-src 'sha256-") != std::string::npos);
  CHECK(page.find("unsafe-inline") == std::string::npos);
  CHECK(count(page, "<script") == 1);
  CHECK(page.find("http://") == page.find("http://www.w3.org/2000/svg"));  // no external resource
  const std::string url = "file://" + (out.path() / "report.html").string();
  const auto dom = chromium(out.path() / "profile", url);
  REQUIRE(dom.exit_code == 0);
  const std::string& d = dom.out;
  INFO(d.substr(0, 3000));
  // The browser parsed no injected element: the markup is text.
  CHECK(count(d, "<script") == 1);
  CHECK(d.find("<img") == std::string::npos);
  CHECK(d.find("<b>bold") == std::string::npos);
  CHECK(d.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(d.find("&lt;script&gt;document.title='pwned'&lt;/script&gt;") != std::string::npos);
  CHECK(d.find("<title>oblige audit report</title>") != std::string::npos);
  CHECK(d.find("\x01") == std::string::npos);
  // The verdicts first, with counts; then one table row per model revision,
  // all shown, and the script ran (it writes the count of rows shown).
  const std::size_t verdicts = d.find("id=\"verdicts\"");
  REQUIRE(verdicts != std::string::npos);
  CHECK(verdicts < d.find("id=\"models\""));
  CHECK(d.find("<span class=\"count\">1</span>not allowed") != std::string::npos);
  const auto rows = table_rows(d);
  CHECK(rows.size() == 6);
  CHECK(d.find("<output id=\"shown\">6 of 6 shown</output>") != std::string::npos);
  // Obligations grouped as the text report groups them, with file:line and clause.
  CHECK(d.find("You must not / limits:") != std::string::npos);
  CHECK(d.find("(models--Qwen--Qwen-7B-Chat/snapshots/" + kRev2 + "/LICENSE:27)") !=
        std::string::npos);
  CHECK(d.find("tongyi-qianwen-2023/mau-threshold") != std::string::npos);

  // Chromium takes seconds to start: one page, three launches, no SECTIONs
  // (which would run the case again for each).
  {  // The fragment filters and sorts the table, as a linked view would open.
    // The organisation acme, sorted by the first column, descending.
    const auto acme = chromium(out.path() / "profile", url + "#org=acme&sort=0-desc");
    REQUIRE(acme.exit_code == 0);
    CHECK(acme.out.find("<output id=\"shown\">2 of 6 shown</output>") != std::string::npos);
    std::vector<std::string> shown;
    for (const auto& [name, hidden] : table_rows(acme.out))
      if (!hidden) shown.push_back(name);
    CHECK(shown == std::vector<std::string>{"acme/qwen-helper", "acme/nc-model"});
    CHECK(count(acme.out, "aria-sort=\"descending\"") == 1);
    // A value no row has (here markup) selects nothing: every row is shown,
    // and the value is not parsed as markup.
    const auto unknown = chromium(out.path() / "profile", url + "#verdict=%3Cimg%3E");
    REQUIRE(unknown.exit_code == 0);
    CHECK(unknown.out.find("<output id=\"shown\">6 of 6 shown</output>") != std::string::npos);
    CHECK(unknown.out.find("<img") == std::string::npos);
  }

  {  // A screenshot of the report, kept as a test artifact.
    const fs::path artifacts = fs::path(testing::oblige_binary()).parent_path() / "test-artifacts";
    fs::create_directories(artifacts);
    const fs::path png = artifacts / "audit-report.png";
    fs::remove(png);
    const auto shot =
        chromium(out.path() / "profile", url + "#verdict=not%20allowed", png.string());
    REQUIRE(shot.exit_code == 0);
    REQUIRE(fs::exists(png));
    const std::string bytes = testing::read_file(png);
    CHECK(bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n");
    CHECK(bytes.size() > 10000);  // a page, not a blank
  }
}

TEST_CASE("JSON Lines: one line per model as it finishes, then a summary line",
          "[formats][jsonl]") {
  testing::HubCache cache;
  fill_cache(cache, 4);
  const auto r = testing::run_oblige({"audit", cache.root().string(), "--format", "jsonl"});
  REQUIRE(r.exit_code == 0);
  std::istringstream lines(r.out);
  std::string line;
  std::vector<json> all;
  while (std::getline(lines, line)) all.push_back(json::parse(line));
  REQUIRE(all.size() == 10);  // 9 model revisions and the summary
  for (std::size_t i = 0; i + 1 < all.size(); ++i) {
    CHECK(all[i]["type"] == "model");
    CHECK(all[i]["model"]["order"] == i);
  }
  CHECK(all.back()["type"] == "summary");
  CHECK(all.back()["targets"] == 9);
  CHECK(all.back()["shard"].is_null());
  // The same answer as the JSON report, model by model.
  const json report =
      json::parse(testing::run_oblige({"audit", cache.root().string(), "--format", "json"}).out);
  for (std::size_t i = 0; i + 1 < all.size(); ++i) {
    CHECK(all[i]["model_id"] == report["models"][i]["model_id"]);
    CHECK(all[i]["commercial_use"] == report["models"][i]["commercial_use"]);
    CHECK(all[i]["findings"] == report["models"][i]["findings"]);
  }
}

TEST_CASE("sharded audits: every model in exactly one shard, merged equal to one audit",
          "[formats][shard]") {
  testing::HubCache cache;
  fill_cache(cache, 20);
  cache.dir.write("hub/models--broken--refs/refs/main", "not a hash\n");  // a cache problem
  TempDir out;
  out.write("policy.yml", "use: {commercial: true}\nlicenses: {deny: [llama3]}\n");
  const std::string root = cache.root().string();
  const std::string policy = (out.path() / "policy.yml").string();
  std::vector<std::string> shards;
  std::multiset<std::string> seen;
  for (int i = 1; i <= 3; ++i) {
    const std::string file = (out.path() / ("shard" + std::to_string(i) + ".jsonl")).string();
    const auto r = testing::run_oblige({"audit", root, "--policy", policy, "--format", "jsonl",
                                        "--shard", std::to_string(i) + "/3", "--output", file});
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    std::istringstream lines(testing::read_file(file));
    std::string line;
    std::size_t models = 0;
    while (std::getline(lines, line)) {
      const json j = json::parse(line);
      if (j["type"] == "model") {
        seen.insert(j["model_id"].get<std::string>() + "@" + j["revision"].get<std::string>());
        ++models;
      }
    }
    CHECK(models < 25);  // a real split, not everything in every shard
    shards.push_back(file);
  }
  CHECK(seen.size() == 25);
  CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 25);

  for (const std::string format : {"jsonl", "json", "text", "sarif", "cyclonedx", "html"}) {
    INFO(format);
    const auto whole = testing::run_oblige(
        {"audit", root, "--policy", policy, "--format", format, "--width", "120"});
    std::vector<std::string> args = {"merge"};
    args.insert(args.end(), shards.begin(), shards.end());
    for (const std::string& a :
         {std::string("--format"), format, std::string("--width"), std::string("120")})
      args.push_back(a);
    const auto merged = testing::run_oblige(args);
    INFO(merged.err);
    CHECK(merged.exit_code == whole.exit_code);
    CHECK(merged.out == whole.out);
  }
  // The JSON reports of shards merge too.
  std::vector<std::string> json_args = {"merge"};
  for (int i = 1; i <= 3; ++i) {
    const std::string file = (out.path() / ("shard" + std::to_string(i) + ".json")).string();
    testing::run_oblige({"audit", root, "--policy", policy, "--format", "json", "--shard",
                         std::to_string(i) + "/3", "--output", file});
    json_args.push_back(file);
  }
  json_args.push_back("--format");
  json_args.push_back("jsonl");
  CHECK(testing::run_oblige(json_args).out ==
        testing::run_oblige({"audit", root, "--policy", policy, "--format", "jsonl"}).out);

  // A missing shard, a shard twice, a cut file: a clear message and exit 2.
  const auto missing = testing::run_oblige({"merge", shards[0], shards[2]});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("shards missing: 2/3") != std::string::npos);
  const auto twice = testing::run_oblige({"merge", shards[0], shards[0], shards[1], shards[2]});
  CHECK(twice.exit_code == 2);
  const std::string text = testing::read_file(shards[1]);
  out.write("cut.jsonl", text.substr(0, text.rfind("{\"type\":\"summary\"")));
  const auto cut =
      testing::run_oblige({"merge", shards[0], (out.path() / "cut.jsonl").string(), shards[2]});
  CHECK(cut.exit_code == 2);
  CHECK(cut.err.find("did not finish") != std::string::npos);
  CHECK(testing::run_oblige({"audit", root, "--shard", "4/3"}).exit_code == 2);
  CHECK(testing::run_oblige({"scan", root, "--shard", "1/3"}).exit_code == 2);
}
