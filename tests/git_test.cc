// Real git repositories, made with the git command line.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "scanner/scan/scan.h"
#include "scanner/walk/git_source.h"
#include "scanner/walk/read_candidate.h"
#include "support.h"

using namespace oblige::testing;
using nlohmann::json;

namespace {

const std::string kLicense = read_file(source_dir() + "/samples/qwen-chat/LICENSE");

// A throwaway repository with an identity, so commits work anywhere.
struct Repo {
  TempDir dir;
  Repo() { git("init -q -b main ."); }
  std::string path() const { return dir.path().string(); }
  CommandResult git(const std::string& args) const {
    return run_shell("cd '" + path() +
                     "' && git -c user.email=t@example.com -c user.name=t "
                     "-c commit.gpgsign=false " +
                     args);
  }
};

json scan_json(const std::vector<std::string>& args, const std::string& cwd, int expect = 0) {
  std::vector<std::string> all = {"scan", "--format", "json", "--fail-on", "none"};
  all.insert(all.end(), args.begin(), args.end());
  const auto r = run_oblige(all, cwd);
  INFO(r.err);
  REQUIRE(r.exit_code == expect);
  return json::parse(r.out);
}

std::vector<std::string> license_ids(const json& report) {
  std::vector<std::string> out;
  for (const json& l : report["targets"][0]["licenses"])
    if (l["status"] != "reference")
      out.push_back(l["id"].get<std::string>() + "@" + l["file"].get<std::string>());
  return out;
}

bool has_rule(const json& report, const std::string& rule, const std::string& file = "") {
  for (const json& f : report["targets"][0]["findings"])
    if (f["rule_id"] == rule && (file.empty() || f["file"] == file)) return true;
  return false;
}

}  // namespace

TEST_CASE("staged scans read the index, not the working tree, from any subfolder", "[git]") {
  Repo repo;
  repo.dir.write("models/qwen/LICENSE", kLicense);
  repo.dir.write("models/qwen/README.md", "# qwen\n");
  repo.git("add .");
  // The working tree now differs from what is staged.
  repo.dir.write("models/qwen/LICENSE", "nothing to see\n");
  const json staged = scan_json({"--staged"}, repo.path() + "/models");
  CHECK(license_ids(staged) == std::vector<std::string>{"tongyi-qianwen-2023@models/qwen/LICENSE"});
  const json tree = scan_json({"."}, repo.path() + "/models");
  CHECK(license_ids(tree).empty());
}

TEST_CASE("GIT_INDEX_FILE is honoured, as git sets it for hooks", "[git]") {
  Repo repo;
  repo.dir.write("README.md", "# x\n");
  repo.git("add . && git -c user.email=t@example.com -c user.name=t commit -qm init");
  repo.dir.write("LICENSE", kLicense);
  // A temporary index holding the LICENSE, as `git commit -a` would build.
  REQUIRE(run_shell("cd '" + repo.path() +
                    "' && cp .git/index .git/tmp-index && "
                    "GIT_INDEX_FILE=.git/tmp-index git add LICENSE")
              .exit_code == 0);
  const auto plain = run_oblige({"scan", "--staged", "--format", "json"}, repo.path());
  CHECK(license_ids(json::parse(plain.out)).empty());
  const auto hooked = run_shell("cd '" + repo.path() + "' && GIT_INDEX_FILE=.git/tmp-index '" +
                                oblige_binary() + "' scan --staged --format json");
  CHECK(license_ids(json::parse(hooked.out)) ==
        std::vector<std::string>{"tongyi-qianwen-2023@LICENSE"});
}

TEST_CASE("revision scans read a commit without a checkout, in a bare repository too", "[git]") {
  Repo repo;
  repo.dir.write("LICENSE", kLicense);
  repo.git("add . && git -c user.email=t@example.com -c user.name=t commit -qm one && git tag v1");
  repo.git("rm -q LICENSE && git -c user.email=t@example.com -c user.name=t commit -qm two");
  CHECK(license_ids(scan_json({"--rev", "v1"}, repo.path())) ==
        std::vector<std::string>{"tongyi-qianwen-2023@LICENSE"});
  CHECK(license_ids(scan_json({"--rev", "HEAD"}, repo.path())).empty());
  TempDir bare;
  REQUIRE(
      run_shell("git clone -q --bare '" + repo.path() + "' '" + bare.path().string() + "/b.git'")
          .exit_code == 0);
  CHECK(license_ids(scan_json({"--rev", "v1", bare.path().string() + "/b.git"}, "")) ==
        std::vector<std::string>{"tongyi-qianwen-2023@LICENSE"});
}

