#include "scanner/cli/commands.h"

#include <unistd.h>

#include <boost/filesystem.hpp>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "oblige_version.h"
#include "reporters/report.h"
#include "scanner/findings/rules.h"
#include "scanner/identify/compiled_signatures.h"
#include "scanner/scan/scan.h"
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

}  // namespace

int run_scan(const Options& options, std::ostream& err) {
  for (const std::string& path : options.paths) {
    boost::system::error_code ec;
    if (!boost::filesystem::exists(boost::filesystem::symlink_status(path, ec))) {
      err << "oblige: " << path << ": no such file or folder\n";
      return 2;
    }
  }
  signatures::SignatureSet set;
  if (!load_signatures(options, &set, err)) return 2;
  const identify::CompiledSignatures compiled(set);

  reporters::Run run;
  run.info.version = OBLIGE_VERSION;
  run.info.category = options.category;
  run.info.color = use_color(options);
  run.signatures = &set;
  scan::ScanOptions scan_options;
  scan_options.max_file_size = options.max_file_size;
  scan_options.threads = options.threads;
  for (const std::string& path : options.paths)
    run.targets.push_back(scan::scan_target(path, scan_options, compiled));

  if (!options.output.empty()) {
    // Write to a temporary file and rename, so a failed run never leaves a
    // half-written report behind.
    const std::string temp = options.output + ".oblige-tmp";
    {
      std::ofstream file(temp, std::ios::binary | std::ios::trunc);
      if (!file) {
        err << "oblige: cannot write " << options.output << "\n";
        return 2;
      }
      write_report(options, run, file);
      file.flush();
      if (!file) {
        err << "oblige: cannot write " << options.output << "\n";
        std::remove(temp.c_str());
        return 2;
      }
    }
    if (std::rename(temp.c_str(), options.output.c_str()) != 0) {
      err << "oblige: cannot write " << options.output << "\n";
      std::remove(temp.c_str());
      return 2;
    }
  } else if (!options.quiet) {
    write_report(options, run, std::cout);
  }

  if (options.fail_on == findings::Level::kNone) return 0;
  for (const scan::TargetReport& t : run.targets)
    for (const findings::Finding& f : t.findings)
      if (f.level >= options.fail_on) return 1;
  return 0;
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
