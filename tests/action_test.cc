// The GitHub Action (action.yml) and its scripts: the schema check by
// action-validator, the order "released .deb, else cached build, else build",
// the release download (scripts/action-install.sh, from a file:// release
// folder laid out as GitHub's), the cache key, and the job summary
// (scripts/action-summary.sh) on real JSON reports.
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.h"

using namespace oblige::testing;
using nlohmann::json;

namespace {

bool required() { return std::getenv("CI") || std::getenv("OBLIGE_REQUIRE_SARIF_VALIDATOR"); }

// True when every command is installed; else fails under CI, skips elsewhere.
bool have(const std::string& commands) {
  if (run_shell("for c in " + commands + "; do command -v $c >/dev/null || exit 1; done")
          .exit_code == 0)
    return true;
  if (required()) FAIL("missing one of: " + commands + " (scripts/install-deps.sh installs them)");
  WARN("missing one of: " + commands + "; skipping");
  return false;
}

std::string validator() {
  const char* tool = std::getenv("OBLIGE_ACTION_VALIDATOR");
  if (tool && *tool && fs::exists(tool)) return tool;
  const std::string local =
      source_dir() + "/.tools/action-validator/node_modules/.bin/action-validator";
  return fs::exists(local) ? local : "";
}

const YAML::Node& steps() {
  static const YAML::Node steps = YAML::LoadFile(source_dir() + "/action.yml")["runs"]["steps"];
  return steps;
}

// The index of the first step whose `key` (id, uses, name) is `value`.
std::size_t step_index(const std::string& key, const std::string& value) {
  for (std::size_t i = 0; i < steps().size(); ++i)
    if (steps()[i][key] && steps()[i][key].as<std::string>() == value) return i;
  FAIL("no step with " + key + ": " + value);
  return 0;
}

std::string field(std::size_t step, const std::string& key) {
  return steps()[step][key] ? steps()[step][key].as<std::string>() : "";
}

const std::string kScript = "'" + source_dir() + "/scripts/action-install.sh'";

}  // namespace

TEST_CASE("action.yml passes action-validator, which rejects a broken one", "[action]") {
  const std::string tool = validator();
  if (tool.empty()) {
    if (required()) FAIL("action-validator is not installed (scripts/install-action-validator.sh)");
    WARN("action-validator not installed (scripts/install-action-validator.sh); skipping");
    return;
  }
  const auto ok = run_shell("'" + tool + "' '" + source_dir() + "/action.yml'");
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);
  // The same action with one run step missing its shell: GitHub refuses it.
  std::string broken = read_file(source_dir() + "/action.yml");
  REQUIRE(RE2::Replace(&broken, R"(\n      shell: bash\n      env:\n        EXIT_CODE)",
                       "\n      env:\n        EXIT_CODE"));
  TempDir dir;  // the validator tells actions from workflows by the name
  dir.write("action.yml", broken);
  const auto bad = run_shell("'" + tool + "' '" + (dir.path() / "action.yml").string() + "'");
  CHECK(bad.exit_code != 0);
  CHECK((bad.out + bad.err).find("/shell") != std::string::npos);
}

TEST_CASE("the Action installs the released .deb first and compiles only on a cache miss",
          "[action]") {
  const std::size_t release = step_index("id", "release");
  const std::size_t restore = step_index("uses", "actions/cache/restore@v4");
  const std::size_t build = step_index("name", "Build oblige");
  const std::size_t save = step_index("uses", "actions/cache/save@v4");
  const std::size_t install = step_index("name", "Install the built oblige");
  const std::size_t scan = step_index("id", "scan");
  CHECK(release < restore);
  CHECK(restore < build);
  CHECK(build < save);
  CHECK(save < install);
  CHECK(install < scan);
  CHECK(field(release, "run").find("action-install.sh\" release") != std::string::npos);
  const std::string not_released = "steps.release.outputs.installed != 'true'";
  const std::string cache_miss = "steps.cache.outputs.cache-hit != 'true'";
  CHECK(field(restore, "if").find(not_released) != std::string::npos);
  CHECK(field(build, "if").find(not_released) != std::string::npos);
  CHECK(field(build, "if").find(cache_miss) != std::string::npos);
  CHECK(field(save, "if") == field(build, "if"));
  CHECK(field(install, "if").find(not_released) != std::string::npos);
  // Saved and restored under the same key, the hash of the action's files.
  CHECK(steps()[restore]["with"]["key"].as<std::string>() ==
        "${{ steps.release.outputs.cache-key }}");
  CHECK(steps()[save]["with"]["key"].as<std::string>() ==
        steps()[restore]["with"]["key"].as<std::string>());
  CHECK(steps()[save]["with"]["path"].as<std::string>() ==
        steps()[restore]["with"]["path"].as<std::string>());
  // The scan runs the installed oblige, and the summary reaches the job page.
  CHECK(field(scan, "run").find("\noblige scan --format sarif") != std::string::npos);
  const std::size_t summary = step_index("name", "Job summary");
  CHECK(field(summary, "if") == "${{ !cancelled() }}");
  CHECK(field(summary, "run").find(">> \"$GITHUB_STEP_SUMMARY\"") != std::string::npos);
}

