#include "tools/corpus_accuracy.h"

#include <fstream>
#include <sstream>

#include "scanner/scan/scan.h"

namespace oblige::tools {

std::vector<LabelledFile> read_labels(const std::string& corpus_dir) {
  std::vector<LabelledFile> out;
  std::ifstream in(corpus_dir + "/LABELS.tsv");
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    if (line.empty()) continue;
    std::stringstream fields(line);
    LabelledFile f;
    std::getline(fields, f.file, '\t');
    std::getline(fields, f.expected, '\t');
    std::getline(fields, f.kind, '\t');
    out.push_back(f);
  }
  return out;
}

std::string primary_license(const std::string& path, const identify::CompiledSignatures& sigs,
                            std::string* status) {
  const results::TargetResult report = scan::scan_target(path, scan::ScanOptions{}, sigs);
  for (const results::FileResult& f : report.files) {
    for (const results::LicenseMatch& l : f.licenses) {
      if (!l.binds_model()) continue;
      if (status) *status = results::status_word(l.status);
      return l.signature;
    }
  }
  if (status) *status = "-";
  return "-";
}

AccuracyReport measure(const std::string& corpus_dir, const identify::CompiledSignatures& sigs) {
  AccuracyReport report;
  for (const LabelledFile& label : read_labels(corpus_dir)) {
    Verdict v;
    v.label = label;
    v.found = primary_license(corpus_dir + "/" + label.file, sigs, &v.status);
    v.correct = v.found == label.expected;
    if (v.correct) ++report.correct;
    else if (v.found == "-") ++report.missed;
    else if (label.expected == "-") ++report.false_positives;
    else ++report.wrong;
    report.verdicts.push_back(std::move(v));
  }
  return report;
}

}  // namespace oblige::tools
