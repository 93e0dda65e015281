#include "scanner/scan/audit.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

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

std::string sample(const std::string& p) {
  return testing::read_file(testing::source_dir() + "/samples/" + p);
}

const render::Target* row_for(const testing::Audited& r, const std::string& id,
                              const std::string& rev) {
  return r.model(id, rev);
}

testing::Audited run_audit(const fs::path& root) { return testing::audit(root.string()); }

}  // namespace

TEST_CASE("audit: every model and revision of a Hugging Face cache, with refs and verdicts",
          "[audit]") {
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
  cache.blob(
      helper, "eeee",
      "---\nlicense: mit\nbase_model: Qwen/Qwen-7B-Chat\n---\n# helper\nFine-tuned on chats.\n");
  cache.link(helper, kRev1, "README.md", "eeee");
  cache.ref(helper, "main", kRev1);
  cache.dir.write("hub/datasets--acme--chats/snapshots/" + kRev1 + "/README.md",
                  "---\nlicense: cc-by-4.0\n---\n");

  const testing::Audited r = run_audit(cache.root());
  REQUIRE(r.models.size() == 4);
  const render::Target* main = row_for(r, "Qwen/Qwen-7B-Chat", kRev2);
  REQUIRE(main);
  CHECK(main->model->refs == std::vector<std::string>{"main"});
  CHECK(main->detected_licenses == std::vector<std::string>{"tongyi-qianwen-2023"});
  CHECK(main->declared_licenses ==
        std::vector<std::string>{"tongyi-qianwen"});  // license_name for other
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
  const json j =
      json::parse(testing::run_oblige({"audit", cache.root().string(), "--format", "json"}).out);
  CHECK(j["models"][0]["model_id"] == "acme/tiny");
  CHECK(j["models"][0]["refs"][0] == "main");
  const json sarif =
      json::parse(testing::run_oblige({"audit", cache.root().string(), "--format", "sarif"}).out);
  const std::string uri =
      sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  CHECK(uri.find(repo + "/snapshots/" + kRev1 + "/LICENSE") != std::string::npos);
  // With no folder given, $HF_HUB_CACHE is audited.
  const auto by_env = testing::run_shell("HF_HUB_CACHE='" + cache.root().string() + "' '" +
                                         testing::oblige_binary() + "' audit --format json");
  CHECK(json::parse(by_env.out)["models"][0]["model_id"] == "acme/tiny");
  const auto by_home = testing::run_shell(
      "env -u HF_HUB_CACHE -u HF_HOME -u XDG_CACHE_HOME HOME='" + cache.dir.path().string() +
      "/nowhere' '" + testing::oblige_binary() + "' audit");
  CHECK(by_home.exit_code == 2);
  CHECK(by_home.err.find(".cache/huggingface/hub") != std::string::npos);
}

TEST_CASE("audit: a cache built from the corpus's real model cards and agreements",
          "[audit][corpus]") {
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
  add("models--someone--llama2-7b-baseline-wikitext", "README.md",
      "modelcard-llama2-peft-yaml/README.md");
  add("models--meta-llama--Meta-Llama-3-8B-Instruct", "README.md",
      "modelcard-meta-llama-3-8b-instruct/README.md");
  add("models--meta-llama--Meta-Llama-3-8B-Instruct", "LICENSE", "llama3/LICENSE");
  add("models--deepseek-ai--deepseek-llm-7b-chat", "README.md",
      "modelcard-deepseek-llm-7b-chat/README.md");
  add("models--deepseek-ai--deepseek-llm-7b-chat", "LICENSE", "deepseek-model-1.0/LICENSE-MODEL");
  add("models--baichuan-inc--Baichuan2-7B-Chat", "README.md",
      "modelcard-baichuan2-7b-chat-yaml/README.md");
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
  CHECK(row("deepseek-ai/deepseek-llm-7b-chat")->detected_licenses.front() ==
        "deepseek-license-1.0");
  CHECK(row("baichuan-inc/Baichuan2-7B-Chat")->detected_licenses.front() == "baichuan2-community");
  CHECK(row("baichuan-inc/Baichuan2-7B-Chat")->commercial_use != "unknown");
  CHECK(row("google/gemma-2b-it")->declared_licenses ==
        std::vector<std::string>{"gemma-terms-of-use"});  // license_name for other

  // The fine-tune's base is in the same cache: its Llama 2 license applies.
  const render::Target* peft = row("someone/llama2-7b-baseline-wikitext");
  REQUIRE(peft);
  CHECK(peft->commercial_use == "conditional");
  bool local = false;
  for (const auto& f : peft->findings)
    if (f.rule_id == "derivative/base-model-license")
      local = f.parameters["license"] == "llama2" &&
              f.parameters["resolved"] == "found in the scanned folder";
  CHECK(local);

  // Real cards that declare their license correctly raise no mismatch.
  for (const auto& t : r.models)
    for (const auto& f : t.findings) {
      INFO(f.message);
      CHECK(f.rule_id != "model-card/license-mismatch");
    }
}

