// The subcommands. Each returns the process exit status (0, 1 or 2, see
// kUsage) and writes errors to `err`.
#pragma once

#include <ostream>

#include "scanner/cli/options.h"

namespace oblige::cli {

int run_scan(const Options& options, std::ostream& err);
int run_audit(const Options& options, std::ostream& err);
// One report from the outputs of sharded audits (cli/shard_files.h).
int run_merge(const Options& options, std::ostream& err);
int run_policy_init(const Options& options, std::ostream& out, std::ostream& err);
int run_explain(const Options& options, std::ostream& out, std::ostream& err);
int run_signatures(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace oblige::cli
