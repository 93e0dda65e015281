// One answer everywhere: the same input gives the same license, commercial-use
// word and verdict in text, JSON, SARIF, the audit and explain; a license the
// card only declares counts; reports say what fails and why.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support.h"

using namespace oblige;
using nlohmann::json;
using oblige::testing::TempDir;

namespace {

const std::string kRev = "3333333333333333333333333333333333333333";

json run_json(const std::vector<std::string>& args, const std::string& cwd = "") {
  const auto r = testing::run_oblige(args, cwd);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  return json::parse(r.out);
}

std::vector<json> findings_with(const json& findings, const std::string& rule) {
  std::vector<json> out;
  for (const json& f : findings)
    if (f["rule_id"] == rule) out.push_back(f);
  return out;
}

// The licenses a report shows with the commercial-use word of each, by id.
std::map<std::string, std::string> words_of(const json& licenses) {
  std::map<std::string, std::string> out;
  for (const json& l : licenses)
    out[l["id"].get<std::string>()] = l["commercial_use"].get<std::string>();
  return out;
}

const char* kStrictPolicy =
    "use: {commercial: true}\n"
    "licenses: {deny: [llama], allow: [apache-2.0, mit], unknown: deny}\n";

}  // namespace

TEST_CASE("a license the card only declares brings its terms, verdict and denial to scan and audit",
          "[one-answer]") {
  for (const std::string declared : {"cc-by-nc-4.0", "llama3", "llama3.1"}) {
    INFO(declared);
    TempDir dir;
    dir.write("policy.yml", kStrictPolicy);
    dir.write("model/README.md", "---\nlicense: " + declared + "\n---\n# A model\n");
    dir.write("model/config.json", "{}");
    const std::string policy = (dir.path() / "policy.yml").string();
    const std::string model = (dir.path() / "model").string();

    const auto scanned =
        testing::run_oblige({"scan", model, "--policy", policy, "--format", "json"});
    CHECK(scanned.exit_code == 1);
    const json target = json::parse(scanned.out)["targets"][0];
    CHECK(target["verdict"] == "not allowed");
    const json audit =
        run_json({"audit", model, "--policy", policy, "--format", "json"})["models"][0];
    CHECK(audit["policy_verdict"] == "not allowed");
    CHECK(audit["commercial_use"] == target["commercial_use"]);
    // The same verdict, word and declared id in JSON Lines, CycloneDX and HTML.
    const json line = json::parse(
        testing::run_oblige({"audit", model, "--policy", policy, "--format", "jsonl"})
            .out.substr(
                0, testing::run_oblige({"audit", model, "--policy", policy, "--format", "jsonl"})
                       .out.find('\n')));
    CHECK(line["policy_verdict"] == "not allowed");
    CHECK(line["declared_licenses"] == audit["declared_licenses"]);
    const json bom =
        run_json({"scan", model, "--policy", policy, "--format", "cyclonedx"})["components"][0];
    std::map<std::string, std::string> props;
    for (const json& p : bom["properties"]) props[p["name"]] = p["value"];
    CHECK(props["oblige:verdict"] == "not allowed");
    CHECK(props["oblige:commercial-use"] == target["commercial_use"]);
    CHECK(bom["licenses"][0]["license"]["acknowledgement"] == "declared");
    CHECK(bom["licenses"][0]["license"]["properties"][0]["value"] == target["licenses"][0]["id"]);
    const std::string html =
        testing::run_oblige({"scan", model, "--policy", policy, "--format", "html"}).out;
    CHECK(html.find("Verdict: <strong>not allowed</strong>") != std::string::npos);
    CHECK(html.find("<strong class=\"commercial\">" +
                    target["commercial_use"].get<std::string>()) != std::string::npos);
    // The declared license's own obligations, at the card's line.
    bool declared_terms = false;
    for (const json& f : target["findings"])
      declared_terms = declared_terms ||
                       (f["source"] == "declared" && f["file"] == "README.md" && f["line"] == 2);
    CHECK(declared_terms);
    if (declared == "cc-by-nc-4.0") {
      CHECK(target["commercial_use"] == "not-allowed");
      CHECK(findings_with(target["findings"], "policy/commercial-not-allowed").size() == 1);
    } else {
      CHECK(target["commercial_use"] == "conditional");
      CHECK(findings_with(target["findings"], "policy/license-denied").size() == 1);
    }
    const auto text = testing::run_oblige({"scan", model, "--policy", policy});
    CHECK(text.out.find("Verdict: not allowed") != std::string::npos);
    CHECK(text.out.find("(declared in README.md:2; the text is not here)") != std::string::npos);
  }
}

