#include "scanner/cli/commands.h"

#include <unistd.h>

#include <boost/filesystem.hpp>
#include <fstream>
#include <functional>
#include <optional>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "oblige_version.h"
#include "reporters/report.h"
#include "scanner/findings/rules.h"
#include "scanner/identify/compiled_signatures.h"
#include "scanner/policy/evaluate.h"
#include "scanner/policy/policy.h"
#include "scanner/scan/audit.h"
#include "scanner/scan/scan.h"
#include "scanner/walk/git_source.h"
#include "scanner/walk/model_caches.h"
#include "scanner/signatures/loader.h"

namespace oblige::cli {
namespace {

bool load_signatures(const Options& options, signatures::SignatureSet* set, std::ostream& err) {
  signatures::LoadResult r;
  if (options.builtin_signatures) r = signatures::load_embedded(set);
  for (const std::string& dir : options.signature_dirs) {
    if (!r.ok) break;
    r = signatures::load_directory(dir, set);
  }
  if (r.ok) r = signatures::finalize(set);
  if (!r.ok) err << "oblige: bad signature file: " << r.error << "\n";
  return r.ok;
}

bool use_color(const Options& options) {
  if (options.color == "always") return true;
  if (options.color == "never" || !options.output.empty()) return false;
  return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
}

void write_report(const Options& options, const reporters::Run& run, std::ostream& out) {
  switch (options.format) {
    case Format::kText: reporters::write_text(run, out); break;
    case Format::kJson: reporters::write_json(run, out); break;
    case Format::kSarif: reporters::write_sarif(run, out); break;
  }
}

// Writes through `write` to --output (atomically: a temporary file renamed
// into place, so a failed run never leaves half a report) or to standard
// output unless --quiet. Returns false, with a message, when it cannot.
bool emit(const Options& options, const std::function<void(std::ostream&)>& write, std::ostream& err) {
  if (options.output.empty()) {
    if (options.quiet) return true;
    write(std::cout);
    std::cout.flush();
    if (!std::cout) err << "oblige: cannot write the report to standard output\n";
    return static_cast<bool>(std::cout);
  }
  const std::string temp = options.output + ".oblige-tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (file) {
      write(file);
      file.flush();
    }
    if (!file) {
      err << "oblige: cannot write " << options.output << "\n";
      std::remove(temp.c_str());
      return false;
    }
  }
  if (std::rename(temp.c_str(), options.output.c_str()) != 0) {
    err << "oblige: cannot write " << options.output << "\n";
    std::remove(temp.c_str());
    return false;
  }
  return true;
}

int exit_status(const Options& options, const std::vector<scan::TargetReport>& targets) {
  if (options.fail_on == findings::Level::kNone) return 0;
  for (const scan::TargetReport& t : targets)
    for (const findings::Finding& f : t.findings)
      if (f.level >= options.fail_on) return 1;
  return 0;
}

reporters::RunInfo run_info(const Options& options) {
  reporters::RunInfo info;
  info.version = OBLIGE_VERSION;
  info.category = options.category;
  info.color = use_color(options);
  return info;
}

scan::ScanOptions scan_options(const Options& options) {
  scan::ScanOptions o;
  o.max_file_size = options.max_file_size;
  o.threads = options.threads;
  return o;
}

// The policy for a run: --policy, else the nearest .oblige.yml above `start`.
// Returns false (with a message) when a policy file is given or found but
// malformed; `policy` stays empty when there is none.
bool load_run_policy(const Options& options, const std::string& start,
                     std::optional<policy::Policy>* policy, std::ostream& err) {
  if (options.no_policy) return true;
  std::string file = options.policy;
  if (file.empty()) {
    const auto found = policy::find_policy_file(start);
    if (!found) return true;
    file = *found;
  }
  policy::LoadResult r = policy::load_policy(file);
  if (!r.ok) {
    err << "oblige: bad policy: " << r.error << "\n";
    return false;
  }
  *policy = std::move(r.policy);
  return true;
}

}  // namespace

int run_policy_init(const Options& options, std::ostream& out, std::ostream& err) {
  const std::string file = options.paths.empty() ? ".oblige.yml" : options.paths.front();
  boost::system::error_code ec;
  if (boost::filesystem::exists(file, ec) && !options.force) {
    err << "oblige: " << file << " exists; use --force to overwrite it\n";
    return 2;
  }
  std::ofstream f(file, std::ios::binary | std::ios::trunc);
  f << policy::kPolicyTemplate;
  f.flush();
  if (!f) {
    err << "oblige: cannot write " << file << "\n";
    return 2;
  }
  out << "Wrote " << file << ": describe how you use models, then run oblige scan.\n";
  return 0;
}

int run_scan(const Options& options, std::ostream& err) {
  for (const std::string& path : options.paths) {
    boost::system::error_code ec;
    if (!boost::filesystem::exists(boost::filesystem::status(path, ec))) {
      err << "oblige: " << path << ": no such file or folder\n";
      return 2;
    }
  }
  signatures::SignatureSet set;
  if (!load_signatures(options, &set, err)) return 2;
  const identify::CompiledSignatures compiled(set);

  std::optional<policy::Policy> policy;
  if (!load_run_policy(options, options.paths.front(), &policy, err)) return 2;

  reporters::Run run;
  run.info = run_info(options);
  run.signatures = &set;
  for (const std::string& path : options.paths) {
    if (!options.staged && options.revision.empty()) {
      run.targets.push_back(scan::scan_target(path, scan_options(options), compiled));
      continue;
    }
    walk::GitSourceOptions git;
    git.staged = options.staged;
    git.revision = options.revision;
    git.max_size = options.max_file_size;
    const walk::GitSource source = walk::read_git_source(path, git);
    if (!source.ok) {
      err << "oblige: " << source.error << "\n";
      return 2;
    }
    // Paths are relative to the repository's top level.
    const std::string top = source.workdir.empty() ? "." : source.workdir;
    scan::TargetReport report = scan::scan_walked(top, source.walk, options.staged ? source.workdir : "",
                                                  scan_options(options), compiled);
    if (options.changed_only) {
      std::erase_if(report.findings, [&](const findings::Finding& f) {
        return !source.changed.count(f.location.path);
      });
    }
    run.targets.push_back(std::move(report));
  }
  if (policy)
    for (scan::TargetReport& t : run.targets) policy::apply_policy(*policy, set, &t);
  if (!emit(options, [&](std::ostream& out) { write_report(options, run, out); }, err)) return 2;
  return exit_status(options, run.targets);
}

