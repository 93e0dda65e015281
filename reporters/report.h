// What every reporter receives: the reports of all scanned targets and how
// the run was invoked. Reporters format; they never decide anything.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "scanner/scan/audit.h"
#include "scanner/scan/scan.h"
#include "scanner/signatures/loader.h"

namespace oblige::reporters {

struct RunInfo {
  std::string version;
  std::string category;  // SARIF automationDetails.id prefix
  bool color = false;    // text only
};

struct Run {
  RunInfo info;
  std::vector<scan::TargetReport> targets;
  const signatures::SignatureSet* signatures = nullptr;
};

// A finding's file as a path relative to the working folder (the repository
// root in CI): the target joined with the path inside it.
std::string artifact_path(const std::string& target, const std::string& path);

void write_sarif(const Run& run, std::ostream& out);
void write_json(const Run& run, std::ostream& out);
void write_text(const Run& run, std::ostream& out);

// `oblige audit`: a table with one row per model and revision (text), or the
// rows plus every model's full report (JSON). SARIF uses write_sarif.
void write_audit_text(const RunInfo& info, const scan::AuditReport& audit, std::ostream& out);
void write_audit_json(const RunInfo& info, const scan::AuditReport& audit, std::ostream& out);

}  // namespace oblige::reporters
