// oblige's entry point: parse the command line, run the subcommand, map
// every failure to a message and exit status 2 (see cli/options.cc, kUsage).
#include <unistd.h>

#include <exception>
#include <iostream>
#include <mutex>
#include <new>

#include "oblige_build_info.h"
#include "oblige_signature_data.h"
#include "oblige_version.h"
#include "scanner/cli/commands.h"
#include "scanner/cli/options.h"
#include "scanner/text/module_loader.h"
#include "scanner/text/pdf_pages.h"
#include "scanner/walk/git_reader.h"

namespace {

// glibc loads libgcc_s's unwinder the first time an exception crosses one of
// its own frames (std::call_once is pthread_once), and aborts if it cannot
// load it then, as under `ulimit -v` when memory has just run out. Cross one
// now, while there is memory, so that std::bad_alloc always unwinds to main.
void load_unwinder() {
  try {
    std::once_flag once;
    std::call_once(once, [] { throw 0; });
  } catch (int) {
  }
}

// An exception that escapes anyway (through a noexcept frame) still ends in
// a message and exit status 2, never in an abort; nothing is allocated here.
[[noreturn]] void on_terminate() noexcept {
  static const char kMessage[] = "oblige: internal error: an exception escaped (out of memory?)\n";
  if (::write(2, kMessage, sizeof kMessage - 1) < 0) _exit(2);
  _exit(2);
}

// The release, the commit it was built from, and which signature data is
// compiled in: what a bug report or an audit trail needs (cmake/Version.cmake).
// And whether the optional modules are where this binary looks for them
// (not loaded: a copy of the binary alone reads no PDF and no git source).
void print_version(std::ostream& out) {
  out << "oblige " << OBLIGE_VERSION << "\n"
      << "commit " << OBLIGE_GIT_COMMIT << "\n"
      << "signatures " << OBLIGE_SIGNATURE_COUNT << " (data version "
      << OBLIGE_SIGNATURE_DATA_VERSION << ")\n"
      << "modules";
  for (const char* module : {oblige::text::kPdfModule, oblige::walk::kGitModule})
    out << " " << module << (oblige::text::module_path(module).empty() ? " (not found)" : "");
  out << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace oblige::cli;
  std::set_terminate(on_terminate);
  load_unwinder();
  const std::vector<std::string> args(argv + 1, argv + argc);
  const ParseResult parsed = parse_options(args);
  if (!parsed.ok) {
    std::cerr << "oblige: " << parsed.error << "\n";
    return 2;
  }
  const Options& options = parsed.options;
  try {
    switch (options.command) {
      case Command::kHelp:
        std::cout << kUsage;
        return 0;
      case Command::kVersion:
        print_version(std::cout);
        return 0;
      case Command::kScan:
        return run_scan(options, std::cerr);
      case Command::kAudit:
        return run_audit(options, std::cerr);
      case Command::kMerge:
        return run_merge(options, std::cerr);
      case Command::kPolicyInit:
        return run_policy_init(options, std::cout, std::cerr);
      case Command::kExplain:
        return run_explain(options, std::cout, std::cerr);
      case Command::kSignatures:
        return run_signatures(options, std::cout, std::cerr);
    }
  } catch (const std::bad_alloc&) {
    // From any thread (run_on_threads rethrows here); nothing is allocated.
    std::cerr << "oblige: out of memory (is a memory limit such as ulimit -v set too low?)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "oblige: internal error: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
