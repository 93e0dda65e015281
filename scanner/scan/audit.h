// Audit: every model (and revision) in a Hugging Face or ModelScope cache, a
// snapshot_download folder or a plain model folder, each scanned as its own
// target, summarised in one row: model id, revision, refs, the license its
// files hold, the license its card declares, the main obligations, and a
// one-word verdict on commercial use. Blobs shared between snapshots are read
// once (FileCache); weights are never read.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "scanner/identify/compiled_signatures.h"
#include "scanner/scan/scan.h"
#include "scanner/walk/model_caches.h"

namespace oblige::scan {

struct AuditRow {
  walk::ModelSnapshot snapshot;
  std::vector<std::string> detected;     // licenses whose text is in the snapshot
  std::vector<std::string> declared;     // the card's license ids
  std::vector<std::string> obligations;  // the main ones, in a few words each
  std::string commercial;  // allowed | conditional | requires-approval | not-allowed | unknown
  std::size_t target = 0;  // index into AuditReport::targets
};

struct AuditReport {
  std::string root;
  std::vector<AuditRow> rows;
  std::vector<TargetReport> targets;
  std::vector<walk::CacheProblem> problems;
  std::size_t files_read_once = 0;  // blob reads saved by the file cache
};

// `progress` (may be empty) is called before each model with (done, total, id).
AuditReport audit(const std::string& root, const ScanOptions& options,
                  const identify::CompiledSignatures& signatures,
                  const std::function<void(std::size_t, std::size_t, const std::string&)>& progress);

// The verdict for one scanned model (exposed for tests).
std::string commercial_verdict(const TargetReport& report, const signatures::SignatureSet& set);

}  // namespace oblige::scan
