// `oblige --version`: the version, the commit it was built from
// (cmake/WriteBuildInfo.cmake, run at every build) and the number and data
// version of the compiled signatures (oblige-compile-signatures --data-version).
#include <re2/re2.h>

#include <catch2/catch.hpp>

#include "support.h"

using namespace oblige::testing;

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// What sha256sum says the data version of a signature folder is: the first 16
// hex digits of the SHA-256 of the `sha256sum` listing of its files, sorted.
std::string data_version_by_sha256sum(const std::string& dir) {
  const auto r = run_shell(
      "cd '" + dir +
      "' && printf '%s\\n' *.yaml huggingface/hub-licenses.yaml "
      "huggingface/publishers.yaml | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16");
  REQUIRE(r.exit_code == 0);
  return trimmed(r.out);
}

std::string compile_tool() {
  return (fs::path(oblige_binary()).parent_path() / "oblige-compile-signatures").string();
}

// Runs cmake/WriteBuildInfo.cmake on `source` and returns the commit it wrote.
std::string build_info_commit(const fs::path& source, const fs::path& header,
                              const std::string& commit = "") {
  const auto r =
      run_shell("cmake -DSOURCE_DIR='" + source.string() + "' -DOUTPUT='" + header.string() +
                "' -DCOMMIT='" + commit + "' -P '" + source_dir() + "/cmake/WriteBuildInfo.cmake'");
  REQUIRE(r.exit_code == 0);
  std::string value;
  REQUIRE(
      RE2::PartialMatch(read_file(header), R"re(#define OBLIGE_GIT_COMMIT "([^"]*)")re", &value));
  return value;
}

}  // namespace

TEST_CASE("oblige --version prints the version, the commit, the signature data and the modules",
          "[version]") {
  const auto v = run_oblige({"--version"});
  REQUIRE(v.exit_code == 0);
  std::string version, commit, dirty, data;
  int count = 0;
  INFO(v.out);
  REQUIRE(
      RE2::FullMatch(v.out,
                     R"(oblige ([0-9]+\.[0-9]+\.[0-9]+)\ncommit (unknown|[0-9a-f]{12})(-dirty)?\n)"
                     R"(signatures ([0-9]+) \(data version ([0-9a-f]{16})\)\n)"
                     R"(modules oblige-pdf\.so oblige-git\.so\n)",
                     &version, &commit, &dirty, &count, &data));
  CHECK(read_file(source_dir() + "/CMakeLists.txt").find("VERSION " + version + " ") !=
        std::string::npos);
  CHECK(static_cast<std::size_t>(count) == builtin_signatures().signatures.size());
  CHECK(data == data_version_by_sha256sum(source_dir() + "/signatures"));

  // The commit the build recorded (generated/oblige_build_info.h), which is a
  // commit of this checkout; the next test shows it follows HEAD.
  std::string recorded;
  REQUIRE(RE2::PartialMatch(
      read_file(fs::path(oblige_binary()).parent_path() / "generated" / "oblige_build_info.h"),
      R"re(#define OBLIGE_GIT_COMMIT "([^"]*)")re", &recorded));
  CHECK(commit + dirty == recorded);
  if (commit != "unknown")
    CHECK(
        run_shell("git -C '" + source_dir() + "' cat-file -e " + commit + "^{commit}").exit_code ==
        0);
}

TEST_CASE("the data version follows the signature files, not where they are", "[version]") {
  TempDir dir;
  const fs::path copy = dir.path() / "signatures";
  REQUIRE(run_shell("cp -r '" + source_dir() + "/signatures' '" + copy.string() + "'").exit_code ==
          0);
  const auto header_of = [&](const std::string& name) {
    const fs::path out = dir.path() / name;
    const auto r = run_shell("'" + compile_tool() + "' --data-version '" + copy.string() + "' '" +
                             out.string() + "'");
    REQUIRE(r.exit_code == 0);
    std::string data;
    int count = 0;
    const std::string header = read_file(out);
    REQUIRE(RE2::PartialMatch(header, R"(OBLIGE_SIGNATURE_COUNT ([0-9]+))", &count));
    REQUIRE(
        RE2::PartialMatch(header, R"re(OBLIGE_SIGNATURE_DATA_VERSION "([0-9a-f]{16})")re", &data));
    return std::make_pair(count, data);
  };
  const auto [count, data] = header_of("same.h");
  CHECK(data == data_version_by_sha256sum(source_dir() + "/signatures"));
  CHECK(static_cast<std::size_t>(count) == builtin_signatures().signatures.size());

  // One changed comment is new data; one file less is one signature less.
  std::ofstream(copy / "apache-2.0.yaml", std::ios::app) << "# changed\n";
  const auto [count2, data2] = header_of("changed.h");
  CHECK(count2 == count);
  CHECK(data2 != data);
  CHECK(data2 == data_version_by_sha256sum(copy.string()));
  fs::remove(copy / "apache-2.0.yaml");
  CHECK(header_of("removed.h").first == count - 1);
  // So does a Hub table.
  std::ofstream(copy / "huggingface" / "publishers.yaml", std::ios::app) << "# changed\n";
  CHECK(header_of("hub.h").second == data_version_by_sha256sum(copy.string()));
}

TEST_CASE("the build records the commit, and rewrites it only when HEAD moves", "[version]") {
  if (run_shell("command -v git && command -v cmake").exit_code != 0) {
    if (std::getenv("CI")) FAIL("git or cmake is not installed");
    WARN("git or cmake not installed; skipping");
    return;
  }
  TempDir repo;
  const fs::path header = repo.path() / "build" / "oblige_build_info.h";
  fs::create_directories(header.parent_path());
  const auto git = [&](const std::string& args) {
    const auto r = run_shell("git -C '" + repo.path().string() +
                             "' -c user.email=t@example.com -c user.name=t "
                             "-c commit.gpgsign=false " +
                             args);
    REQUIRE(r.exit_code == 0);
    return trimmed(r.out);
  };
  CHECK(build_info_commit(repo.path(), header) == "unknown");  // not a checkout yet
  git("init -q -b main .");
  repo.write(".gitignore", "build/\n");
  repo.write("CMakeLists.txt", "project(x)\n");
  git("add .");
  git("commit -q -m one");
  CHECK(build_info_commit(repo.path(), header) == git("rev-parse --short=12 HEAD"));

  // Unchanged HEAD: the header is not touched, so nothing recompiles.
  const std::time_t written = fs::last_write_time(header);
  fs::last_write_time(header, written - 100);
  build_info_commit(repo.path(), header);
  CHECK(fs::last_write_time(header) == written - 100);

  repo.write("CMakeLists.txt", "project(y)\n");
  CHECK(build_info_commit(repo.path(), header) == git("rev-parse --short=12 HEAD") + "-dirty");
  git("commit -q -am two");
  CHECK(build_info_commit(repo.path(), header) == git("rev-parse --short=12 HEAD"));
  CHECK(fs::last_write_time(header) != written - 100);

  // Sources unpacked inside some other repository are not its commit.
  repo.write("vendor/oblige/CMakeLists.txt", "project(z)\n");
  CHECK(build_info_commit(repo.path() / "vendor" / "oblige", header) == "unknown");
  // A distribution's build says which commit it packages.
  CHECK(build_info_commit(repo.path(), header, "0123456789ab") == "0123456789ab");
}
