// Scan: the pipeline for one scanned path, stage by stage:
//
//   walk → select candidates → read & normalize → identify → derive
//   obligations → model checks → (policy, render, report: done above)
//
// scan_target() runs the stages, reading and matching candidate files on a
// small thread pool, and returns the evidence (results::TargetResult) in a
// deterministic order.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "scanner/identify/compiled_signatures.h"
#include "scanner/model/model_checks.h"
#include "scanner/results/target.h"
#include "scanner/walk/walker.h"

namespace oblige::scan {

struct ScanOptions {
  // 4 MB: fourteen times the largest license text we know (286 KB), and the
  // most a crafted text can cost stays under 100 MB and a few seconds (16 MB
  // of one clause repeated cost 250 MB; --max-file-size raises it). A model
  // card over the limit still has its front matter read.
  std::uintmax_t max_file_size = 4 * 1024 * 1024;
  unsigned threads = 0;  // 0: one per core
  // Symbolic links may lead anywhere inside this folder (a Hugging Face
  // cache's snapshots link into blobs/); empty: the scanned path itself.
  std::string allowed_root;
  // Prefixed to every reported path (a cache snapshot's logical path).
  std::string display_prefix;
  // See WalkOptions::report_link_targets.
  bool report_link_targets = true;
  // The model's name for naming checks; empty: the scanned folder's name.
  std::string model_name;
  // Resolves a base_model id to a license id found locally (the same cache
  // or folder); empty result: not found locally.
  model::LocalBaseLicense local_base_license;
  // Shared between the scans of one audit so that a blob linked from several
  // snapshots is read once. May be null.
  std::shared_ptr<class FileCache> cache;
};

results::TargetResult scan_target(const std::string& target, const ScanOptions& options,
                                  const identify::CompiledSignatures& signatures);

// The same pipeline on candidates found some other way (a git index or
// commit). `root_on_disk` is where the files live in the working tree, for
// license_link checks; empty for a bare repository.
results::TargetResult scan_walked(const std::string& target, const walk::WalkResult& walked,
                                  const std::string& root_on_disk, const ScanOptions& options,
                                  const identify::CompiledSignatures& signatures,
                                  bool check_models = true);

// For each candidate, the index of the first candidate with the same bytes
// read the same way (role, third party), itself when none: a file and the
// links to it, or a git blob that many tree entries name, are scanned once
// and their path-free evidence placed at each path.
std::vector<std::size_t> first_with_same_bytes(const std::vector<walk::Candidate>& candidates);

// The target's commercial-use word: the most restrictive of its model
// folders', or, without a model folder, of the license texts and generic
// terms its files hold.
results::CommercialUse target_commercial_use(const results::TargetResult& target,
                                             const signatures::SignatureSet& set);

}  // namespace oblige::scan
