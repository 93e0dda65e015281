#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scanner/scan/audit.h"
#include "scanner/walk/model_caches.h"
#include "support.h"

using namespace oblige;
using oblige::testing::TempDir;
namespace fs = boost::filesystem;
using nlohmann::json;

namespace {

const std::string kRev1 = "1111111111111111111111111111111111111111";
const std::string kRev2 = "2222222222222222222222222222222222222222";

using testing::HubCache;

std::string sample(const std::string& p) { return testing::read_file(testing::source_dir() + "/samples/" + p); }

const render::Target* row_for(const testing::Audited& r, const std::string& id, const std::string& rev) {
  return r.model(id, rev);
}

testing::Audited run_audit(const fs::path& root) { return testing::audit(root.string()); }

}  // namespace

TEST_CASE("audit: every model and revision of a Hugging Face cache, with refs and verdicts", "[audit]") {
  HubCache cache;
  const std::string qwen = "models--Qwen--Qwen-7B-Chat";
  cache.blob(qwen, "aaaa", sample("qwen-chat/LICENSE"));
  cache.blob(qwen, "bbbb", sample("qwen-chat/README.md"));
  cache.dir.write("hub/" + qwen + "/blobs/cccc.incomplete", "partial download");
  for (const std::string& rev : {kRev1, kRev2}) {
    cache.link(qwen, rev, "LICENSE", "aaaa");
    cache.link(qwen, rev, "README.md", "bbbb");
  }
  cache.link(qwen, kRev2, "NOTICE", "missing-blob");  // dangling
  cache.ref(qwen, "main", kRev2);
  cache.ref(qwen, "refs/pr/1", kRev1);
  cache.dir.write("hub/" + qwen + "/.no_exist/" + kRev2 + "/LICENSE.md", "");
  cache.dir.write("hub/.locks/" + qwen + "/aaaa.lock", "");
  // Weights are a FIFO: opening it would block forever, so the audit
  // finishing at all proves weights are never opened.
  const fs::path fifo = cache.root() / qwen / "blobs" / "weights";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  cache.link(qwen, kRev2, "model.safetensors", "weights");

  const std::string helper = "models--acme--qwen-helper";
  cache.blob(helper, "eeee", "---\nlicense: mit\nbase_model: Qwen/Qwen-7B-Chat\n---\n# helper\nFine-tuned on chats.\n");
  cache.link(helper, kRev1, "README.md", "eeee");
  cache.ref(helper, "main", kRev1);
  cache.dir.write("hub/datasets--acme--chats/snapshots/" + kRev1 + "/README.md", "---\nlicense: cc-by-4.0\n---\n");

  const testing::Audited r = run_audit(cache.root());
  REQUIRE(r.models.size() == 4);
  const render::Target* main = row_for(r, "Qwen/Qwen-7B-Chat", kRev2);
  REQUIRE(main);
  CHECK(main->model->refs == std::vector<std::string>{"main"});
  CHECK(main->detected_licenses == std::vector<std::string>{"tongyi-qianwen-2023"});
  CHECK(main->declared_licenses == std::vector<std::string>{"tongyi-qianwen"});  // license_name for other
  CHECK(main->commercial_use == "conditional");
  const render::Target* pr = row_for(r, "Qwen/Qwen-7B-Chat", kRev1);
  REQUIRE(pr);
  CHECK(pr->model->refs == std::vector<std::string>{"pr/1"});
  // Logical paths, never blob paths.
  bool dangling = false;
  for (const auto& f : main->findings) {
    CHECK(f.path.find("blobs/") == std::string::npos);
    if (f.rule_id == "scan/symlink-broken") {
      dangling = true;
      CHECK(f.path == qwen + "/snapshots/" + kRev2 + "/NOTICE");
    }
  }
  CHECK(dangling);
  // The shared LICENSE and README blobs were read once for both revisions.
  CHECK(r.summary.files_read_once >= 2);
  // The derivative's base was resolved from the same cache.
  const render::Target* derived = row_for(r, "acme/qwen-helper", kRev1);
  REQUIRE(derived);
  CHECK(derived->commercial_use == "conditional");
  bool local = false;
  for (const auto& f : derived->findings)
    if (f.rule_id == "derivative/base-model-license")
      local = f.parameters["resolved"] == "found in the scanned folder";
  CHECK(local);
  const render::Target* dataset = row_for(r, "acme/chats", kRev1);
  REQUIRE(dataset);
  CHECK(dataset->model->repo_type == "dataset");
}

