#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>

#include "scanner/model/hub_tables.h"
#include "scanner/scan/scan.h"
#include "scanner/text/normalize.h"
#include "support.h"

using namespace oblige;
using oblige::testing::TempDir;

namespace {

const std::string kQwenLicense =
    testing::read_file(testing::source_dir() + "/samples/qwen-chat/LICENSE");

render::Target scan_dir(const TempDir& dir, const std::string& sub = "") {
  return testing::scan((dir.path() / sub).string());
}

using testing::with_rule;

}  // namespace

TEST_CASE("the Hub's 83 license ids are known, with SPDX ids and signatures", "[model]") {
  const auto& tables = model::HubTables::builtin();
  CHECK(tables.licenses().size() == 83);
  REQUIRE(tables.license("apache-2.0"));
  CHECK(tables.license("apache-2.0")->spdx == "Apache-2.0");
  CHECK(tables.license("apache-2.0")->signature == "apache-2.0");
  CHECK(tables.license("llama3.1")->signature == "llama3.1");
  CHECK(tables.license("llama3.1")->spdx == "LicenseRef-llama3.1");
  CHECK(tables.license("gemma")->signature == "gemma");
  CHECK(tables.license("Other"));
  CHECK_FALSE(tables.license("tongyi-qianwen"));  // not a Hub id
  for (const auto& l : tables.licenses()) {
    INFO(l.id);
    if (!l.signature.empty()) CHECK(testing::builtin_signatures().find(l.signature));
  }
  CHECK(tables.publisher_license("meta-llama/Llama-3.1-8B-Instruct") == "llama3.1");
  CHECK(tables.publisher_license("meta-llama/Meta-Llama-3-8B") == "llama3");
  CHECK(tables.publisher_license("Qwen/Qwen-7B-Chat") == "tongyi-qianwen-2023");
  CHECK(tables.publisher_license("baichuan-inc/Baichuan2-13B-Chat") == "baichuan2-community");
  CHECK(tables.publisher_license("someone/unknown") == "");
}

TEST_CASE("publisher rules give the first matching rule's license, whatever they skip uncompiled",
          "[model]") {
  // publisher_license skips a rule whose literal start the id lacks and
  // compiles a rule's pattern only when needed; the answer must be that of
  // trying every pattern in order.
  const YAML::Node rows = YAML::LoadFile(testing::source_dir() +
                                         "/signatures/huggingface/publishers.yaml")["publishers"];
  std::vector<std::pair<std::unique_ptr<RE2>, std::string>> rules;
  for (const YAML::Node& row : rows)
    rules.emplace_back(std::make_unique<RE2>(row["match"].as<std::string>()),
                       row["license"].as<std::string>());
  REQUIRE(rules.size() > 40);
  const auto expected = [&](const std::string& id) -> std::string {
    const std::string lower = text::ascii_lower(id);
    for (const auto& [re, license] : rules)
      if (RE2::PartialMatch(lower, *re)) return license;
    return "";
  };
  std::vector<std::string> ids = {"huggyllama/llama-7b",
                                  "decapoda-research/llama-13b-hf",
                                  "meta-llama/Meta-Llama-3.1-8B",
                                  "meta-llama/Llama-Guard-3-8B",
                                  "Qwen/Qwen1.5-7B",
                                  "Qwen/Qwen2.5-3B-Instruct",
                                  "someone/unknown",
                                  "qwen",
                                  "",
                                  "/",
                                  "Qwen/Qwen3-8B"};
  // Each rule's pattern with its metacharacters dropped is an id close to
  // what it matches (and often one an earlier rule takes).
  for (const YAML::Node& row : rows) {
    std::string id;
    for (char c : row["match"].as<std::string>())
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '_' ||
          c == '.')
        id += c;
    ids.push_back(id);
    ids.push_back(id + "-7b-chat");
  }
  const model::HubTables& tables = model::HubTables::builtin();
  std::size_t known = 0;
  for (const std::string& id : ids) {
    INFO(id);
    CHECK(tables.publisher_license(id) == expected(id));
    known += !expected(id).empty();
  }
  CHECK(known > 40);
}

TEST_CASE("a declared license that the folder's text contradicts is an error, the text wins",
          "[model]") {
  TempDir dir;
  dir.write("m/README.md", "---\nlicense: apache-2.0\n---\n# Model\n");
  dir.write("m/LICENSE", kQwenLicense);
  const auto r = scan_dir(dir);
  const auto mismatch = with_rule(r, "model-card/license-mismatch");
  REQUIRE(mismatch.size() == 1);
  CHECK(mismatch[0]->level == results::Level::kError);
  CHECK(mismatch[0]->path == "m/README.md");
  CHECK(mismatch[0]->span.start_line == 2);
  CHECK(mismatch[0]->parameters["found"] == "tongyi-qianwen-2023");
  CHECK(mismatch[0]->message.find("The license text governs") != std::string::npos);

  TempDir ok;
  ok.write("README.md",
           "---\nlicense: other\nlicense_name: tongyi-qianwen\nlicense_link: LICENSE\n---\n");
  ok.write("LICENSE", kQwenLicense);
  const auto fine = scan_dir(ok);
  CHECK(with_rule(fine, "model-card/license-mismatch").empty());
  CHECK(with_rule(fine, "model-card/license-link-missing").empty());
  CHECK(with_rule(fine, "model-card/other-without-name").empty());
}