namespace {

bool any_problem_mentions(const testing::Audited& r, const std::string& text) {
  for (const auto& p : r.summary.problems)
    if (p.path.find(text) != std::string::npos || p.message.find(text) != std::string::npos)
      return true;
  return false;
}

std::vector<walk::CacheProblem> discover_problems(const fs::path& root,
                                                  std::vector<walk::ModelSnapshot>* out) {
  std::vector<walk::CacheProblem> problems;
  *out = walk::discover_models(root, &problems);
  return problems;
}

}  // namespace

TEST_CASE("audit cache reader: refs that are links, or hold anything but a hash, are never shown",
          "[audit]") {
  TempDir home;  // what `refs -> ~` would expose
  home.write(".netrc", "machine huggingface.co password hf_SECRETTOKEN");
  home.write(".config/tool/credentials", "hf_OTHERSECRET");
  HubCache cache;
  const std::string a = "models--acme--linked-refs";
  cache.blob(a, "aaaa", sample("qwen-chat/LICENSE"));
  cache.link(a, kRev1, "LICENSE", "aaaa");
  fs::create_symlink(home.path(), cache.root() / a / "refs");
  const std::string b = "models--acme--odd-refs";
  cache.blob(b, "aaaa", sample("qwen-chat/LICENSE"));
  cache.link(b, kRev1, "LICENSE", "aaaa");
  cache.ref(b, "main", "hf_SECRET_IN_A_REF\n");
  cache.ref(b, "v1", kRev1 + "\n");
  fs::create_symlink(home.path() / ".netrc", cache.root() / b / "refs" / "linked");
  REQUIRE(mkfifo((cache.root() / b / "refs" / "fifo").c_str(), 0600) ==
          0);  // would block a plain read
  // A sparse 1 GB ref: one short line is read, never the gigabyte.
  REQUIRE(truncate(cache.dir.write("hub/" + b + "/refs/huge", "").c_str(), 1L << 30) == 0);

  const testing::Audited r = run_audit(cache.root());
  REQUIRE(r.models.size() == 2);
  for (const auto& row : r.models)
    CHECK(row.detected_licenses == std::vector<std::string>{"tongyi-qianwen-2023"});
  CHECK(row_for(r, "acme/odd-refs", kRev1)->model->refs == std::vector<std::string>{"v1"});
  CHECK(row_for(r, "acme/linked-refs", kRev1)->model->refs.empty());
  CHECK(any_problem_mentions(r, a + "/refs"));
  CHECK(any_problem_mentions(r, b + "/refs/main"));
  CHECK(any_problem_mentions(r, b + "/refs/huge"));
  for (const char* secret : {"SECRET", "netrc", "credentials", "machine"}) {
    INFO(secret);
    CHECK_FALSE(any_problem_mentions(r, secret));
  }
  const auto table = testing::run_oblige({"audit", cache.root().string()});
  CHECK(table.out.find("SECRET") == std::string::npos);
  CHECK(table.err.find("SECRET") == std::string::npos);
}