TEST_CASE("a declared license oblige does not know is unknown, and allow lists see declared ids",
          "[one-answer]") {
  TempDir dir;
  dir.write("policy.yml", kStrictPolicy);
  dir.write("a/README.md", "---\nlicense: other\nlicense_name: acme-model-terms\n---\n");
  dir.write("b/README.md", "---\nlicense: bsd-2-clause-patent\n---\n");
  const json t = run_json({"scan", dir.path().string(), "--policy",
                           (dir.path() / "policy.yml").string(), "--format", "json"})["targets"][0];
  bool unknown = false, not_allowed = false;
  for (const json& f : t["findings"]) {
    unknown = unknown || (f["rule_id"] == "policy/unknown-license" && f["file"] == "a/README.md");
    not_allowed =
        not_allowed || (f["rule_id"] == "policy/license-not-allowed" && f["file"] == "b/README.md");
  }
  CHECK(unknown);
  CHECK(not_allowed);
}

TEST_CASE("Meta's and NVIDIA's own cards bring the obligations of the licenses they declare",
          "[one-answer]") {
  TempDir dir;
  dir.write("Llama-3.2-1B/README.md", "---\nlanguage: [en]\nlicense: llama3.2\n---\n# Llama 3.2\n");
  dir.write("Llama-3.2-1B/config.json", "{}");
  dir.write("Nemotron/README.md",
            "---\nlicense: other\nlicense_name: nvidia-open-model-license\n---\n# Nemotron\n");
  dir.write("Nemotron/config.json", "{}");
  const json t = run_json({"scan", dir.path().string(), "--format", "json"})["targets"][0];
  std::map<std::string, std::string> source_of;
  for (const json& l : t["licenses"]) source_of[l["id"]] = l["source"];
  CHECK(source_of["llama3.2"] == "declared");
  CHECK(source_of["nvidia-open-model"] == "declared");
  bool threshold = false, nvidia = false;
  for (const json& f : t["findings"]) {
    threshold = threshold ||
                (f["rule_id"] == "restriction/commercial-threshold" && f["license"] == "llama3.2" &&
                 f["file"] == "Llama-3.2-1B/README.md" && f["line"] == 3);
    nvidia = nvidia || (f["license"] == "nvidia-open-model" && f["source"] == "declared" &&
                        !f["clause"].get<std::string>().empty());
  }
  CHECK(threshold);
  CHECK(nvidia);
}

