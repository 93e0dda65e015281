#include "scanner/scan/scan.h"

#include <algorithm>
#include <boost/filesystem.hpp>
#include <map>
#include <atomic>
#include <thread>

#include "scanner/findings/rules.h"
#include "scanner/model/model_checks.h"
#include "scanner/scan/file_cache.h"
#include "scanner/scan/scan_file.h"
#include "scanner/walk/run_on_threads.h"
#include "scanner/walk/walker.h"
#include "scanner/text/normalize.h"

namespace oblige::scan {
namespace {

unsigned thread_count(const ScanOptions& options, std::size_t work) {
  unsigned n = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(work, 1)));
}

// Runs scan_file over the candidates on a few threads; results keep the
// candidates' order, so the output does not depend on scheduling.
std::vector<FileOutcome> scan_all(const std::vector<walk::Candidate>& candidates,
                                  const ScanOptions& options,
                                  const identify::CompiledSignatures& signatures) {
  std::vector<FileOutcome> outcomes(candidates.size());
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < candidates.size(); i = next++) {
      const walk::Candidate& c = candidates[i];
      const std::string role = walk::role_name(c.role);
      if (options.cache) {
        if (auto hit = options.cache->find(c.path.string(), role, c.display_path)) {
          outcomes[i] = std::move(*hit);
          continue;
        }
      }
      try {
        outcomes[i] = scan_file(c, options, signatures);
      } catch (const std::exception& e) {
        // One file's failure (out of memory, a malformed --signatures
        // parameter) must not take the process down from a worker thread.
        outcomes[i] = FileOutcome{};
        outcomes[i].file.path = c.display_path;
        outcomes[i].file.role = role;
        outcomes[i].findings.push_back(findings::file_finding(
            findings::rule_ids::kUnreadable, c.display_path, std::string("could not be scanned: ") + e.what()));
      }
      if (options.cache) options.cache->store(c.path.string(), role, outcomes[i]);
    }
  };
  // A failure the worker cannot even record (out of memory in its catch
  // block) is rethrown here, once every thread has stopped.
  walk::run_on_threads(thread_count(options, candidates.size()), worker);
  return outcomes;
}

bool finding_order(const findings::Finding& a, const findings::Finding& b) {
  return std::tie(a.location.path, a.location.start_line, a.location.start_column, a.rule_id,
                  a.license_id, a.clause_id) < std::tie(b.location.path, b.location.start_line,
                                                        b.location.start_column, b.rule_id,
                                                        b.license_id, b.clause_id);
}

std::string last_component(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A base model found in the same scan: a folder named like the base model's
// name whose license text was identified.
std::function<std::string(const std::string&)> local_resolver(const TargetReport& report,
                                                               const ScanOptions& options) {
  std::map<std::string, std::string> by_folder;
  for (const LicenseResult& l : report.licenses) {
    if (!l.is_model_license_text()) continue;
    const std::size_t slash = l.file.rfind('/');
    if (slash == std::string::npos) continue;
    by_folder.emplace(text::ascii_lower(last_component(l.file.substr(0, slash))), l.id);
  }
  return [by_folder, outer = options.local_base_license](const std::string& base) -> std::string {
    if (outer) {
      if (std::string id = outer(base); !id.empty()) return id;
    }
    const auto it = by_folder.find(text::ascii_lower(last_component(base)));
    return it == by_folder.end() ? "" : it->second;
  };
}

}  // namespace

TargetReport scan_target(const std::string& target, const ScanOptions& options,
                         const identify::CompiledSignatures& signatures) {
  walk::WalkOptions walk_options;
  walk_options.allowed_root = options.allowed_root;
  walk_options.display_prefix = options.display_prefix;
  walk_options.report_link_targets = options.report_link_targets;
  const walk::WalkResult walked = walk::walk(target, walk_options);
  boost::system::error_code ec;
  const boost::filesystem::path root = boost::filesystem::canonical(target, ec);
  const bool folder = !ec && boost::filesystem::is_directory(root);
  // A single file is not a model folder: no model checks for it.
  return scan_walked(target, walked, folder ? root.string() : "", options, signatures, folder);
}

TargetReport scan_walked(const std::string& target, const walk::WalkResult& walked,
                         const std::string& root_on_disk, const ScanOptions& options,
                         const identify::CompiledSignatures& signatures, bool check_models) {
  TargetReport report;
  report.target = target;
  report.files_seen = walked.files_seen;
  for (const walk::WalkProblem& p : walked.problems)
    report.findings.push_back(findings::file_finding(p.rule_id.c_str(), p.display_path, p.message));
  for (FileOutcome& outcome : scan_all(walked.candidates, options, signatures)) {
    report.files.push_back(std::move(outcome.file));
    for (auto& l : outcome.licenses) report.licenses.push_back(std::move(l));
    for (auto& d : outcome.declared) report.declared.push_back(std::move(d));
    for (auto& f : outcome.findings) report.findings.push_back(std::move(f));
  }
  std::string name = options.model_name;
  if (name.empty()) {
    boost::system::error_code ec;
    const boost::filesystem::path root = boost::filesystem::canonical(root_on_disk.empty() ? target : root_on_disk, ec);
    name = (ec ? boost::filesystem::path(target) : root).filename().string();
  }
  if (check_models) {
    auto checks = model::check_model_folders(report, walked.model_folders, name, root_on_disk,
                                             options.display_prefix, signatures.set(),
                                             local_resolver(report, options));
    report.findings.insert(report.findings.end(), checks.begin(), checks.end());
  }
  std::stable_sort(report.findings.begin(), report.findings.end(), finding_order);
  return report;
}

}  // namespace oblige::scan
