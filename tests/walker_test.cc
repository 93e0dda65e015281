#include "scanner/walk/walker.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "scanner/walk/model_caches.h"
#include "scanner/walk/read_candidate.h"
#include "scanner/walk/safe_open.h"
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
  fs::create_symlink("../" + outside.path().filename().string() + "/LICENSE",
                     dir.path() / "COPYING");
  fs::create_symlink("missing-file", dir.path() / "LICENCE");
  fs::create_symlink("LICENSE-loop", dir.path() / "LICENSE-loop");
  fs::create_symlink(".", dir.path() / "self");            // a folder loop
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
  CHECK(std::string(results::rule_id(problem_for(r, "NOTICE")->rule)) ==
        "scan/symlink-outside-root");
  REQUIRE(problem_for(r, "COPYING"));
  CHECK(std::string(results::rule_id(problem_for(r, "COPYING")->rule)) ==
        "scan/symlink-outside-root");
  REQUIRE(problem_for(r, "LICENCE"));
  CHECK(std::string(results::rule_id(problem_for(r, "LICENCE")->rule)) == "scan/symlink-broken");
  REQUIRE(problem_for(r, "LICENSE-loop"));
  CHECK(std::string(results::rule_id(problem_for(r, "LICENSE-loop")->rule)) ==
        "scan/symlink-broken");
  REQUIRE(problem_for(r, "self"));
  CHECK(std::string(results::rule_id(problem_for(r, "self")->rule)) == "scan/symlink-to-folder");
  // A link leaving the root is never looked at, not even stat'd: named like a
  // license it is reported (NOTICE, COPYING), otherwise it is left alone.
  CHECK_FALSE(problem_for(r, "out"));
  // The outside target is named as the link gives it, escaped.
  CHECK(problem_for(r, "COPYING")
            ->message.find("../" + outside.path().filename().string() + "/LICENSE") !=
        std::string::npos);
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
  CHECK(walk::read_candidate(r.candidates[1], 1024).text.utf8 == "x");
}

TEST_CASE("candidates are read through their folder, with no link on the way", "[walk]") {
  TempDir dir;
  dir.write("a/b/LICENSE", "inside a/b");
  dir.write("LICENSE", "top");
  const walk::WalkResult r = walk::walk(dir.path());
  REQUIRE(candidate_paths(r) == std::vector<std::string>{"LICENSE", "a/b/LICENSE"});
  CHECK(walk::read_candidate(r.candidates[1], 1024).text.utf8 == "inside a/b");
  // A folder on the way swapped for a link after the walk: refused, not followed.
  TempDir outside;
  outside.write("b/LICENSE", "secret outside text");
  fs::rename(dir.path() / "a", dir.path() / "a-moved");
  fs::create_symlink(outside.path(), dir.path() / "a");
  const text::ReadResult swapped = walk::read_candidate(r.candidates[1], 1024);
  CHECK(swapped.status == text::ReadResult::Status::kReplaced);
  CHECK(swapped.text.utf8.empty());
  // The file itself swapped for a FIFO: refused at once, never blocks.
  fs::remove(dir.path() / "LICENSE");
  REQUIRE(mkfifo((dir.path() / "LICENSE").c_str(), 0600) == 0);
  CHECK(walk::read_candidate(r.candidates[0], 1024).status ==
        text::ReadResult::Status::kSpecialFile);
}