TEST_CASE("submodules, LFS pointers and symlinks in a commit", "[git]") {
  Repo sub;
  sub.dir.write("LICENSE", kLicense);
  sub.git("add . && git -c user.email=t@example.com -c user.name=t commit -qm sub");
  Repo repo;
  repo.dir.write("weights/LICENSE", "version https://git-lfs.github.com/spec/v1\noid sha256:" +
                                        std::string(64, 'a') + "\nsize 12345\n");
  repo.dir.write("real/LICENSE.txt", kLicense);
  boost::filesystem::create_symlink("real/LICENSE.txt", repo.dir.path() / "LICENSE");
  repo.git("add . && git -c protocol.file.allow=always submodule add -q '" + sub.path() +
           "' vendor/sub");
  repo.git("-c user.email=t@example.com -c user.name=t commit -qm init");
  const json r = scan_json({"--rev", "HEAD"}, repo.path());
  CHECK(license_ids(r) == std::vector<std::string>{"tongyi-qianwen-2023@real/LICENSE.txt"});
  CHECK(has_rule(r, "scan/lfs-pointer", "weights/LICENSE"));
  CHECK(has_rule(r, "scan/symlink-in-repository", "LICENSE"));
  for (const json& f : r["targets"][0]["files"])
    CHECK(f["path"].get<std::string>().find("vendor/sub") == std::string::npos);
}

TEST_CASE("changed-only scans report the changed files, checked against the whole tree", "[git]") {
  Repo repo;
  repo.dir.write("LICENSE", kLicense);
  repo.git("add . && git -c user.email=t@example.com -c user.name=t commit -qm init");
  // A new model card declaring the wrong license, beside the unchanged LICENSE.
  repo.dir.write("README.md", "---\nlicense: mit\n---\n# model\n");
  repo.git("add README.md");
  const json r = scan_json({"--staged", "--changed-only"}, repo.path());
  CHECK(has_rule(r, "model-card/license-mismatch", "README.md"));
  for (const json& f : r["targets"][0]["findings"]) CHECK(f["file"] == "README.md");
  const auto gate = run_oblige({"scan", "--staged", "--changed-only", "--quiet"}, repo.path());
  CHECK(gate.exit_code == 1);
}

TEST_CASE("git errors exit 2 with a clear message", "[git]") {
  TempDir plain;
  const auto not_repo = run_oblige({"scan", "--staged", plain.path().string()});
  CHECK(not_repo.exit_code == 2);
  CHECK(not_repo.err.find("not in a git repository") != std::string::npos);

  Repo repo;
  repo.dir.write("LICENSE", kLicense);
  repo.git("add . && git -c user.email=t@example.com -c user.name=t commit -qm init");
  const auto bad_rev = run_oblige({"scan", "--rev", "no-such-branch"}, repo.path());
  CHECK(bad_rev.exit_code == 2);
  CHECK(bad_rev.err.find("'no-such-branch' does not exist") != std::string::npos);

  // Corrupt it: remove every object.
  REQUIRE(
      run_shell("cd '" + repo.path() + "' && rm -rf .git/objects/?? .git/objects/pack").exit_code ==
      0);
  const auto corrupt = run_oblige({"scan", "--rev", "HEAD"}, repo.path());
  CHECK(corrupt.exit_code == 2);
  CHECK_FALSE(corrupt.err.empty());
  CHECK(run_oblige({"scan", "--staged", "--rev", "HEAD"}).exit_code == 2);
}

TEST_CASE("a repository owned by another user gets the safe.directory advice", "[git]") {
  Repo repo;
  if (geteuid() != 0) {
    WARN("not root: cannot give the repository to another user; skipping");
    return;
  }
  REQUIRE(run_shell("chown -R 65534:65534 '" + repo.path() + "'").exit_code == 0);
  const auto r = run_shell("cd / && HOME=/nonexistent '" + oblige_binary() + "' scan --staged '" +
                           repo.path() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("safe.directory") != std::string::npos);
  REQUIRE(run_shell("chown -R 0:0 '" + repo.path() + "'").exit_code == 0);
}

namespace {

std::vector<std::string> file_paths(const json& report) {
  std::vector<std::string> out;
  for (const json& f : report["targets"][0]["files"]) out.push_back(f["path"]);
  return out;
}

// Peak resident memory of a command that must succeed, in KB (GNU time).
long peak_kb(const std::string& command_line) {
  const auto r =
      run_shell("/usr/bin/time -f '%x %M' " + command_line + " 2>&1 >/dev/null | tail -1");
  INFO(r.out);
  CHECK(r.out.rfind("0 ", 0) == 0);
  return std::atol(r.out.c_str() + 2);
}

}  // namespace

