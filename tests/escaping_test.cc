// Bytes from the scanned tree never reach an output raw (issue 11, item 8).
// A model card whose license, license_name, license_link and base_model
// carry ESC sequences (OSC 52 writes the clipboard), BEL, CR/LF followed by a
// GitHub workflow command, a right-to-left override and invalid UTF-8, in a
// folder whose name (the model's name) and whose license file's name carry
// the same, is scanned and audited (as a Hugging Face cache whose model id and
// ref carry them too) in every format. No control byte, bidi control or
// invalid UTF-8 may appear in the text report or the audit table, JSON must
// parse and hold no such character even once decoded, SARIF must be SARIF —
// and what is shown must still name the item, escaped.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "support.h"

using namespace oblige::testing;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

// ESC [ 2 J clears the screen; OSC 52 sets the clipboard, ended by BEL; CR LF
// then a line the GitHub Actions log would run; U+202E; two invalid bytes.
const std::string kHostile =
    "\x1b[2J\x1b]52;c;cm0gLXJmIH4=\a\r\n::error file=x::owned\xe2\x80\xae"
    "txt.exe\xff\xc3(";

// The same as YAML double-quoted escapes (a YAML file may not hold raw C0
// controls), the invalid bytes raw: yaml-cpp passes them through.
const std::string kHostileYaml =
    "\\e[2J\\e]52;c;cm0gLXJmIH4=\\a\\r\\n::error file=x::owned\\u202Etxt.exe\xff\xc3(";

std::string card() {
  return "---\n"
         "license: \"other" +
         kHostileYaml +
         "\"\n"
         "license_name: \"name" +
         kHostileYaml +
         "\"\n"
         "license_link: \"LICENSE" +
         kHostileYaml +
         "\"\n"
         "base_model:\n"
         "- meta-llama/Llama-3.1-8B-Instruct\n"
         "- \"org/base" +
         kHostileYaml +
         "\"\n"
         "---\n"
         "# A fine-tune\n";
}

// The code point of the UTF-8 sequence at `*i` (advanced past it), or
// nothing when the bytes there are not valid UTF-8.
std::optional<char32_t> next_code_point(const std::string& s, std::size_t* i) {
  const auto c = static_cast<unsigned char>(s[*i]);
  const std::size_t n = c < 0x80                ? 0
                        : c >= 0xc2 && c < 0xe0 ? 1
                        : c >= 0xe0 && c < 0xf0 ? 2
                        : c >= 0xf0 && c < 0xf5 ? 3
                                                : 9;
  if (n == 9 || *i + n >= s.size()) return std::nullopt;
  char32_t cp = n == 0 ? c : c & (0x3f >> n);
  for (std::size_t k = 1; k <= n; ++k) {
    const auto t = static_cast<unsigned char>(s[*i + k]);
    if ((t & 0xc0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (t & 0x3f);
  }
  const char32_t least[] = {0, 0x80, 0x800, 0x10000};
  if (cp < least[n] || (cp >= 0xd800 && cp < 0xe000) || cp > 0x10ffff) return std::nullopt;
  *i += n + 1;
  return cp;
}

// Why `out` is unsafe to print, or "" when it is safe: a C0 control other
// than LF and TAB, DEL, a C1 control, a bidi control, invalid UTF-8, or a
// line that starts a GitHub workflow command.
std::string unsafe_bytes(const std::string& out) {
  for (std::size_t i = 0; i < out.size();) {
    const std::string at =
        " at byte " + std::to_string(i) + ": ..." + out.substr(i < 40 ? 0 : i - 40, 60) + "...";
    const std::optional<char32_t> cp = next_code_point(out, &i);
    if (!cp) return "invalid UTF-8" + at;
    if ((*cp < 0x20 && *cp != '\n' && *cp != '\t') || (*cp >= 0x7f && *cp < 0xa0))
      return "control character" + at;
    if ((*cp >= 0x202a && *cp <= 0x202e) || (*cp >= 0x2066 && *cp <= 0x2069))
      return "bidi control" + at;
  }
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line.compare(start, 2, "::") == 0)
      return "a line that starts a workflow command: " + line;
  }
  return "";
}

// Every string in `j`, keys too.
void strings_of(const json& j, std::vector<std::string>* out) {
  if (j.is_string()) {
    out->push_back(j.get<std::string>());
  } else if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      out->push_back(key);
      strings_of(value, out);
    }
  } else if (j.is_array()) {
    for (const json& v : j) strings_of(v, out);
  }
}

std::string unsafe_json_strings(const json& j) {
  std::vector<std::string> strings;
  strings_of(j, &strings);
  for (const std::string& s : strings) {
    // A consumer prints them decoded: the same rules, so a newline from the
    // tree may not start a line there either (our own help text has some).
    const std::string why = unsafe_bytes(s);
    if (!why.empty()) return why;
  }
  return "";
}

CommandResult run(std::vector<std::string> args, const std::string& format,
                  const std::string& color) {
  args.insert(args.end(), {"--format", format, "--fail-on", "none", "--color", color});
  if (format == "sarif") args.push_back("--sarif-notes");
  if (args[0] == "audit") args.insert(args.end(), {"--width", "200"});
  return run_oblige(args);
}

