// Command-line options: parsed into a plain struct, with a clear message for
// every mistake. Parsing never exits; main() decides what to do.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reporters/sink.h"
#include "scanner/results/level.h"

namespace oblige::cli {

enum class Command { kScan, kAudit, kMerge, kExplain, kSignatures, kPolicyInit, kHelp, kVersion };
using reporters::Format;

struct Options {
  Command command = Command::kHelp;
  std::vector<std::string> paths;  // scan: paths; explain: the id; merge: the files
  Format format = Format::kText;
  std::string output;  // empty: standard output
  results::Level fail_on = results::Level::kError;
  std::uintmax_t max_file_size = 4 * 1024 * 1024;  // scan.h says why
  bool quiet = false;
  std::vector<std::string> signature_dirs;
  bool builtin_signatures = true;  // false: only --signatures folders
  std::string category;
  std::string color = "auto";  // auto | always | never
  unsigned threads = 0;
  bool staged = false;        // scan the git index, not the working tree
  std::string revision;       // scan a commit, tag or branch
  bool changed_only = false;  // with --staged: findings in changed files only
  std::string policy;         // --policy FILE; empty: .oblige.yml found upwards
  bool no_policy = false;     // --no-policy: ignore any .oblige.yml
  bool force = false;         // policy init: overwrite
  bool sarif_notes = false;   // SARIF: informational notes too
  std::size_t width = 0;      // audit table width; 0: the terminal's, else 120
  std::string shard;          // audit --shard I/N; empty: the whole cache
};

struct ParseResult {
  bool ok = true;
  std::string error;
  Options options;
};

ParseResult parse_options(const std::vector<std::string>& args);

extern const char* const kUsage;

}  // namespace oblige::cli
