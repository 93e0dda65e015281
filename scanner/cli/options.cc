#include "scanner/cli/options.h"

#include <cctype>
#include <cstdint>

#include "scanner/scan/shard.h"

namespace oblige::cli {

const char* const kUsage = R"(oblige: what the license of an AI model obliges you to do

Usage:
  oblige scan [PATH ...] [options]   scan folders or files (default: .)
  oblige audit [DIR] [options]       every model and revision in a Hugging Face cache
                                     (default: $HF_HUB_CACHE, $HF_HOME/hub,
                                     $XDG_CACHE_HOME/huggingface/hub, ~/.cache/huggingface/hub),
                                     a ModelScope cache, or a snapshot_download folder
  oblige merge FILE... [options]     one audit report from the JSON Lines (or JSON)
                                     outputs of `oblige audit --shard I/N`
  oblige explain ID                  a license's obligations and the clauses they come from
  oblige policy init [FILE]          write a commented policy file (default .oblige.yml)
  oblige signatures                  every license oblige knows, with its ids
  oblige --version | --help

Scan and audit options:
  --format text|json|sarif|cyclonedx|html|jsonl
                             output format (default: text); cyclonedx: a CycloneDX
                             1.6 ML-BOM; html: one self-contained page; jsonl: one
                             line per target or model as it is done, then a summary
  --output FILE              write the report to FILE instead of standard output
  --fail-on LEVEL            exit 1 when a finding at or above LEVEL is found:
                             none, note, warning or error (default: error)
  --max-file-size SIZE       skip license files larger than SIZE (bytes, or with
                             K, M or G; default: 4M)
  --signatures DIR           also load the signature files (*.yaml) in DIR
  --no-builtin-signatures    load only the --signatures folders (for signature authors)
  --category NAME            SARIF automationDetails.id (one per upload in GitHub)
  --color auto|always|never  colour in the text report (default: auto)
  --threads N                files read in parallel (default: one per core)
  --quiet                    print nothing on standard output; use the exit status
  --sarif-notes              SARIF: also the informational notes (by default only
                             errors, warnings and policy verdicts become results)
  --width N                  audit table width (default: the terminal's, else 120)
  --policy FILE              judge the findings against this policy (default: the
                             nearest .oblige.yml from the working folder upwards,
                             owned by you or root and writable by no one else);
                             with a policy, violations are errors
  --no-policy                ignore any .oblige.yml
  --shard I/N                audit only: the I-th of N parts of the cache's models
                             (split by a stable hash of the repository id; run all
                             N and combine them with oblige merge)

Git (scan only; PATH is any folder in the repository):
  --staged                   scan what is about to be committed (the index,
                             GIT_INDEX_FILE in hooks), not the working tree
  --rev REV                  scan a commit, tag or branch without a checkout
                             (bare repositories too)
  --changed-only             with --staged: report findings only in the files
                             the commit adds or changes (licenses are still
                             identified from the whole tree)

Exit status:
  0  nothing at or above --fail-on was found
  1  something at or above --fail-on was found
  2  usage error, or the scan could not run (path missing, output not writable,
     bad signature file)
)";

namespace {

bool parse_size(const std::string& text, std::uintmax_t* out) {
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  std::size_t used = 0;
  unsigned long long value;
  try {
    value = std::stoull(text, &used);
  } catch (...) {
    return false;
  }
  const std::string suffix = text.substr(used);
  unsigned long long scale = 1;
  if (suffix.empty() || suffix == "B")
    scale = 1;
  else if (suffix == "K" || suffix == "k" || suffix == "KiB")
    scale = 1ULL << 10;
  else if (suffix == "M" || suffix == "m" || suffix == "MiB")
    scale = 1ULL << 20;
  else if (suffix == "G" || suffix == "g" || suffix == "GiB")
    scale = 1ULL << 30;
  else
    return false;
  if (value > UINTMAX_MAX / scale) return false;
  *out = value * scale;
  return true;
}

constexpr const char* kFormats = "text, json, sarif, cyclonedx, html or jsonl";

ParseResult fail(std::string message) {
  ParseResult r;
  r.ok = false;
  r.error = std::move(message);
  return r;
}

}  // namespace

ParseResult parse_options(const std::vector<std::string>& args) {
  ParseResult result;
  Options& o = result.options;
  scan::Shard shard;
  std::size_t i = 0;
  if (args.empty()) return result;  // help
  const std::string& first = args[0];
  if (first == "--help" || first == "-h" || first == "help") return result;
  if (first == "--version" || first == "-V") {
    o.command = Command::kVersion;
    return result;
  }
  if (first == "scan")
    o.command = Command::kScan;
  else if (first == "audit")
    o.command = Command::kAudit;
  else if (first == "merge")
    o.command = Command::kMerge;
  else if (first == "explain")
    o.command = Command::kExplain;
  else if (first == "signatures")
    o.command = Command::kSignatures;
  else if (first == "policy") {
    if (args.size() < 2 || args[1] != "init")
      return fail("policy needs a subcommand: oblige policy init [FILE]");
    o.command = Command::kPolicyInit;
    ++i;
  } else
    return fail("unknown command '" + first + "' (try: oblige --help)");
  ++i;

  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string name = a, value;
    bool has_inline_value = false;
    if (a.rfind("--", 0) == 0) {
      if (const std::size_t eq = a.find('='); eq != std::string::npos) {
        name = a.substr(0, eq);
        value = a.substr(eq + 1);
        has_inline_value = true;
      }
    }
    const auto take = [&](std::string* out) -> bool {
      if (has_inline_value) {
        *out = value;
        return true;
      }
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    std::string v;
    if (name == "--help" || name == "-h") {
      o.command = Command::kHelp;
      return result;
    } else if (name == "--version") {
      o.command = Command::kVersion;
      return result;
    } else if (name == "--quiet" || name == "-q") {
      o.quiet = true;
    } else if (name == "--format" || name == "-f") {
      if (!take(&v)) return fail("--format needs a value: " + std::string(kFormats));
      if (v == "text")
        o.format = Format::kText;
      else if (v == "json")
        o.format = Format::kJson;
      else if (v == "sarif")
        o.format = Format::kSarif;
      else if (v == "cyclonedx")
        o.format = Format::kCycloneDx;
      else if (v == "html")
        o.format = Format::kHtml;
      else if (v == "jsonl")
        o.format = Format::kJsonLines;
      else
        return fail("--format must be " + std::string(kFormats) + ", not '" + v + "'");
    } else if (name == "--output" || name == "-o") {
      if (!take(&o.output) || o.output.empty()) return fail("--output needs a file name");
    } else if (name == "--fail-on") {
      if (!take(&v) || !results::parse_level(v, &o.fail_on))
        return fail("--fail-on must be none, note, warning or error");
    } else if (name == "--max-file-size") {
      if (!take(&v) || !parse_size(v, &o.max_file_size) || o.max_file_size == 0)
        return fail("--max-file-size needs a size such as 1048576, 512K or 16M");
    } else if (name == "--signatures") {
      if (!take(&v) || v.empty()) return fail("--signatures needs a folder");
      o.signature_dirs.push_back(v);
    } else if (name == "--policy") {
      if (!take(&o.policy) || o.policy.empty()) return fail("--policy needs a file");
    } else if (name == "--shard") {
      if (!take(&o.shard) || !scan::parse_shard(o.shard, &shard))
        return fail("--shard needs I/N with 1 <= I <= N, such as 2/8");
    } else if (name == "--no-policy") {
      o.no_policy = true;
    } else if (name == "--force") {
      o.force = true;
    } else if (name == "--staged") {
      o.staged = true;
    } else if (name == "--rev") {
      if (!take(&o.revision) || o.revision.empty())
        return fail("--rev needs a commit, tag or branch");
    } else if (name == "--changed-only") {
      o.changed_only = true;
    } else if (name == "--sarif-notes") {
      o.sarif_notes = true;
    } else if (name == "--width") {
      if (!take(&v) || v.empty() || v.size() > 4 ||
          v.find_first_not_of("0123456789") != std::string::npos || std::stoul(v) < 60)
        return fail("--width needs a number of columns (at least 60)");
      o.width = std::stoul(v);
    } else if (name == "--no-builtin-signatures") {
      o.builtin_signatures = false;
    } else if (name == "--category") {
      if (!take(&o.category) || o.category.empty()) return fail("--category needs a name");
    } else if (name == "--color") {
      if (!take(&o.color) || (o.color != "auto" && o.color != "always" && o.color != "never"))
        return fail("--color must be auto, always or never");
    } else if (name == "--threads") {
      if (!take(&v) || v.empty() || v.size() > 3 ||
          v.find_first_not_of("0123456789") != std::string::npos)
        return fail("--threads needs a number");
      o.threads = static_cast<unsigned>(std::stoul(v));
    } else if (a == "--") {
      for (++i; i < args.size(); ++i) o.paths.push_back(args[i]);
    } else if (a.size() > 1 && a[0] == '-') {
      return fail("unknown option '" + a + "' (try: oblige --help)");
    } else {
      o.paths.push_back(a);
    }
  }
  if (o.command == Command::kScan && o.paths.empty()) o.paths.push_back(".");
  if (o.staged && !o.revision.empty()) return fail("--staged and --rev cannot be used together");
  if (o.changed_only && !o.staged) return fail("--changed-only needs --staged");
  if (o.command != Command::kScan && (o.staged || !o.revision.empty()))
    return fail("--staged and --rev are options of scan");
  if (!o.shard.empty() && o.command != Command::kAudit)
    return fail("--shard is an option of audit");
  if (o.command == Command::kMerge && o.paths.empty())
    return fail("merge needs the files to merge (the outputs of oblige audit --shard I/N)");
  if (o.command == Command::kMerge && (!o.policy.empty() || o.threads))
    return fail("merge keeps the shards' verdicts: give --policy and --threads to each audit");
  if (o.command == Command::kAudit && o.paths.size() > 1)
    return fail("audit takes one folder (a cache or a downloaded model)");
  if (o.command == Command::kPolicyInit && o.paths.size() > 1)
    return fail("policy init takes at most one file name");
  if (o.command == Command::kExplain && o.paths.size() != 1)
    return fail("explain needs exactly one license id (see: oblige signatures)");
  return result;
}

}  // namespace oblige::cli