TEST_CASE("audit: a snapshot_download(local_dir=...) folder reads its revision", "[audit]") {
  TempDir dir;
  dir.write("LICENSE", sample("qwen-chat/LICENSE"));
  dir.write(".cache/huggingface/download/LICENSE.metadata", kRev1 + "\n\"etag\"\n1700000000.0\n");
  dir.write(".cache/huggingface/download/README.md.metadata", kRev1 + "\n\"etag\"\n1700000000.0\n");
  dir.write(".cache/huggingface/.gitignore", "*\n");
  const testing::Audited r = run_audit(dir.path());
  REQUIRE(r.models.size() == 1);
  CHECK(r.models[0].model->layout == "local-dir");
  CHECK(r.models[0].model->revision == kRev1);
  CHECK(r.models[0].detected_licenses == std::vector<std::string>{"tongyi-qianwen-2023"});
  for (const auto& f : r.models[0].findings) CHECK(f.path.find(".cache") == std::string::npos);
}

TEST_CASE("audit: a ModelScope cache, with masked dots and .mv revisions", "[audit]") {
  TempDir dir;
  dir.write("hub/models/Qwen/Qwen2___5-7B/.mv", "Revision:v1.0.2,CreatedAt:1700000000\n");
  dir.write("hub/models/Qwen/Qwen2___5-7B/.msc", std::string("\x80\x04pickle\0", 9));
  dir.write("hub/models/Qwen/Qwen2___5-7B/LICENSE", sample("qwen-chat/LICENSE"));
  dir.write("hub/models/acme/tiny/.mv", "Revision:master,CreatedAt:1700000000\n");
  dir.write("hub/models/acme/tiny/README.md", "---\nlicense: apache-2.0\n---\n");
  const testing::Audited r = run_audit(dir.path() / "hub");
  REQUIRE(r.models.size() == 2);
  CHECK(r.models[0].model->layout == "modelscope");
  CHECK(r.models[0].model->repo_id == "Qwen/Qwen2.5-7B");
  CHECK(r.models[0].model->revision == "v1.0.2");
  CHECK(r.models[0].detected_licenses == std::vector<std::string>{"tongyi-qianwen-2023"});
  CHECK(r.models[1].model->repo_id == "acme/tiny");
  CHECK(r.models[1].commercial_use == "allowed");
}

TEST_CASE("audit from the command line: table, JSON, SARIF and the default cache", "[audit][cli]") {
  HubCache cache;
  const std::string repo = "models--acme--tiny";
  cache.blob(repo, "aaaa", sample("qwen-chat/LICENSE"));
  cache.link(repo, kRev1, "LICENSE", "aaaa");
  cache.ref(repo, "main", kRev1);
  const auto table = testing::run_oblige({"audit", cache.root().string()});
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("acme/tiny") != std::string::npos);
  CHECK(table.out.find("tongyi-qianwen-2023") != std::string::npos);
  CHECK(table.out.find("conditional") != std::string::npos);
  const json j = json::parse(testing::run_oblige({"audit", cache.root().string(), "--format", "json"}).out);
  CHECK(j["models"][0]["model_id"] == "acme/tiny");
  CHECK(j["models"][0]["refs"][0] == "main");
  const json sarif = json::parse(testing::run_oblige({"audit", cache.root().string(), "--format", "sarif"}).out);
  const std::string uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  CHECK(uri.find(repo + "/snapshots/" + kRev1 + "/LICENSE") != std::string::npos);
  // With no folder given, $HF_HUB_CACHE is audited.
  const auto by_env = testing::run_shell("HF_HUB_CACHE='" + cache.root().string() + "' '" +
                                         testing::oblige_binary() + "' audit --format json");
  CHECK(json::parse(by_env.out)["models"][0]["model_id"] == "acme/tiny");
  const auto by_home = testing::run_shell("env -u HF_HUB_CACHE -u HF_HOME -u XDG_CACHE_HOME HOME='" +
                                          cache.dir.path().string() + "/nowhere' '" +
                                          testing::oblige_binary() + "' audit");
  CHECK(by_home.exit_code == 2);
  CHECK(by_home.err.find(".cache/huggingface/hub") != std::string::npos);
}