TEST_CASE(
    "every license's commercial word is the same in scan, JSON, SARIF, text, audit and explain",
    "[one-answer]") {
  testing::HubCache cache;
  TempDir folders;
  std::map<std::string, std::string> expected;
  for (const auto& sig : testing::builtin_signatures().signatures) {
    if (sig.kind != "license" || sig.generic) continue;
    if (!expected.emplace(sig.id, results::commercial_word(sig.commercial_use)).second)
      continue;  // one per id
    const std::string card =
        "---\nlicense: other\nlicense_name: " + sig.id + "\n---\n# " + sig.id + "\n";
    folders.write(sig.id + "/README.md", card);
    folders.write(sig.id + "/config.json", "{}");
    cache.model("models--table--" + sig.id, kRev, {{"README.md", card}});
  }
  REQUIRE(expected.size() >= 60);
  const json scanned =
      run_json({"scan", folders.path().string(), "--format", "json"})["targets"][0];
  CHECK(words_of(scanned["licenses"]) == expected);
  const json sarif = run_json({"scan", folders.path().string(), "--format", "sarif"});
  CHECK(words_of(sarif["runs"][0]["properties"]["licenses"]) == expected);
  // The text report: each license block's "Commercial use:" line.
  const std::string text = testing::run_oblige({"scan", folders.path().string()}).out;
  std::map<std::string, std::string> in_text;
  const std::regex block(
      R"(\[([a-z0-9.+-]+)\]  [^\n]*README\.md:2[^\n]*\n    Commercial use: ([a-z-]+))");
  for (std::sregex_iterator it(text.begin(), text.end(), block), end; it != end; ++it)
    in_text[(*it)[1]] = (*it)[2];
  CHECK(in_text == expected);
  std::map<std::string, std::string> in_audit;
  const json audited = run_json({"audit", cache.root().string(), "--format", "json"});
  INFO(audited.dump().substr(0, 2000));
  for (const json& m : audited["models"])
    in_audit[m["model_id"].get<std::string>().substr(6)] = m["commercial_use"];
  CHECK(in_audit == expected);
  // The same word, verdict and ids in JSON Lines, CycloneDX and HTML.
  std::map<std::string, std::string> in_jsonl, in_bom, in_html;
  std::istringstream lines(
      testing::run_oblige({"audit", cache.root().string(), "--format", "jsonl"}).out);
  for (std::string line; std::getline(lines, line);) {
    const json j = json::parse(line);
    if (j["type"] == "model")
      in_jsonl[j["model_id"].get<std::string>().substr(6)] = j["commercial_use"];
  }
  CHECK(in_jsonl == expected);
  const json bom = run_json({"audit", cache.root().string(), "--format", "cyclonedx"});
  for (const json& c : bom["components"])
    for (const json& p : c["properties"])
      if (p["name"] == "oblige:commercial-use") in_bom[c["name"]] = p["value"];
  CHECK(in_bom == expected);
  const std::string html =
      testing::run_oblige({"audit", cache.root().string(), "--format", "html"}).out;
  // The row's filter attribute and its cell must both carry the word.
  const std::regex row(
      R"re(<tr data-verdict="" data-license="[^"]*" data-commercial="([a-z-]+)" data-org="table">)re"
      R"re(<td><a href="#t[0-9]+">table/([^<]+)</a></td><td class="where">[0-9a-f]+</td>)re"
      R"re(<td>[^<]*</td><td>([a-z-]+)</td>)re");
  for (std::sregex_iterator it(html.begin(), html.end(), row), end; it != end; ++it) {
    CHECK((*it)[1] == (*it)[3]);
    in_html[(*it)[2]] = (*it)[3];
  }
  CHECK(in_html == expected);
  for (const auto& [id, word] : expected) {
    INFO(id);
    CHECK(testing::run_oblige({"explain", id}).out.find("  commercial use: " + word + "\n") !=
          std::string::npos);
  }
}

TEST_CASE(
    "the text report: levels on every item, each file's obligations under it, inherited terms "
    "grouped once",
    "[one-answer]") {
  const std::string qwen = testing::read_file(testing::source_dir() + "/samples/qwen-chat/LICENSE");
  TempDir dir;
  dir.write("a/LICENSE", qwen);
  dir.write("b/LICENSE.txt", qwen);
  const std::string out = testing::run_oblige({"scan", dir.path().string()}).out;
  const std::size_t a = out.find("a/LICENSE:1-");
  const std::size_t b = out.find("b/LICENSE.txt:1-");
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  CHECK(out.find("(a/LICENSE:27)") > a);
  CHECK(out.find("(b/LICENSE.txt:27)") > b);
  CHECK(out.find("- warning Commercial use in a product or service with more than 100 million") !=
        std::string::npos);
  CHECK(out.find("- note Give every recipient") != std::string::npos);

  TempDir derived;
  derived.write(
      "bot/README.md",
      "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# bot\n");
  const std::string inherited = testing::run_oblige({"scan", derived.path().string()}).out;
  const std::size_t block =
      inherited.find("Inherited from base model meta-llama/Llama-3.1-8B-Instruct");
  REQUIRE(block != std::string::npos);
  const std::string rest = inherited.substr(block);
  // Governing law is good to know, not a must; "as is" is not a must-not.
  const std::size_t good = rest.find("Good to know:");
  REQUIRE(good != std::string::npos);
  CHECK(rest.find("laws of the State of California") > good);
  CHECK(rest.find("You must not / limits:") < good);

  // The base license's text in the folder: its terms are shown once, under the text.
  TempDir same;
  same.write("Llama-3.1-bot/README.md",
             "---\nlicense: other\nlicense_name: tongyi-qianwen\nbase_model: "
             "Qwen/Qwen-7B-Chat\n---\n# bot\nFine-tuned.\n");
  same.write("Llama-3.1-bot/LICENSE", qwen);
  const json t = run_json({"scan", same.path().string(), "--format", "json"})["targets"][0];
  for (const json& f : t["findings"]) CHECK(f["source"] != "inherited");
}