// The output of oblige with `args` in `format`, checked for unsafe bytes.
std::string checked_output(const std::vector<std::string>& args, const std::string& format) {
  // The text report's own colours are the only escape sequences it may
  // print: without colours nothing may be left.
  const CommandResult r = run(args, format, "never");
  INFO(format << " of " << args[0] << ": exit " << r.exit_code << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(unsafe_bytes(r.err) == "");
  CHECK(unsafe_bytes(r.out) == "");
  if (format != "text") {
    const json parsed = json::parse(r.out);  // throws, failing the test, when invalid
    CHECK(unsafe_json_strings(parsed) == "");
  }
  return r.out;
}

// A SARIF log as the 2.1.0 schema shapes it, and, when Microsoft's
// validator is installed (scripts/install-sarif-validator.sh), one it passes.
void check_sarif(const std::string& out) {
  const json log = json::parse(out);
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  for (const json& r : log["runs"][0]["results"]) {
    CHECK(r["message"]["text"].is_string());
    for (const json& loc : r["locations"]) {
      const std::string uri = loc["physicalLocation"]["artifactLocation"]["uri"];
      // A URI holds no space or control character: escaped, then encoded.
      CHECK(uri.find_first_of(" \x1b\r\n\a") == std::string::npos);
    }
  }
  const std::string tool = sarif_multitool();
  if (tool.empty()) return;
  TempDir dir;
  const std::string file = dir.write("hostile.sarif", out).string();
  CHECK(sarif_validator_errors(tool, file, "Sarif") == std::vector<std::string>{});
  CHECK(sarif_validator_errors(tool, file, "Gh") == std::vector<std::string>{});
}

// `shown` names `prefix` followed by the ESC of kHostile, escaped: as a
// display name (%1B) or as an escaped value (\x1B), and once more inside a
// JSON string (\\x1B).
bool names(const std::string& shown, const std::string& prefix) {
  for (const char* esc : {"%1B[2J", "\\x1B[2J", "\\\\x1B[2J"})
    if (shown.find(prefix + esc) != std::string::npos) return true;
  return false;
}

const std::string kFolder = "bot" + kHostile;
const std::string kLicenseFile = "LICENSE-" + kHostile;

}  // namespace

TEST_CASE("hostile bytes in card values and names never reach an output raw", "[escaping]") {
  TempDir dir;
  const fs::path model = dir.path() / kFolder;
  dir.write(kFolder + "/README.md", card());
  dir.write(kFolder + "/" + kLicenseFile, read_file(source_dir() + "/samples/qwen-chat/LICENSE"));
  const std::vector<std::string> scan = {"scan", dir.path().string()};

  const std::string text = checked_output(scan, "text");
  const std::string as_json = checked_output(scan, "json");
  const std::string sarif = checked_output(scan, "sarif");
  check_sarif(sarif);

  // Still identifiable: the license file by its escaped name, with the
  // license it holds; the card's values and the model's name, escaped.
  const json report = json::parse(as_json);
  const json& target = report["targets"][0];
  bool license_file = false, name_check = false;
  for (const json& f : target["findings"]) {
    // The sample is an abridged text: identified, or altered (issue 12).
    if (names(f.value("file", ""), "LICENSE-") &&
        (f["rule_id"] == "license/identified" || f["rule_id"] == "license/altered"))
      license_file = true;
    if (f["rule_id"] == "derivative/name-prefix") {
      name_check = true;
      CHECK(names(f["message"].get<std::string>(), "bot"));
    }
  }
  CHECK(license_file);
  CHECK(name_check);
  REQUIRE(target["declared"].size() == 1);
  const json& declared = target["declared"][0];
  CHECK(names(declared["licenses"].dump(), "other"));
  CHECK(names(declared["base_models"].dump(), "org/base"));
  CHECK(names(text, "LICENSE-"));
  CHECK(names(text, "other"));
  CHECK(names(text, "name"));
  CHECK(sarif.find("tongyi-qianwen-2023") != std::string::npos);
  CHECK(sarif.find("LICENSE-") != std::string::npos);
}

TEST_CASE("hostile bytes in a cache's model id, ref and card never reach the audit raw",
          "[escaping]") {
  HubCache cache;
  const std::string repo = "models--org--bot" + kHostile;
  const std::string rev(40, 'a');
  cache.model(repo, rev,
              {{"README.md", card()},
               {kLicenseFile, read_file(source_dir() + "/samples/qwen-chat/LICENSE")}});
  cache.ref(repo, "v1" + kHostile, rev);
  const std::vector<std::string> audit = {"audit", cache.root().string()};

  const std::string table = checked_output(audit, "text");
  const std::string as_json = checked_output(audit, "json");
  check_sarif(checked_output(audit, "sarif"));

  CHECK(names(table, "org/bot"));
  CHECK(as_json.find("tongyi-qianwen-2023") != std::string::npos);
  CHECK(names(as_json, "org/bot"));
  CHECK(names(as_json, "v1"));
}