TEST_CASE("audit: a cache built from the corpus's real model cards and agreements", "[audit][corpus]") {
  if (!testing::have_corpus()) return;
  const std::string corpus = testing::corpus_dir();
  HubCache cache;
  std::size_t n = 0;
  const auto add = [&](const std::string& repo, const std::string& file, const std::string& from) {
    const std::string hash = "blob" + std::to_string(++n);
    cache.blob(repo, hash, testing::read_file(corpus + "/" + from));
    cache.link(repo, kRev1, file, hash);
    cache.ref(repo, "main", kRev1);
  };
  add("models--meta-llama--Llama-2-7b-hf", "LICENSE.txt", "llama2/LICENSE");
  add("models--meta-llama--Llama-2-7b-hf", "USE_POLICY.md", "llama2/USE_POLICY.md");
  add("models--someone--llama2-7b-baseline-wikitext", "README.md", "modelcard-llama2-peft-yaml/README.md");
  add("models--meta-llama--Meta-Llama-3-8B-Instruct", "README.md", "modelcard-meta-llama-3-8b-instruct/README.md");
  add("models--meta-llama--Meta-Llama-3-8B-Instruct", "LICENSE", "llama3/LICENSE");
  add("models--deepseek-ai--deepseek-llm-7b-chat", "README.md", "modelcard-deepseek-llm-7b-chat/README.md");
  add("models--deepseek-ai--deepseek-llm-7b-chat", "LICENSE", "deepseek-model-1.0/LICENSE-MODEL");
  add("models--baichuan-inc--Baichuan2-7B-Chat", "README.md", "modelcard-baichuan2-7b-chat-yaml/README.md");
  add("models--google--gemma-2b-it", "README.md", "modelcard-gemma-2b-it/README.md");
  add("models--Intel--neural-chat-7b-v3-3", "README.md", "modelcard-neural-chat-7b-v3-3/README.md");

  const testing::Audited r = run_audit(cache.root());
  REQUIRE(r.models.size() == 7);
  const auto row = [&](const std::string& id) { return row_for(r, id, kRev1); };
  REQUIRE(row("meta-llama/Llama-2-7b-hf"));
  CHECK(row("meta-llama/Llama-2-7b-hf")->detected_licenses ==
        std::vector<std::string>{"llama2"});  // the policy is not a license
  CHECK(row("meta-llama/Llama-2-7b-hf")->commercial_use == "conditional");
  CHECK(row("meta-llama/Meta-Llama-3-8B-Instruct")->detected_licenses.front() == "llama3");
  CHECK(row("deepseek-ai/deepseek-llm-7b-chat")->detected_licenses.front() == "deepseek-license-1.0");
  CHECK(row("baichuan-inc/Baichuan2-7B-Chat")->detected_licenses.front() == "baichuan2-community");
  CHECK(row("baichuan-inc/Baichuan2-7B-Chat")->commercial_use != "unknown");
  CHECK(row("google/gemma-2b-it")->declared_licenses == std::vector<std::string>{"gemma-terms-of-use"});  // license_name for other

  // The fine-tune's base is in the same cache: its Llama 2 license applies.
  const render::Target* peft = row("someone/llama2-7b-baseline-wikitext");
  REQUIRE(peft);
  CHECK(peft->commercial_use == "conditional");
  bool local = false;
  for (const auto& f : peft->findings)
    if (f.rule_id == "derivative/base-model-license")
      local = f.parameters["license"] == "llama2" && f.parameters["resolved"] == "found in the scanned folder";
  CHECK(local);

  // Real cards that declare their license correctly raise no mismatch.
  for (const auto& t : r.models)
    for (const auto& f : t.findings) {
      INFO(f.message);
      CHECK(f.rule_id != "model-card/license-mismatch");
    }
}