TEST_CASE("a name that is not UTF-8 is a candidate in --rev and --staged as in a folder scan",
          "[git]") {
  Repo repo;
  const std::string name =
      "LICENSE-FRAN\xC7"
      "AIS";
  repo.dir.write(name, kLicense);
  repo.git("add . && git -c user.email=t@example.com -c user.name=t commit -qm init");
  const std::vector<std::string> expected = {"LICENSE-FRAN%C7AIS"};
  CHECK(file_paths(scan_json({"."}, repo.path())) == expected);
  CHECK(file_paths(scan_json({"--rev", "HEAD"}, repo.path())) == expected);
  CHECK(file_paths(scan_json({"--staged"}, repo.path())) == expected);
  CHECK(license_ids(scan_json({"--rev", "HEAD"}, repo.path())) ==
        std::vector<std::string>{"tongyi-qianwen-2023@LICENSE-FRAN%C7AIS"});
}

TEST_CASE("the folder walk, --rev and --staged select the same candidates", "[git]") {
  Repo repo;
  repo.dir.write("config.json", "{}");
  repo.dir.write("README.md", "# model\n");
  repo.dir.write("node_modules/dep/LICENSE", kLicense);
  repo.dir.write("tools/.cache/LICENSE", kLicense);
  repo.dir.write("sub/model_index.json", "{}");
  repo.dir.write("sub/NOTICE", "notice");
  repo.git("add -f . && git -c user.email=t@example.com -c user.name=t commit -qm init");
  const json folder = scan_json({"."}, repo.path());
  const json rev = scan_json({"--rev", "HEAD"}, repo.path());
  const json staged = scan_json({"--staged"}, repo.path());
  CHECK(file_paths(folder) == std::vector<std::string>{"README.md", "sub/NOTICE"});
  CHECK(file_paths(rev) == file_paths(folder));
  CHECK(file_paths(staged) == file_paths(folder));
  CHECK(license_ids(rev).empty());
  CHECK(license_ids(staged).empty());
}

TEST_CASE("git blobs: sizes read from headers, a blob over the limit never inflated",
          "[git][memory]") {
  if (run_shell("test -x /usr/bin/time").exit_code != 0) {
    WARN("/usr/bin/time missing: skipped");
    return;
  }
  Repo repo;
  // 100 entries naming one 15 MB blob, and a 200 MB blob of zeros: a tree of
  // a few hundred KB. Inflating per entry took 1.67 GB.
  REQUIRE(
      run_shell(
          "cd '" + repo.path() +
          "' && python3 -c \"import sys; sys.stdout.write('Permission is granted. ' * 680000)\" > "
          "big.txt && "
          "head -c 200000000 /dev/zero > zeros && "
          "b=$(git hash-object -w big.txt) && z=$(git hash-object -w zeros) && rm big.txt zeros && "
          "for i in $(seq 1 100); do printf '100644 blob %s\\tLICENSE-%03d\\n' $b $i; done > "
          "entries && "
          "printf '100644 blob %s\\tNOTICE\\n' $z >> entries && "
          "t=$(git mktree < entries) && c=$(echo big | git -c user.email=t@example.com -c "
          "user.name=t commit-tree $t) && "
          "git update-ref refs/heads/main $c && git read-tree main")
          .exit_code == 0);
  const std::string scan = "'" + oblige_binary() + "' scan --format json --fail-on none ";
  // Over the limit: nothing inflated at all.
  const long small_limit =
      peak_kb("sh -c \"cd '" + repo.path() + "' && " + scan + "--rev HEAD --max-file-size 1M\"");
  CHECK(small_limit > 0);
  CHECK(small_limit < 80 * 1024);
  const auto r = run_shell("cd '" + repo.path() + "' && " + scan + "--staged --max-file-size 1M");
  const json report = json::parse(r.out);
  CHECK(file_paths(report).size() == 101);
  int too_large = 0;
  for (const json& f : report["targets"][0]["findings"])
    too_large += f["rule_id"] == "scan/too-large";
  CHECK(too_large == 101);
  // The default limit (4 MB): the 200 MB blob is still never inflated.
  const long one_entry = peak_kb(
      "sh -c \"cd '" + repo.path() +
      "' && git read-tree --empty && "
      "git update-index --add --cacheinfo 100644,\\$(git rev-parse HEAD:NOTICE),NOTICE && " +
      scan + "--staged\"");
  CHECK(one_entry > 0);
  CHECK(one_entry < 80 * 1024);
}

