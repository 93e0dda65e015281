// Where users run oblige: the pre-commit framework and the GitHub Action.
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <set>

#include "support.h"

using namespace oblige::testing;

namespace {

std::set<std::string> readme_action_inputs() {
  const std::string readme = read_file(source_dir() + "/README.md");
  const std::size_t begin = readme.find("<!-- action-inputs -->");
  const std::size_t end = readme.find("<!-- /action-inputs -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  std::set<std::string> inputs;
  re2::StringPiece table(readme.data() + begin, end - begin);
  std::string name;
  static const RE2 kRow(R"(\n\| `([a-z-]+)` \|)");
  while (RE2::FindAndConsume(&table, kRow, &name)) inputs.insert(name);
  return inputs;
}

}  // namespace

TEST_CASE("action.yml parses and declares exactly the inputs the README documents",
          "[integrations]") {
  const YAML::Node action = YAML::LoadFile(source_dir() + "/action.yml");
  CHECK(action["runs"]["using"].as<std::string>() == "composite");
  std::set<std::string> declared;
  for (const auto& kv : action["inputs"]) {
    declared.insert(kv.first.as<std::string>());
    CHECK_FALSE(kv.second["description"].as<std::string>().empty());
  }
  CHECK(declared == readme_action_inputs());
  bool uploads = false;
  for (const YAML::Node& step : action["runs"]["steps"]) {
    if (step["uses"] && step["uses"].as<std::string>() == "github/codeql-action/upload-sarif@v4") {
      uploads = true;
      CHECK(step["if"].as<std::string>().find("!cancelled()") != std::string::npos);
      CHECK(step["with"]["category"]);
    }
    // Inputs go through env:, never into the script text (injection).
    if (step["run"]) CHECK(step["run"].as<std::string>().find("${{") == std::string::npos);
  }
  CHECK(uploads);
}

TEST_CASE("the pre-commit hooks block a wrongly licensed fine-tune and pass a clean commit",
          "[integrations]") {
  if (run_shell("command -v pre-commit").exit_code != 0) {
    if (std::getenv("OBLIGE_REQUIRE_SARIF_VALIDATOR")) FAIL("pre-commit is not installed");
    WARN("pre-commit not installed (scripts/install-deps.sh installs it); skipping");
    return;
  }
  const YAML::Node hooks = YAML::LoadFile(source_dir() + "/.pre-commit-hooks.yaml");
  REQUIRE(hooks.size() == 2);
  CHECK(hooks[0]["pass_filenames"].as<bool>() == false);
  CHECK(hooks[0]["require_serial"].as<bool>());
  CHECK(hooks[0]["always_run"].as<bool>());

  TempDir home;
  TempDir repo;
  const std::string bin_dir = boost::filesystem::path(oblige_binary()).parent_path().string();
  const auto in_repo = [&](const std::string& command) {
    return run_shell("cd '" + repo.path().string() + "' && export PATH='" + bin_dir +
                     "':\"$PATH\" " + "PRE_COMMIT_HOME='" + home.path().string() + "' && " +
                     command + " 2>&1");
  };
  REQUIRE(in_repo("git init -q -b main . && git config user.email t@example.com && "
                  "git config user.name t && git config commit.gpgsign false")
              .exit_code == 0);
  // A fine-tune of Llama 3.1 declared as Apache-2.0.
  repo.write(
      "support-bot/README.md",
      "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# bot\n");
  REQUIRE(in_repo("git add .").exit_code == 0);
  const auto blocked = in_repo("pre-commit try-repo '" + source_dir() + "' oblige --verbose");
  INFO(blocked.out);
  CHECK(blocked.exit_code == 1);
  CHECK(blocked.out.find("contradicts") != std::string::npos);
  CHECK(blocked.out.find("Failed") != std::string::npos);

  // Fixed: the license the base demands.
  repo.write("support-bot/README.md",
             "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# bot\n"
             "Built with Llama. Fine-tuned on support tickets.\n");
  REQUIRE(in_repo("git add .").exit_code == 0);
  const auto passed = in_repo("pre-commit try-repo '" + source_dir() + "' oblige --verbose");
  INFO(passed.out);
  CHECK(passed.exit_code == 0);
  CHECK(passed.out.find("Passed") != std::string::npos);
}
