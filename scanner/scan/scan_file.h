// One candidate file through read → normalize → identify → derive, into
// path-free evidence (results::FileResult; the caller places it at its path).
#pragma once

#include "scanner/identify/compiled_signatures.h"
#include "scanner/results/evidence.h"
#include "scanner/scan/scan.h"
#include "scanner/walk/walker.h"

namespace oblige::scan {

results::FileRole file_role(walk::CandidateRole role);

results::FileResult scan_file(const walk::Candidate& candidate, const ScanOptions& options,
                              const identify::CompiledSignatures& signatures);

}  // namespace oblige::scan
