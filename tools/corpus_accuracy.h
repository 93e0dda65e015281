// Corpus accuracy: identifies every file listed in a corpus's LABELS.tsv
// (columns: file, expected id or '-', kind) and compares with the label.
// Used by the `oblige-accuracy` tool and by the corpus tests.
//
// A label names the license texts a file holds: one id, "-" for none, or
// ids joined by '|' ("mit|openrail++") when the file holds several, as a
// NOTICE that reproduces the licenses of bundled components does. The file's
// own (model-scope) license texts are what counts; only when it has none are
// the third-party texts of a NOTICE compared with the label.
#pragma once

#include <string>
#include <vector>

#include "scanner/identify/compiled_signatures.h"

namespace oblige::tools {

struct LabelledFile {
  std::string file;      // relative to the corpus folder
  std::string expected;  // license id, "-" for "no license text", or ids joined by '|'
  std::string kind;
};

struct Verdict {
  LabelledFile label;
  std::string found;   // the file's license id(s) in the label's form, or "-"
  std::string status;  // text | altered | - (of the first license found)
  bool correct = false;
};

struct AccuracyReport {
  std::vector<Verdict> verdicts;
  std::size_t correct = 0, wrong = 0, missed = 0, false_positives = 0;
};

std::vector<LabelledFile> read_labels(const std::string& corpus_dir);

// The license a single file holds: the first identification of the model's
// own license (not a reference, not a third-party notice), or "-".
std::string primary_license(const std::string& path, const identify::CompiledSignatures& sigs,
                            std::string* status = nullptr);

// The license texts a file holds (references left out), split by scope.
struct HeldLicenses {
  std::vector<std::string> own;          // model scope, sorted, unique
  std::vector<std::string> third_party;  // reproduced in a NOTICE for bundled components
  std::string own_status = "-", third_party_status = "-";  // of the first of each
};
HeldLicenses held_licenses(const std::string& path, const identify::CompiledSignatures& sigs);

// A label with its ids sorted, so "openrail++|mit" equals "mit|openrail++".
std::string canonical_label(const std::string& label);

AccuracyReport measure(const std::string& corpus_dir, const identify::CompiledSignatures& sigs);

}  // namespace oblige::tools