TEST_CASE("open_beneath refuses links at every component, with openat2 and without", "[walk]") {
  TempDir dir;
  TempDir outside;
  outside.write("f", "outside");
  dir.write("real/f", "inside");
  fs::create_symlink(outside.path(), dir.path() / "out");
  fs::create_symlink("real/f", dir.path() / "link");
  const walk::UniqueFd base(::open(dir.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  REQUIRE(base.valid());
  for (const auto resolver : {walk::Resolver::kAuto, walk::Resolver::kPerComponent}) {
    const walk::UniqueFd ok(walk::open_beneath(base.get(), "real/f", O_RDONLY, resolver));
    CHECK(ok.valid());
    CHECK(walk::open_beneath(base.get(), "out/f", O_RDONLY, resolver) == -ELOOP);
    CHECK(walk::open_beneath(base.get(), "link", O_RDONLY, resolver) == -ELOOP);
    CHECK(walk::open_beneath(base.get(), "../" + dir.path().filename().string() + "/real/f",
                             O_RDONLY, resolver) < 0);
    CHECK(walk::open_beneath(base.get(), "/etc/passwd", O_RDONLY, resolver) < 0);
    CHECK(walk::open_beneath(base.get(), "real/missing", O_RDONLY, resolver) == -ENOENT);
  }
}

TEST_CASE("race: a license swapped for an outside link or a FIFO 300 times is never read",
          "[walk][race]") {
  TempDir outside;
  const std::string secret = "secret outside text " + std::string(200, 's');
  outside.write("LICENSE", secret);
  TempDir dir;
  const std::string text = "the real license text";
  dir.write("LICENSE", text);
  dir.write("spare-file", text);
  fs::create_symlink(outside.path() / "LICENSE", dir.path() / "spare-link");
  REQUIRE(mkfifo((dir.path() / "spare-fifo").c_str(), 0600) == 0);
  // A background thread swaps LICENSE between the file, the outside link and
  // the FIFO with rename(2), which is atomic, while the walk and the reads run.
  std::atomic<bool> stop{false};
  std::atomic<int> swaps{0};
  std::thread swapper([&] {
    const fs::path license = dir.path() / "LICENSE";
    const char* spares[] = {"spare-link", "spare-fifo"};
    for (int i = 0; !stop && i < 100000; ++i) {
      const fs::path spare = dir.path() / spares[i % 2];
      const fs::path kept = dir.path() / "kept";
      // LICENSE -> kept, spare -> LICENSE, then back.
      if (::rename(license.c_str(), kept.c_str()) != 0) continue;
      ::rename(spare.c_str(), license.c_str());
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      ::rename(license.c_str(), spare.c_str());
      ::rename(kept.c_str(), license.c_str());
      ++swaps;
      std::this_thread::sleep_for(std::chrono::microseconds(200));  // the real file, for a while
    }
  });
  // At least 300 runs and 300 swaps (on a busy machine the swapper may be
  // scheduled late), at most 100,000 runs.
  int read_real = 0, refused = 0, reported = 0, runs = 0;
  for (; runs < 100000 && (runs < 300 || swaps < 300); ++runs) {
    const walk::WalkResult r = walk::walk(dir.path());
    reported += problem_for(r, "LICENSE") != nullptr;
    for (const walk::Candidate& c : r.candidates) {
      const text::ReadResult read = walk::read_candidate(c, 1 << 20);
      CHECK(read.text.utf8.find("secret") == std::string::npos);
      if (read.status == text::ReadResult::Status::kOk)
        ++read_real;
      else
        ++refused;
    }
  }
  stop = true;
  swapper.join();
  INFO("runs " << runs << ", swaps " << swaps << ", real reads " << read_real
               << ", refused at read " << refused << ", link or FIFO seen by the walk "
               << reported);
  CHECK(swaps >= 300);
  CHECK(read_real > 0);
  CHECK(refused + reported > 0);  // the race did happen
}

TEST_CASE("the walk gives the same result on one thread and on several", "[walk]") {
  TempDir dir;
  // Everything under one top folder: the work is split below it.
  for (int a = 0; a < 20; ++a)
    for (int b = 0; b < 10; ++b) {
      const std::string folder = "top/a" + std::to_string(a) + "/b" + std::to_string(b);
      dir.write(folder + "/file.py", "x");
      if ((a + b) % 3 == 0) dir.write(folder + "/LICENSE", "x");
      if ((a + b) % 7 == 0) dir.write(folder + "/config.json", "{}");
      if ((a + b) % 5 == 0) fs::create_symlink("missing", dir.path() / folder / "NOTICE");
    }
  walk::WalkOptions one;
  one.threads = 1;
  walk::WalkOptions four;
  four.threads = 4;
  const walk::WalkResult a = walk::walk(dir.path(), one);
  const walk::WalkResult b = walk::walk(dir.path(), four);
  CHECK(candidate_paths(a) == candidate_paths(b));
  CHECK(candidate_paths(a).size() == 67);
  CHECK(a.model_folders == b.model_folders);
  CHECK(a.model_folders.size() == 28);
  REQUIRE(a.problems.size() == b.problems.size());
  for (std::size_t i = 0; i < a.problems.size(); ++i)
    CHECK(a.problems[i].display_path == b.problems[i].display_path);
  CHECK(a.files_seen == b.files_seen);
  CHECK(a.folders_seen == b.folders_seen);
  CHECK(a.folders_seen == 1 + 1 + 20 + 200);
}

namespace {

// A Hugging Face repository folder: blobs, and a snapshot linking into them.
struct HubRepo {
  TempDir dir;
  std::string rev = std::string(40, 'a');
  fs::path repo() const { return dir.path() / "hub" / "models--acme--tiny"; }
  fs::path snapshot() const { return repo() / "snapshots" / rev; }
  HubRepo() {
    dir.write("hub/models--acme--tiny/blobs/b1", "the license blob");
    dir.write("hub/models--acme--tiny/blobs/b2.incomplete", "partial download");
    dir.write("hub/models--acme--tiny/.no_exist/" + rev + "/NOTICE", "never there");
    dir.write("hub/models--other--x/blobs/b9", "another repository's blob");
    dir.write("hub/models--acme--tiny/refs/main", rev);
    fs::create_directories(snapshot() / "sub");
    fs::create_symlink("../../blobs/b1", snapshot() / "LICENSE");
    fs::create_symlink("../../../blobs/b1", snapshot() / "sub" / "LICENSE.txt");
    fs::create_symlink("../../blobs/b2.incomplete", snapshot() / "USE_POLICY.md");
    fs::create_symlink("../../.no_exist/" + rev + "/NOTICE", snapshot() / "NOTICE");
    fs::create_symlink("../../../models--other--x/blobs/b9", snapshot() / "COPYING");
  }
};

}  // namespace

TEST_CASE("a snapshot folder: links followed into its own blobs/ only, logical paths",
          "[walk][hf]") {
  HubRepo hub;
  const auto context = walk::snapshot_context(hub.snapshot());
  REQUIRE(context);
  CHECK(context->snapshot.repo_id == "acme/tiny");
  CHECK(context->snapshot.revision == hub.rev);
  CHECK(context->snapshot.refs == std::vector<std::string>{"main"});
  CHECK(context->snapshot.logical_path == "models--acme--tiny/snapshots/" + hub.rev);
  CHECK(context->subpath.empty());
  CHECK(context->repository == hub.repo());
  const walk::WalkResult r = walk::walk(hub.snapshot(), walk::snapshot_walk_options(*context));
  CHECK(candidate_paths(r) == std::vector<std::string>{"LICENSE", "sub/LICENSE.txt"});
  for (const auto& c : r.candidates)
    CHECK(walk::read_candidate(c, 1024).text.utf8 == "the license blob");
  // Unfinished and absent downloads are never read; another repository's
  // blobs are outside.
  REQUIRE(problem_for(r, "USE_POLICY.md"));
  CHECK(std::string(results::rule_id(problem_for(r, "USE_POLICY.md")->rule)) ==
        "scan/symlink-broken");
  REQUIRE(problem_for(r, "NOTICE"));
  CHECK(std::string(results::rule_id(problem_for(r, "NOTICE")->rule)) ==
        "scan/symlink-outside-root");
  REQUIRE(problem_for(r, "COPYING"));
  CHECK(std::string(results::rule_id(problem_for(r, "COPYING")->rule)) ==
        "scan/symlink-outside-root");
  // Without the context the links lead outside the scanned folder.
  const walk::WalkResult plain = walk::walk(hub.snapshot());
  CHECK(candidate_paths(plain).empty());

  // A file or a subfolder of the snapshot has the same context.
  const auto file = walk::snapshot_context(hub.snapshot() / "sub" / "LICENSE.txt");
  REQUIRE(file);
  CHECK(file->subpath == "sub/LICENSE.txt");
  CHECK(file->snapshot.path == hub.snapshot());
  CHECK_FALSE(walk::snapshot_context(hub.repo()));
  CHECK_FALSE(walk::snapshot_context(hub.dir.path()));
}

TEST_CASE("cache roots and repository folders are recognised", "[walk][hf]") {
  HubRepo hub;
  CHECK(walk::is_hf_cache_root(hub.dir.path() / "hub"));
  CHECK_FALSE(walk::is_hf_cache_root(hub.repo()));
  CHECK_FALSE(walk::is_hf_cache_root(hub.snapshot()));
  CHECK(walk::is_hf_repository(hub.repo()));
  CHECK_FALSE(
      walk::is_hf_repository(hub.dir.path() / "hub" / "models--other--x"));  // no snapshots/
  CHECK_FALSE(walk::is_hf_repository(hub.dir.path() / "hub"));
}
