// The man page (packaging/oblige.1.in) and the shell completions
// (packaging/completions/) describe what `oblige --help` lists: every command,
// every option and every --format value; and nothing the parser refuses.
// How the completions behave in each shell: tests/completion/.
#include <re2/re2.h>

#include <catch2/catch.hpp>
#include <set>

#include "support.h"

using namespace oblige::testing;

namespace {

std::set<std::string> all_matches(const std::string& text, const RE2& pattern) {
  std::set<std::string> found;
  re2::StringPiece rest(text);
  std::string match;
  while (RE2::FindAndConsume(&rest, pattern, &match)) found.insert(match);
  return found;
}

std::string help_text() {
  const auto help = run_oblige({"--help"});
  REQUIRE(help.exit_code == 0);
  return help.out;
}

std::set<std::string> help_options() {
  static const RE2 kOption(R"((--[a-z][a-z-]*))");
  return all_matches(help_text(), kOption);
}

// "  oblige scan [PATH ...]" -> "scan"; "oblige policy init" -> "policy init".
std::set<std::string> help_commands() {
  static const RE2 kCommand(R"(\n  oblige ([a-z]+(?: init)?))");
  return all_matches(help_text(), kCommand);
}

std::set<std::string> help_formats() {
  std::string formats;
  REQUIRE(RE2::PartialMatch(help_text(), R"(--format ([a-z|]+))", &formats));
  std::set<std::string> out;
  for (std::size_t at = 0; at <= formats.size();) {
    const std::size_t bar = std::min(formats.find('|', at), formats.size());
    out.insert(formats.substr(at, bar - at));
    at = bar + 1;
  }
  return out;
}

// The man page as words: roff's \- is a hyphen, font changes go.
std::string man_page_text() {
  std::string text = read_file(source_dir() + "/packaging/oblige.1.in");
  RE2::GlobalReplace(&text, R"(\\-)", "-");
  RE2::GlobalReplace(&text, R"(\\f[BIRP])", "");
  return text;
}

// `word` occurs in `text` as a whole word (--policy is not in --no-policy).
bool has_word(const std::string& text, const std::string& word) {
  return RE2::PartialMatch(text, "(?:^|[^a-z-])" + RE2::QuoteMeta(word) + "(?:$|[^a-z-])");
}

}  // namespace

// (A test name that starts with "--" is read by Catch as an option: this one
// was named "--help lists ..." and ctest ran Catch's own --help instead.)
TEST_CASE("oblige --help lists the commands, options and formats these tests compare", "[docs]") {
  // So the checks below cannot pass by comparing empty lists.
  CHECK(help_options().count("--fail-on"));
  CHECK(help_options().count("--changed-only"));
  CHECK(help_commands() ==
        std::set<std::string>{"scan", "audit", "merge", "explain", "policy init", "signatures"});
  CHECK(help_formats().count("sarif"));
}

TEST_CASE("the man page describes every command, option and format of --help", "[docs]") {
  const std::string man = man_page_text();
  for (const std::string& option : help_options()) {
    INFO(option);
    CHECK(has_word(man, option));
  }
  for (const std::string& command : help_commands()) {
    INFO(command);
    CHECK(has_word(man, command));
  }
  for (const std::string& format : help_formats()) {
    INFO(format);
    const bool listed =
        man.find(format + "|") != std::string::npos || man.find("|" + format) != std::string::npos;
    CHECK(listed);
  }
}

TEST_CASE("every option the man page names is one oblige accepts", "[docs]") {
  static const RE2 kOption(R"((--[a-z][a-z-]*))");
  const std::set<std::string> help = help_options();
  for (const std::string& option : all_matches(man_page_text(), kOption)) {
    if (help.count(option)) continue;
    // Only in the man page (--force): the parser must know it.
    const auto r = run_oblige({"policy", "init", option, "/nonexistent-folder/x.yml"});
    INFO(option << ": " << r.err);
    CHECK(r.err.find("unknown option") == std::string::npos);
  }
}

TEST_CASE("the bash, zsh and fish completions know every command, option and format", "[docs]") {
  for (const char* file : {"oblige.bash", "_oblige", "oblige.fish"}) {
    const std::string script = read_file(source_dir() + "/packaging/completions/" + file);
    INFO(file);
    for (const std::string& option : help_options()) {
      // fish declares long options without their dashes (-l format).
      const std::string name = std::string(file) == "oblige.fish" ? option.substr(2) : option;
      INFO(option);
      CHECK(has_word(script, name));
    }
    for (const std::string& command : help_commands()) {
      INFO(command);  // "policy init": both words
      CHECK(has_word(script, command.substr(0, command.find(' '))));
      CHECK(has_word(script, command.substr(command.rfind(' ') + 1)));
    }
    for (const std::string& format : help_formats()) {
      INFO(format);
      CHECK(has_word(script, format));
    }
  }
}

TEST_CASE("the man page renders without a roff warning", "[docs]") {
  if (run_shell("command -v groff").exit_code != 0) {
    if (std::getenv("CI"))
      FAIL("groff is not installed (scripts/install-deps.sh installs groff-base)");
    WARN("groff is not installed; skipping");
    return;
  }
  const auto r = run_shell("groff -man -ww -z '" + source_dir() + "/packaging/oblige.1.in'");
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}
