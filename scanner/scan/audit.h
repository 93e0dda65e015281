// Audit: every model (and revision) in a Hugging Face or ModelScope cache, a
// snapshot_download folder or a plain model folder, each scanned as its own
// target and handed on as soon as it is done, in a deterministic order, so a
// cache of any size is audited in flat memory. Work is one repository at a
// time (its snapshots share blobs: each is read once); a base model that is
// in the same cache lends its license to its derivatives.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "scanner/identify/compiled_signatures.h"
#include "scanner/results/target.h"
#include "scanner/scan/scan.h"
#include "scanner/scan/shard.h"
#include "scanner/walk/model_caches.h"

namespace oblige::scan {

struct AuditSummary {
  std::size_t models = 0;           // audited (in the shard)
  std::size_t models_in_cache = 0;  // in every shard
  std::vector<walk::CacheProblem> problems;
  std::size_t files_read_once = 0;  // blob reads saved by sharing between snapshots
};

// Called on the calling thread, in order, once per model revision.
using ModelSink = std::function<void(results::TargetResult&&)>;
// Called before each model with (done, total, id).
using Progress = std::function<void(std::size_t, std::size_t, const std::string&)>;

// With a `shard`, only the repositories of that shard are scanned (a base
// model in another shard still lends its license); each model's
// ModelIdentity::order is its place among all the cache's models.
AuditSummary audit(const std::string& root, const ScanOptions& options,
                   const identify::CompiledSignatures& signatures, const ModelSink& sink,
                   const Progress& progress = nullptr, const Shard& shard = {});

}  // namespace oblige::scan
