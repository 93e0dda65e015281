#include "scanner/scan/scan.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "scanner/findings/fingerprint.h"
#include "scanner/findings/rules.h"
#include "scanner/scan/scan_file.h"
#include "scanner/walk/walker.h"

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
    for (std::size_t i = next++; i < candidates.size(); i = next++)
      outcomes[i] = scan_file(candidates[i], options, signatures);
  };
  const unsigned n = thread_count(options, candidates.size());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  return outcomes;
}

bool finding_order(const findings::Finding& a, const findings::Finding& b) {
  return std::tie(a.location.path, a.location.start_line, a.location.start_column, a.rule_id,
                  a.license_id, a.clause_id) < std::tie(b.location.path, b.location.start_line,
                                                        b.location.start_column, b.rule_id,
                                                        b.license_id, b.clause_id);
}

}  // namespace

TargetReport scan_target(const std::string& target, const ScanOptions& options,
                         const identify::CompiledSignatures& signatures) {
  TargetReport report;
  report.target = target;
  const walk::WalkResult walked = walk::walk(target);
  report.files_seen = walked.files_seen;
  for (const walk::WalkProblem& p : walked.problems) {
    findings::Finding f;
    f.rule_id = p.rule_id;
    f.level = findings::rule_by_id(p.rule_id)->default_level;
    f.message = p.display_path + ": " + p.message;
    f.location.path = p.display_path;
    f.fingerprint = findings::fingerprint({p.rule_id, p.display_path});
    report.findings.push_back(std::move(f));
  }
  for (FileOutcome& outcome : scan_all(walked.candidates, options, signatures)) {
    report.files.push_back(std::move(outcome.file));
    for (auto& l : outcome.licenses) report.licenses.push_back(std::move(l));
    for (auto& d : outcome.declared) report.declared.push_back(std::move(d));
    for (auto& f : outcome.findings) report.findings.push_back(std::move(f));
  }
  std::stable_sort(report.findings.begin(), report.findings.end(), finding_order);
  return report;
}

}  // namespace oblige::scan