int run_audit(const Options& options, std::ostream& err) {
  const std::string root =
      options.paths.empty() ? walk::default_hf_cache().string() : options.paths.front();
  boost::system::error_code ec;
  if (!boost::filesystem::is_directory(root, ec)) {
    err << "oblige: " << root << ": no such folder (give the cache folder: oblige audit DIR)\n";
    return 2;
  }
  signatures::SignatureSet set;
  if (!load_signatures(options, &set, err)) return 2;
  const identify::CompiledSignatures compiled(set);
  // A progress line on a terminal, for caches with many models.
  const bool show_progress = !options.quiet && isatty(STDERR_FILENO);
  const auto progress = [&](std::size_t done, std::size_t total, const std::string& id) {
    if (!show_progress || total < 10) return;
    err << "\r\033[K[" << done + 1 << "/" << total << "] " << id << std::flush;
  };
  std::optional<policy::Policy> policy;
  if (!load_run_policy(options, ".", &policy, err)) return 2;
  scan::AuditReport audit = scan::audit(root, scan_options(options), compiled, progress);
  if (policy)
    for (scan::TargetReport& t : audit.targets) policy::apply_policy(*policy, set, &t);
  if (show_progress && audit.rows.size() >= 10) err << "\r\033[K" << std::flush;

  const reporters::RunInfo info = run_info(options);
  const auto write = [&](std::ostream& out) {
    switch (options.format) {
      case Format::kText: reporters::write_audit_text(info, audit, out); break;
      case Format::kJson: reporters::write_audit_json(info, audit, out); break;
      case Format::kSarif: {
        reporters::Run run;
        run.info = info;
        run.signatures = &set;
        run.targets = audit.targets;
        reporters::write_sarif(run, out);
        break;
      }
    }
  };
  if (!emit(options, write, err)) return 2;
  return exit_status(options, audit.targets);
}

int run_explain(const Options& options, std::ostream& out, std::ostream& err) {
  signatures::SignatureSet set;
  if (!load_signatures(options, &set, err)) return 2;
  const signatures::Signature* sig = set.find(options.paths[0]);
  if (!sig) {
    err << "oblige: no license with id or alias '" << options.paths[0]
        << "' (see: oblige signatures)\n";
    return 2;
  }
  out << sig->name << "\n";
  out << "  id: " << sig->id << "   spdx: " << sig->spdx;
  if (!sig->scancode.empty()) out << "   scancode: " << sig->scancode;
  out << "\n  family: " << sig->family;
  if (!sig->version.empty()) out << "   version: " << sig->version;
  out << "   kind: " << sig->kind << "\n";
  if (!sig->aliases.empty()) {
    out << "  aliases:";
    for (const std::string& a : sig->aliases) out << " " << a;
    out << "\n";
  }
  if (!sig->publisher.empty()) out << "  publisher: " << sig->publisher << "\n";
  if (!sig->url.empty()) out << "  url: " << sig->url << "\n";
  out << "  commercial use: " << sig->commercial << "\n";
  out << "  signature file: " << sig->file << "\n\nObligations and restrictions:\n";
  for (const signatures::Clause& c : sig->clauses) {
    if (c.kind.empty()) continue;
    const findings::Rule* rule = findings::rule_for_kind(c.kind);
    out << "  [" << rule->id << "] " << c.summary << "\n";
    out << "      clause " << c.id << ", found by: " << c.patterns.front() << "\n";
    if (!c.parameters.empty()) out << "      parameters: " << c.parameters.dump() << "\n";
  }
  return 0;
}

int run_signatures(const Options& options, std::ostream& out, std::ostream& err) {
  signatures::SignatureSet set;
  if (!load_signatures(options, &set, err)) return 2;
  if (options.format == Format::kJson) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const signatures::Signature& s : set.signatures) {
      if (s.generic) continue;
      list.push_back({{"id", s.id}, {"name", s.name}, {"family", s.family}, {"version", s.version},
                      {"kind", s.kind}, {"spdx", s.spdx}, {"scancode", s.scancode},
                      {"aliases", s.aliases}, {"commercial_use", s.commercial}});
    }
    out << list.dump(2) << "\n";
    return 0;
  }
  out << std::left << std::setw(34) << "ID" << std::setw(16) << "FAMILY" << "NAME / ALIASES\n";
  for (const signatures::Signature& s : set.signatures) {
    if (s.generic) continue;
    std::string aliases;
    for (const std::string& a : s.aliases) aliases += (aliases.empty() ? "" : ", ") + a;
    out << std::setw(34) << s.id << std::setw(16) << s.family << s.name
        << (aliases.empty() ? "" : "  [" + aliases + "]") << "\n";
  }
  return 0;
}

}  // namespace oblige::cli
