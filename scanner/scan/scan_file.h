// One candidate file through read → normalize → identify → derive.
#pragma once

#include "scanner/identify/compiled_signatures.h"
#include "scanner/scan/scan.h"
#include "scanner/walk/walker.h"

namespace oblige::scan {

struct FileOutcome {
  FileResult file;
  std::vector<LicenseResult> licenses;
  std::vector<DeclaredLicense> declared;
  std::vector<findings::Finding> findings;
};

FileOutcome scan_file(const walk::Candidate& candidate, const ScanOptions& options,
                      const identify::CompiledSignatures& signatures);

}  // namespace oblige::scan
