// oblige's entry point: parse the command line, run the subcommand, map
// every failure to a message and exit status 2 (see cli/options.cc, kUsage).
#include <exception>
#include <iostream>

#include "oblige_version.h"
#include "scanner/cli/commands.h"
#include "scanner/cli/options.h"

int main(int argc, char** argv) {
  using namespace oblige::cli;
  const std::vector<std::string> args(argv + 1, argv + argc);
  const ParseResult parsed = parse_options(args);
  if (!parsed.ok) {
    std::cerr << "oblige: " << parsed.error << "\n";
    return 2;
  }
  const Options& options = parsed.options;
  try {
    switch (options.command) {
      case Command::kHelp: std::cout << kUsage; return 0;
      case Command::kVersion: std::cout << "oblige " << OBLIGE_VERSION << "\n"; return 0;
      case Command::kScan: return run_scan(options, std::cerr);
      case Command::kAudit: return run_audit(options, std::cerr);
      case Command::kMerge: return run_merge(options, std::cerr);
      case Command::kPolicyInit: return run_policy_init(options, std::cout, std::cerr);
      case Command::kExplain: return run_explain(options, std::cout, std::cerr);
      case Command::kSignatures: return run_signatures(options, std::cout, std::cerr);
    }
  } catch (const std::exception& e) {
    std::cerr << "oblige: internal error: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
