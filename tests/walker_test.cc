#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "scanner/walk/walker.h"
#include "support.h"

using namespace oblige;
using oblige::testing::TempDir;
namespace fs = boost::filesystem;

namespace {

std::vector<std::string> candidate_paths(const walk::WalkResult& r) {
  std::vector<std::string> out;
  for (const auto& c : r.candidates) out.push_back(c.display_path);
  return out;
}

const walk::WalkProblem* problem_for(const walk::WalkResult& r, const std::string& path) {
  for (const auto& p : r.problems)
    if (p.display_path == path) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("the walk finds candidates at any depth, in sorted order", "[walk]") {
  TempDir dir;
  dir.write("b/LICENSE", "x");
  dir.write("a/deep/er/still/MODEL_LICENSE", "x");
  dir.write("README.md", "x");
  dir.write("model.safetensors", "x");
  dir.write("src/main.py", "x");
  dir.write(".git/LICENSE", "x");  // never inside .git
  const walk::WalkResult r = walk::walk(dir.path());
  CHECK(candidate_paths(r) ==
        std::vector<std::string>{"README.md", "a/deep/er/still/MODEL_LICENSE", "b/LICENSE"});
  CHECK(r.files_seen == 5);
}

TEST_CASE("symlinks: inside followed, outside/dangling/looping reported, folders not followed",
          "[walk]") {
  TempDir outside;
  outside.write("LICENSE", "outside text");
  TempDir dir;
  dir.write("real/LICENSE.txt", "inside text");
  fs::create_symlink("real/LICENSE.txt", dir.path() / "LICENSE");
  fs::create_symlink(outside.path() / "LICENSE", dir.path() / "NOTICE");
  fs::create_symlink("../" + outside.path().filename().string() + "/LICENSE", dir.path() / "COPYING");
  fs::create_symlink("missing-file", dir.path() / "LICENCE");
  fs::create_symlink("LICENSE-loop", dir.path() / "LICENSE-loop");
  fs::create_symlink(".", dir.path() / "self");          // a folder loop
  fs::create_symlink(outside.path(), dir.path() / "out");  // a folder outside

  // The link is reported at its target's path, and the target read once.
  const walk::WalkResult r = walk::walk(dir.path());
  CHECK(candidate_paths(r) == std::vector<std::string>{"real/LICENSE.txt"});
  // An audit keeps the link's own (logical) path.
  walk::WalkOptions logical;
  logical.report_link_targets = false;
  const walk::WalkResult l = walk::walk(dir.path(), logical);
  CHECK(candidate_paths(l) == std::vector<std::string>{"LICENSE", "real/LICENSE.txt"});
  CHECK(l.candidates[0].via_symlink);
  CHECK(l.candidates[0].path == dir.path() / "real/LICENSE.txt");
  REQUIRE(problem_for(r, "NOTICE"));
  CHECK(std::string(results::rule_id(problem_for(r, "NOTICE")->rule)) == "scan/symlink-outside-root");
  REQUIRE(problem_for(r, "COPYING"));
  CHECK(std::string(results::rule_id(problem_for(r, "COPYING")->rule)) == "scan/symlink-outside-root");
  REQUIRE(problem_for(r, "LICENCE"));
  CHECK(std::string(results::rule_id(problem_for(r, "LICENCE")->rule)) == "scan/symlink-broken");
  REQUIRE(problem_for(r, "LICENSE-loop"));
  CHECK(std::string(results::rule_id(problem_for(r, "LICENSE-loop")->rule)) == "scan/symlink-broken");
  REQUIRE(problem_for(r, "self"));
  CHECK(std::string(results::rule_id(problem_for(r, "self")->rule)) == "scan/symlink-to-folder");
  REQUIRE(problem_for(r, "out"));
}

TEST_CASE("FIFOs and sockets named like licenses are reported, never opened", "[walk]") {
  TempDir dir;
  REQUIRE(mkfifo((dir.path() / "LICENSE").c_str(), 0600) == 0);
  const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string sock = (dir.path() / "NOTICE").string();
  REQUIRE(sock.size() < sizeof addr.sun_path);
  std::copy(sock.begin(), sock.end(), addr.sun_path);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  dir.write("COPYING", "real");
  // The walk would hang forever if it opened the FIFO: it must not.
  const walk::WalkResult r = walk::walk(dir.path());
  close(fd);
  CHECK(candidate_paths(r) == std::vector<std::string>{"COPYING"});
  REQUIRE(problem_for(r, "LICENSE"));
  CHECK(std::string(results::rule_id(problem_for(r, "LICENSE")->rule)) == "scan/special-file");
  REQUIRE(problem_for(r, "NOTICE"));
  CHECK(std::string(results::rule_id(problem_for(r, "NOTICE")->rule)) == "scan/special-file");
}

TEST_CASE("a single file given on the command line is always a candidate", "[walk]") {
  TempDir dir;
  const fs::path file = dir.write("my-terms.txt", "x");
  const walk::WalkResult r = walk::walk(file);
  CHECK(candidate_paths(r) == std::vector<std::string>{"my-terms.txt"});
}

TEST_CASE("an unreadable folder is reported and the rest is still walked", "[walk]") {
  if (geteuid() == 0) {
    WARN("running as root: permissions do not stop root, skipping");
    return;
  }
  TempDir dir;
  dir.write("locked/LICENSE", "x");
  dir.write("LICENSE", "x");
  fs::permissions(dir.path() / "locked", fs::no_perms);
  const walk::WalkResult r = walk::walk(dir.path());
  CHECK(candidate_paths(r) == std::vector<std::string>{"LICENSE"});
  CHECK(problem_for(r, "locked"));
}

TEST_CASE("file names that are not UTF-8 are still candidates, shown escaped", "[walk]") {
  TempDir dir;
  dir.write(std::string("LICENSE\xff"), "x");
  dir.write(std::string("sub\x1b[31m/NOTICE"), "x");
  const walk::WalkResult r = walk::walk(dir.path());
  CHECK(candidate_paths(r) == std::vector<std::string>{"LICENSE%FF", "sub%1B[31m/NOTICE"});
  CHECK(fs::exists(r.candidates[0].path));
}