TEST_CASE("license: other needs a name and a link or file, links must resolve", "[model]") {
  TempDir dir;
  dir.write("README.md", "---\nlicense: other\nlicense_link: TERMS.md\n---\n# x\n");
  dir.write("config.json", "{}");
  const auto r = scan_dir(dir);
  CHECK(with_rule(r, "model-card/other-without-name").size() == 1);
  CHECK(with_rule(r, "model-card/license-link-missing").size() == 1);
  CHECK(with_rule(r, "model-card/other-without-link").empty());  // it has a link

  TempDir outside;
  outside.write("m/README.md",
                "---\nlicense: other\nlicense_name: x\nlicense_link: ../../../etc/hostname\n---\n");
  const auto outside_scan = scan_dir(outside);
  CHECK(with_rule(outside_scan, "model-card/license-link-missing").size() == 1);

  TempDir bare;
  bare.write("README.md", "---\nlicense: other\n---\n# x\n");
  const auto bare_scan = scan_dir(bare);
  CHECK(with_rule(bare_scan, "model-card/other-without-link").size() == 1);
}

TEST_CASE("unknown Hub ids are unrecognized notes, a model with no license is a warning",
          "[model]") {
  TempDir dir;
  dir.write("README.md", "---\nlicense: my-own-license-9\n---\n");
  const auto scanned = scan_dir(dir);
  const auto unknown = with_rule(scanned, "model-card/unknown-license-id");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0]->level == results::Level::kNote);

  TempDir weights_only;
  weights_only.write("model/config.json", "{}");
  weights_only.write("model/model.safetensors", "x");
  const auto weights_scan = scan_dir(weights_only);
  const auto none = with_rule(weights_scan, "model-card/no-license");
  REQUIRE(none.size() == 1);
  CHECK(none[0]->path == "model/README.md");

  TempDir licensed;
  licensed.write("config.json", "{}");
  licensed.write("LICENSE", kQwenLicense);
  const auto licensed_scan = scan_dir(licensed);
  CHECK(with_rule(licensed_scan, "model-card/no-license").empty());
}

TEST_CASE("a derivative inherits its base's obligations and is told what it lacks", "[model]") {
  TempDir dir;
  dir.write("support-bot/README.md",
            "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# Bot\n");
  const auto r = scan_dir(dir);
  const auto contradicts = with_rule(r, "derivative/contradicts-base-license");
  REQUIRE(contradicts.size() == 1);
  CHECK(contradicts[0]->level == results::Level::kError);
  CHECK(contradicts[0]->parameters["base_license"] == "llama3.1");
  const auto base = with_rule(r, "derivative/base-model-license");
  REQUIRE(base.size() == 1);
  CHECK(base[0]->parameters["resolved"] == "inferred from the publisher's name");
  CHECK(base[0]->span.start_line == 3);
  CHECK(with_rule(r, "derivative/missing-license-copy").size() == 1);
  CHECK(with_rule(r, "derivative/name-prefix").size() == 1);
  CHECK(with_rule(r, "derivative/missing-modification-statement").empty());  // Llama asks none
  bool built_with = false;
  for (const auto* f : with_rule(r, "derivative/missing-attribution"))
    built_with = built_with || f->parameters["text"] == "Built with Llama";
  CHECK(built_with);
  bool inherited_threshold = false;
  for (const auto* f : with_rule(r, "restriction/commercial-threshold"))
    inherited_threshold = inherited_threshold || (f->parameters.value("inherited", false) &&
                                                  f->parameters["threshold"] == 700000000);
  CHECK(inherited_threshold);

  // The same derivative done right: named Llama-..., with the agreement's
  // reference, "Built with Llama", and the declared base license.
  TempDir good;
  good.write("Llama-3.1-support-bot/README.md",
             "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n"
             "# Llama-3.1-support-bot\n\nBuilt with Llama. Fine-tuned on support tickets.\n");
  const auto g = scan_dir(good);
  CHECK(with_rule(g, "derivative/contradicts-base-license").empty());
  CHECK(with_rule(g, "derivative/name-prefix").empty());
  bool still_missing_built_with = false;
  for (const auto* f : with_rule(g, "derivative/missing-attribution"))
    still_missing_built_with =
        still_missing_built_with || f->parameters["text"] == "Built with Llama";
  CHECK_FALSE(still_missing_built_with);
}

TEST_CASE("a base model found in the same folder is resolved locally", "[model]") {
  TempDir dir;
  dir.write("Qwen-7B-Chat/LICENSE", kQwenLicense);
  dir.write("Qwen-7B-Chat/config.json", "{}");
  dir.write("my-qwen/README.md",
            "---\nlicense: mit\nbase_model: someorg/Qwen-7B-Chat\n---\n# mine\n");
  const auto r = scan_dir(dir);
  const auto base = with_rule(r, "derivative/base-model-license");
  REQUIRE(base.size() == 1);
  CHECK(base[0]->parameters["license"] == "tongyi-qianwen-2023");
  CHECK(base[0]->parameters["resolved"] == "found in the scanned folder");
  CHECK(with_rule(r, "derivative/missing-modification-statement").size() == 1);
  CHECK(with_rule(r, "derivative/contradicts-base-license").size() == 1);
}