TEST_CASE(
    "action-install.sh release fetches the .deb of the version asked for, or says there is none",
    "[action]") {
  if (!have("curl dpkg-deb dpkg")) return;
  const std::string arch = [] {
    auto r = run_shell("dpkg --print-architecture");
    r.out.pop_back();
    return r.out;
  }();
  TempDir site;  // laid out as github.com/OWNER/REPO/releases/download/TAG/
  const auto make_deb = [&](const std::string& version, const fs::path& where) {
    const fs::path pkg = site.path() / ("pkg-" + version);
    fs::create_directories(pkg / "DEBIAN");
    std::ofstream(pkg / "DEBIAN" / "control")
        << "Package: oblige\nVersion: " << version << "\nArchitecture: " << arch
        << "\nMaintainer: tests\nDescription: a test package\n";
    fs::create_directories(where.parent_path());
    REQUIRE(run_shell("dpkg-deb --build '" + pkg.string() + "' '" + where.string() + "' >/dev/null")
                .exit_code == 0);
  };
  const fs::path download = site.path() / "o" / "oblige" / "releases" / "download";
  make_deb("0.1.0", download / "v0.1.0" / ("oblige_0.1.0_" + arch + ".deb"));
  make_deb("0.1.0", download / "v0.3.0" / ("oblige_0.3.0_" + arch + ".deb"));  // mislabelled
  TempDir dest;
  const auto release = [&](const std::string& env) {
    return run_shell("env -u ACTION_REPOSITORY -u ACTION_REF OBLIGE_RELEASE_BASE_URL='file://" +
                     site.path().string() + "' " + env + " " + kScript + " release '" +
                     dest.path().string() + "'");
  };

  // The ref, from github.action_* or else from where the runner unpacked the action.
  const auto from_path = release("ACTION_PATH=/home/runner/work/_actions/o/oblige/v0.1.0");
  INFO(from_path.err);
  CHECK(from_path.exit_code == 0);
  CHECK(from_path.out == (dest.path() / ("oblige_0.1.0_" + arch + ".deb")).string() + "\n");
  CHECK(
      run_shell("dpkg-deb -f '" + dest.path().string() + "/oblige_0.1.0_" + arch + ".deb' Version")
          .out == "0.1.0\n");
  CHECK(release("ACTION_REPOSITORY=o/oblige ACTION_REF=0.1.0").exit_code == 1);  // no such tag
  CHECK(release("ACTION_REPOSITORY=o/oblige ACTION_REF=v0.1.0").exit_code == 0);

  const auto branch = release("ACTION_REPOSITORY=o/oblige ACTION_REF=main");
  CHECK(branch.exit_code == 1);
  CHECK(branch.err.find("main is not a version tag") != std::string::npos);
  const auto local = release("ACTION_PATH=/home/runner/work/repo/repo");  // uses: ./
  CHECK(local.exit_code == 1);
  CHECK(local.err.find("not used from a repository") != std::string::npos);
  const auto missing = release("ACTION_REPOSITORY=o/oblige ACTION_REF=v0.2.0");
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("no released package at file://") != std::string::npos);
  const auto mislabelled = release("ACTION_REPOSITORY=o/oblige ACTION_REF=v0.3.0");
  CHECK(mislabelled.exit_code == 1);
  CHECK(mislabelled.err.find("is not a package of oblige 0.3.0") != std::string::npos);
  CHECK_FALSE(fs::exists(dest.path() / ("oblige_0.3.0_" + arch + ".deb")));
}