TEST_CASE("git blobs: inflated when read, once for every entry naming them", "[git]") {
  Repo repo;
  repo.dir.write("a/LICENSE", kLicense);
  repo.dir.write("b/LICENSE", kLicense);
  repo.dir.write("c/LICENSE", kLicense);
  repo.dir.write("d/LICENSE", "short");
  repo.git("add . && git -c user.email=t@example.com -c user.name=t commit -qm init");
  oblige::walk::GitSourceOptions options;
  options.revision = "HEAD";
  const oblige::walk::GitSource source = oblige::walk::read_git_source(repo.path(), options);
  REQUIRE(source.ok);
  REQUIRE(source.walk.candidates.size() == 4);
  std::vector<std::shared_ptr<const std::string>> bytes;
  for (const auto& c : source.walk.candidates) {
    INFO(c.display_path);
    if (c.display_path == "d/LICENSE") {
      CHECK(c.content);  // small: read at once, to tell LFS pointers
      continue;
    }
    CHECK(c.size == kLicense.size());
    REQUIRE(c.lazy);
    std::string error;
    bytes.push_back(c.lazy->bytes(&error));
    REQUIRE(bytes.back());
  }
  // One copy for the three entries.
  CHECK(*bytes[0] == kLicense);
  CHECK(bytes[0] == bytes[1]);
  CHECK(bytes[1] == bytes[2]);
  CHECK(oblige::walk::read_candidate(source.walk.candidates[0], 1 << 20).text.utf8 == kLicense);
  CHECK(oblige::walk::read_candidate(source.walk.candidates[0], 100).status ==
        oblige::text::ReadResult::Status::kTooLarge);
}

TEST_CASE("git blobs: a blob that many entries name is scanned once, reported at every path",
          "[git]") {
  Repo repo;
  repo.dir.write("a/LICENSE", kLicense);
  repo.dir.write("b/LICENSE", kLicense);
  repo.dir.write("c/NOTICE", kLicense);  // the same bytes, read as another role
  repo.dir.write("d/LICENSE", kLicense + "\n");
  repo.git("add . && git -c user.email=t@example.com -c user.name=t commit -qm init");
  oblige::walk::GitSourceOptions options;
  options.revision = "HEAD";
  const oblige::walk::GitSource source = oblige::walk::read_git_source(repo.path(), options);
  REQUIRE(source.ok);
  REQUIRE(source.walk.candidates.size() == 4);
  CHECK(oblige::scan::first_with_same_bytes(source.walk.candidates) ==
        std::vector<std::size_t>{0, 0, 2, 3});

  // 100 tree entries naming one blob: 100 files in the report, each with the
  // evidence of the one scan (the issue's 15 MB case cost 850 s of CPU).
  REQUIRE(run_shell("cd '" + repo.path() +
                    "' && b=$(git rev-parse HEAD:a/LICENSE) && "
                    "for i in $(seq 1 100); do printf '100644 blob %s\\tLICENSE-%03d\\n' $b $i; "
                    "done > entries && t=$(git mktree < entries) && "
                    "c=$(echo many | git -c user.email=t@example.com -c user.name=t commit-tree "
                    "$t) && git update-ref refs/heads/many $c")
              .exit_code == 0);
  const json report = scan_json({"--rev", "many"}, repo.path());
  std::vector<std::string> ids = license_ids(report);
  REQUIRE(ids.size() == 100);
  CHECK(ids.front() == "tongyi-qianwen-2023@LICENSE-001");
  CHECK(ids.back() == "tongyi-qianwen-2023@LICENSE-100");
  std::map<std::string, std::size_t> findings_per_file;
  for (const json& f : report["targets"][0]["findings"])
    ++findings_per_file[f["file"].get<std::string>()];
  REQUIRE(findings_per_file.size() == 100);
  for (const auto& [file, n] : findings_per_file) {
    INFO(file);
    CHECK(n == findings_per_file.begin()->second);
  }
}

TEST_CASE("snapshot links to one blob are scanned once, each logical path reported", "[walk]") {
  HubCache cache;
  const std::string repo = "models--acme--twice";
  const std::string blob = "0123456789abcdef0123456789abcdef01234567";
  cache.blob(repo, blob, kLicense);
  for (const std::string& rev : {std::string(40, '1'), std::string(40, '2')})
    cache.link(repo, rev, "LICENSE", blob);
  cache.ref(repo, "main", std::string(40, '2'));
  oblige::walk::WalkOptions options;
  options.report_link_targets = false;  // as for a cache root: logical paths
  const oblige::walk::WalkResult walked = oblige::walk::walk(cache.root(), options);
  REQUIRE(walked.candidates.size() == 2);
  CHECK(walked.candidates[0].path == walked.candidates[1].path);
  CHECK(oblige::scan::first_with_same_bytes(walked.candidates) == std::vector<std::size_t>{0, 0});
  const json report = scan_json({cache.root().string()}, cache.root().string());
  const std::string snapshots = repo + "/snapshots/";
  CHECK(license_ids(report) ==
        std::vector<std::string>{
            "tongyi-qianwen-2023@" + snapshots + std::string(40, '1') + "/LICENSE",
            "tongyi-qianwen-2023@" + snapshots + std::string(40, '2') + "/LICENSE"});
}