TEST_CASE(
    "audit cache reader: a FIFO or sparse .mv, and local-dir metadata, read for one short line",
    "[audit]") {
  TempDir dir;
  dir.write("hub/models/acme/fifo/LICENSE", sample("qwen-chat/LICENSE"));
  REQUIRE(mkfifo((dir.path() / "hub/models/acme/fifo/.mv").c_str(), 0600) == 0);
  dir.write("hub/models/acme/sparse/README.md", "---\nlicense: apache-2.0\n---\n");
  REQUIRE(truncate(dir.write("hub/models/acme/sparse/.mv", "Revision:v2,").c_str(), 4L << 30) == 0);
  dir.write("hub/models/acme/odd/.mv", "Revision:\x1b]52;c;aGk=\x07,CreatedAt:1\n");
  const testing::Audited r = run_audit(dir.path() / "hub");
  REQUIRE(r.models.size() == 3);
  const auto row = [&](const std::string& id) -> const render::Target& {
    for (const auto& x : r.models)
      if (x.model->repo_id == id) return x;
    FAIL("no row for " << id);
    return r.models.front();
  };
  CHECK(row("acme/fifo").model->revision.empty());
  CHECK(row("acme/fifo").detected_licenses == std::vector<std::string>{"tongyi-qianwen-2023"});
  CHECK(row("acme/sparse").model->revision == "v2");
  CHECK(row("acme/odd").model->revision.empty());  // not a plain name: not shown

  TempDir local;
  local.write("LICENSE", sample("qwen-chat/LICENSE"));
  local.write(".cache/huggingface/download/README.md.metadata", "not a hash\n");
  local.write(".cache/huggingface/download/sub/LICENSE.metadata", kRev2 + "\netag\n");
  std::vector<walk::ModelSnapshot> models;
  discover_problems(local.path(), &models);
  REQUIRE(models.size() == 1);
  CHECK(models[0].layout == "local-dir");
  CHECK(models[0].revision == kRev2);
}

TEST_CASE("audit: snapshot links into .incomplete blobs or .no_exist/ are never read", "[audit]") {
  HubCache cache;
  const std::string repo = "models--acme--partial";
  cache.blob(repo, "aaaa", sample("qwen-chat/LICENSE"));
  cache.blob(repo, "bbbb.incomplete", "PARTIAL DOWNLOAD TEXT");
  cache.dir.write("hub/" + repo + "/.no_exist/" + kRev1 + "/NOTICE", "NO EXIST TEXT");
  cache.link(repo, kRev1, "LICENSE", "aaaa");
  cache.link(repo, kRev1, "README.md", "bbbb.incomplete");
  const fs::path snap = cache.root() / repo / "snapshots" / kRev1;
  fs::create_symlink("../../.no_exist/" + kRev1 + "/NOTICE", snap / "NOTICE");
  const auto r = testing::run_oblige({"audit", cache.root().string(), "--format", "json"});
  CHECK(r.out.find("PARTIAL DOWNLOAD") == std::string::npos);
  CHECK(r.out.find("NO EXIST") == std::string::npos);
  const testing::Audited report = run_audit(cache.root());
  REQUIRE(report.models.size() == 1);
  std::set<std::string> refused;
  for (const auto& f : report.models[0].findings)
    if (f.rule_id == "scan/symlink-broken" || f.rule_id == "scan/symlink-outside-root")
      refused.insert(f.path.substr(f.path.rfind('/') + 1));
  CHECK(refused == std::set<std::string>{"NOTICE", "README.md"});
  for (const auto& file : report.models[0].files)
    CHECK((file.path.find("README") == std::string::npos || !file.read));
}

TEST_CASE("audit: one repository folder, or one snapshot, given alone", "[audit]") {
  HubCache cache;
  const std::string repo = "models--acme--alone";
  cache.blob(repo, "aaaa", sample("qwen-chat/LICENSE"));
  cache.link(repo, kRev1, "LICENSE", "aaaa");
  cache.link(repo, kRev2, "LICENSE", "aaaa");
  cache.ref(repo, "main", kRev2);
  std::vector<walk::ModelSnapshot> models;
  const auto problems = discover_problems(cache.root() / repo, &models);
  CHECK(problems.empty());
  REQUIRE(models.size() == 2);
  CHECK(models[1].layout == "hf-cache");
  CHECK(models[1].repo_id == "acme/alone");
  CHECK(models[1].revision == kRev2);
  CHECK(models[1].refs == std::vector<std::string>{"main"});
  CHECK(models[1].logical_path == "snapshots/" + kRev2);
  CHECK(models[1].allowed_root == cache.root() / repo / "blobs");

  discover_problems(cache.root() / repo / "snapshots" / kRev2, &models);
  REQUIRE(models.size() == 1);
  CHECK(models[0].layout == "hf-cache");
  CHECK(models[0].repo_id == "acme/alone");
  CHECK(models[0].revision == kRev2);
  CHECK(models[0].refs == std::vector<std::string>{"main"});
  CHECK(models[0].logical_path.empty());
}