TEST_CASE(
    "SARIF holds what someone must act on, --sarif-notes keeps the notes, messages name the URI's "
    "path",
    "[one-answer]") {
  const std::string sample = "samples/qwen-chat";
  const json lean = run_json({"scan", sample, "--format", "sarif"}, testing::source_dir());
  const json all =
      run_json({"scan", sample, "--format", "sarif", "--sarif-notes"}, testing::source_dir());
  std::size_t notes = 0;
  for (const json& r : lean["runs"][0]["results"]) CHECK(r["level"] != "note");
  for (const json& r : all["runs"][0]["results"]) notes += r["level"] == "note";
  CHECK(notes >= 5);
  CHECK(lean["runs"][0]["results"].size() + notes == all["runs"][0]["results"].size());
  for (const json& r : all["runs"][0]["results"]) {
    const std::string uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    const std::string message = r["message"]["text"];
    const std::string rule = r["ruleId"];
    // Findings about a file name it: by the path its URI has.
    if (rule.rfind("license/", 0) == 0 || rule.rfind("scan/", 0) == 0 ||
        rule.rfind("model-card/", 0) == 0) {
      INFO(rule << ": " << message);
      CHECK(message.find(uri) != std::string::npos);
    }
  }
}

TEST_CASE("research_only and on_device take part in verdicts", "[one-answer]") {
  TempDir dir;
  dir.write("m/README.md",
            "---\nlicense: other\nlicense_name: llama\n---\n# LLaMA\n");  // research only
  dir.write("research.yml", "use: {commercial: false, research_only: true}\n");
  dir.write("personal.yml", "use: {commercial: false}\n");
  const auto verdict_of = [&](const std::string& policy) {
    return run_json({"scan", (dir.path() / "m").string(), "--policy",
                     (dir.path() / policy).string(), "--format", "json"})["targets"][0];
  };
  CHECK(verdict_of("research.yml")["verdict"] == "allowed with obligations");
  CHECK(findings_with(verdict_of("research.yml")["findings"], "policy/research-use-only").empty());
  CHECK(findings_with(verdict_of("personal.yml")["findings"], "policy/research-use-only").size() ==
        1);

  TempDir gpl;
  gpl.write("LICENSE", "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n");
  gpl.write("device.yml", "distribution: {on_device: true}\n");
  gpl.write("server.yml", "distribution: {hosted_service: true}\n");
  const std::string gpl_text = testing::read_file("/usr/share/common-licenses/GPL-3");
  if (gpl_text.empty()) return;
  gpl.write("LICENSE", gpl_text);
  const auto rules = [&](const std::string& policy) {
    return findings_with(
        run_json({"scan", (gpl.path() / "LICENSE").string(), "--policy",
                  (gpl.path() / policy).string(), "--format", "json"})["targets"][0]["findings"],
        "policy/copyleft-distribution");
  };
  CHECK(rules("device.yml").size() == 1);  // shipping inside a device is distribution
  CHECK(rules("server.yml").empty());      // GPL, unlike the AGPL, does not reach network use
}