TEST_CASE("the cache key changes with the action's files, not with build folders", "[action]") {
  TempDir action;
  action.write("CMakeLists.txt", "project(oblige)\n");
  action.write("scanner/a.cc", "int a;\n");
  const auto key = [&] {
    const auto r = run_shell(kScript + " key '" + action.path().string() + "'");
    REQUIRE(r.exit_code == 0);
    REQUIRE(RE2::FullMatch(r.out, "[0-9a-f]{32}\n"));
    return r.out;
  };
  const std::string first = key();
  CHECK(key() == first);
  action.write("build/oblige", "a binary\n");
  action.write(".git/HEAD", "ref: refs/heads/main\n");
  CHECK(key() == first);
  action.write("scanner/a.cc", "int b;\n");
  const std::string changed = key();
  CHECK(changed != first);
  action.write("scanner/sub/b.cc", "int c;\n");
  CHECK(key() != changed);
}

TEST_CASE("the job summary tables the JSON report, with every scanned name escaped", "[action]") {
  if (!have("jq")) return;
  TempDir dir;
  const std::string hostile = "evil|<img src=x onerror=alert(1)>`*[x](y)";
  REQUIRE(run_shell("mkdir -p '" + dir.path().string() + "/models' && cp -r '" + source_dir() +
                    "/samples/qwen-chat' '" + dir.path().string() + "/models/qwen' && cp -r '" +
                    source_dir() + "/samples/unknown-license' '" + dir.path().string() +
                    "/models/" + hostile + "'")
              .exit_code == 0);
  const fs::path report = dir.path() / "report.json";
  run_oblige(
      {"scan", "--format", "json", "--output", report.string(), "models/qwen", "models/" + hostile},
      dir.path().string());
  const json j = json::parse(read_file(report));
  const auto summary =
      run_shell("'" + source_dir() + "/scripts/action-summary.sh' '" + report.string() + "'");
  INFO(summary.out << summary.err);
  REQUIRE(summary.exit_code == 0);

  const auto count = [](const json& target, const std::string& level) {
    int n = 0;
    for (const json& f : target["findings"]) n += f["level"] == level;
    return std::to_string(n);
  };
  const json& qwen = j["targets"][0];
  CHECK(summary.out.find("| target | verdict | licenses | errors | warnings | notes |\n|---|") !=
        std::string::npos);
  CHECK(summary.out.find("\n| models/qwen | (no policy) | Tongyi Qianwen License Agreement "
                         "(tongyi-qianwen-2023) | " +
                         count(qwen, "error") + " | " + count(qwen, "warning") + " | " +
                         count(qwen, "note") + " |\n") != std::string::npos);
  const json& evil = j["targets"][1];
  const std::string evil_row =
      "\n| models/evil&#124;&#60;img src=x onerror=alert(1)&#62;&#96;&#42;&#91;x&#93;(y) | "
      "(no policy) | none identified | " +
      count(evil, "error") + " | " + count(evil, "warning") + " | " + count(evil, "note") + " |\n";
  CHECK(summary.out.find(evil_row) != std::string::npos);
  CHECK(summary.out.find("<img") == std::string::npos);
  CHECK(summary.out.find("2 target(s): " + std::to_string(j["summary"]["error"].get<int>()) +
                         " error(s)") != std::string::npos);

  // Under a policy, the verdict.
  REQUIRE(run_oblige({"policy", "init"}, dir.path().string()).exit_code == 0);
  run_oblige({"scan", "--format", "json", "--output", report.string(), "models/qwen"},
             dir.path().string());
  const std::string verdict = json::parse(read_file(report))["targets"][0]["verdict"];
  REQUIRE_FALSE(verdict.empty());
  const auto judged =
      run_shell("'" + source_dir() + "/scripts/action-summary.sh' '" + report.string() + "'");
  CHECK(judged.out.find("| models/qwen | " + verdict + " | ") != std::string::npos);
}
