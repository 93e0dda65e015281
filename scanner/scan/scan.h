// Scan: the pipeline for one scanned path, stage by stage:
//
//   walk → select candidates → read & normalize → identify → derive
//   obligations → (report, done by reporters/)
//
// scan_target() runs the stages, reading and matching candidate files on a
// small thread pool, and returns everything the reporters need, in a
// deterministic order.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "scanner/findings/finding.h"
#include "scanner/identify/compiled_signatures.h"
#include "scanner/text/front_matter.h"
#include "scanner/walk/walker.h"

namespace oblige::scan {

struct ScanOptions {
  std::uintmax_t max_file_size = 16 * 1024 * 1024;
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
  std::function<std::string(const std::string&)> local_base_license;
  // Shared between the scans of one audit so that a blob linked from several
  // snapshots is read once. May be null.
  std::shared_ptr<class FileCache> cache;
};

struct MatchedClause {
  std::string id;
  std::string kind;
  std::size_t line = 0;
};

// A license found in a file: its text, an altered text, or a reference.
struct LicenseResult {
  std::string id, name, spdx, scancode, version, family, kind, commercial;
  std::string file;
  std::size_t start_line = 0, end_line = 0;
  std::string status;  // text | altered | reference
  // "model" for the files that license what is scanned; "third-party" for
  // licenses reproduced in NOTICE files for bundled components.
  std::string scope = "model";

  // The text of the license the scanned model is under (not a reference, not
  // a third party's license in a NOTICE, not an acceptable use policy).
  bool is_model_license_text() const {
    return scope == "model" && status != "reference" && kind == "license";
  }
  double confidence = 0;
  std::vector<MatchedClause> matched;
  std::vector<std::string> missing;
  std::vector<std::string> ambiguous_with;
};

struct FileResult {
  std::string path;
  std::string role;      // license | notice | policy | readme
  std::string encoding;  // utf-8, gb18030, pdf, ... empty when not read
  bool read = false;
  // The whole normalized text of README and NOTICE files, for the model
  // checks (is "Built with Llama" there?). Not part of any report.
  std::string normalized_text;
};

struct DeclaredLicense {
  std::string file;
  std::size_t line = 0;
  std::vector<std::string> licenses;
  std::string license_name;
  std::string license_link;
  std::vector<std::string> base_models;
  std::size_t base_model_line = 0;
  std::string base_model_relation;
  bool gated = false;
};

struct TargetReport {
  std::string target;                  // as given on the command line
  std::vector<FileResult> files;       // the candidates, sorted by path
  std::vector<LicenseResult> licenses;
  std::vector<DeclaredLicense> declared;
  std::vector<findings::Finding> findings;  // sorted by path, line, rule
  std::size_t files_seen = 0;
  // With a policy: the file, and the verdict (allowed, allowed with
  // obligations, needs approval, not allowed).
  std::string policy_file;
  std::string verdict;
};

TargetReport scan_target(const std::string& target, const ScanOptions& options,
                         const identify::CompiledSignatures& signatures);

// The same pipeline on candidates found some other way (a git index or
// commit). `root_on_disk` is where the files live in the working tree, for
// license_link checks; empty for a bare repository.
TargetReport scan_walked(const std::string& target, const walk::WalkResult& walked,
                         const std::string& root_on_disk, const ScanOptions& options,
                         const identify::CompiledSignatures& signatures, bool check_models = true);

}  // namespace oblige::scan