TEST_CASE(
    "output files: --output writes through no link and into pipes and devices, policy init writes "
    "through no link",
    "[one-answer][hostile]") {
  TempDir dir;
  dir.write("victim", "precious\n");
  const std::string victim = (dir.path() / "victim").string();
  // A link planted at the old fixed temporary name, and the target itself a link.
  boost::filesystem::create_symlink(victim, dir.path() / "report.json.oblige-tmp");
  boost::filesystem::create_symlink(victim, dir.path() / "linked.json");
  const std::string sample = testing::source_dir() + "/samples/qwen-chat";
  CHECK(testing::run_oblige(
            {"scan", sample, "--format", "json", "--output", (dir.path() / "report.json").string()})
            .exit_code == 0);
  CHECK(testing::run_oblige(
            {"scan", sample, "--format", "json", "--output", (dir.path() / "linked.json").string()})
            .exit_code == 0);
  CHECK(testing::read_file(victim) == "precious\n");
  CHECK(json::parse(testing::read_file(dir.path() / "report.json"))["tool"] == "oblige");
  CHECK(boost::filesystem::is_regular_file(
      boost::filesystem::symlink_status(dir.path() / "linked.json")));
  // No temporary file is left behind.
  std::size_t entries = 0;
  for (boost::filesystem::directory_iterator it(dir.path()), end; it != end; ++it) ++entries;
  CHECK(entries == 4);
  // Devices and pipes are written into, not replaced.
  const auto to_stdout =
      testing::run_oblige({"scan", sample, "--format", "json", "--output", "/dev/stdout"});
  CHECK(to_stdout.exit_code == 0);
  CHECK(json::parse(to_stdout.out)["tool"] == "oblige");
  const auto piped = testing::run_shell(
      "mkfifo '" + (dir.path() / "pipe").string() + "' && (cat '" + (dir.path() / "pipe").string() +
      "' & '" + testing::oblige_binary() + "' scan '" + sample + "' --format json --output '" +
      (dir.path() / "pipe").string() + "'; wait)");
  CHECK(piped.exit_code == 0);
  CHECK(json::parse(piped.out)["tool"] == "oblige");

  // policy init: a dangling link, and a live one even with --force.
  TempDir repo;
  boost::filesystem::create_symlink(repo.path() / "elsewhere.yml", repo.path() / ".oblige.yml");
  CHECK(testing::run_oblige({"policy", "init"}, repo.path().string()).exit_code == 2);
  CHECK_FALSE(boost::filesystem::exists(repo.path() / "elsewhere.yml"));
  TempDir live;
  live.write("target.yml", "mine\n");
  boost::filesystem::create_symlink(live.path() / "target.yml", live.path() / ".oblige.yml");
  const auto forced = testing::run_oblige({"policy", "init", "--force"}, live.path().string());
  CHECK(forced.exit_code == 2);
  CHECK(forced.err.find("symbolic link") != std::string::npos);
  CHECK(testing::read_file(live.path() / "target.yml") == "mine\n");
}

TEST_CASE("the pre-commit model-folder hook passes a compliant Llama fine-tune under a policy",
          "[one-answer][corpus]") {
  const std::string corpus = testing::corpus_dir();
  if (corpus.empty()) {
    if (std::getenv("CI")) FAIL("../shared/corpus is required in CI");
    WARN("../shared/corpus is absent: skipped");
    return;
  }
  TempDir repo;
  repo.write(".oblige.yml", "use: {commercial: true}\nscale: {monthly_active_users: 5000}\n");
  repo.write("Llama-3.1-support-bot/README.md",
             "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n"
             "# Llama-3.1-support-bot\n\nBuilt with Llama. Fine-tuned on support tickets.\n");
  repo.write("Llama-3.1-support-bot/LICENSE", testing::read_file(corpus + "/llama3.1/LICENSE"));
  repo.write("Llama-3.1-support-bot/NOTICE",
             "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta "
             "Platforms, Inc. All "
             "Rights Reserved.\n");
  repo.write("Llama-3.1-support-bot/USE_POLICY.md",
             testing::read_file(corpus + "/llama3.1/USE_POLICY.md"));
  const auto r = testing::run_oblige({"scan", ".", "--fail-on", "warning"}, repo.path().string());
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Verdict: allowed with obligations") != std::string::npos);
  CHECK(r.out.find("[met: the policy's monthly_active_users (5000) is within the threshold]") !=
        std::string::npos);
}
