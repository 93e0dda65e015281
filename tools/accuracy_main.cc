// oblige-accuracy CORPUS_DIR [CORPUS_DIR ...]: identifies every labelled file
// of each corpus (LABELS.tsv) and prints, per corpus, files, correct, wrong,
// missed and the confusions. Exit status 0 when every file of every corpus is
// right, 1 otherwise, 2 on a usage error.
#include <iostream>

#include "scanner/signatures/loader.h"
#include "tools/corpus_accuracy.h"

namespace {

// Prints one corpus's confusions and totals; false when any file is wrong.
bool report_corpus(const std::string& dir, const oblige::tools::AccuracyReport& report) {
  using oblige::tools::Verdict;
  std::cout << dir << "\n";
  for (const Verdict& v : report.verdicts) {
    if (v.correct) continue;
    std::cout << "  " << v.label.file << ": expected " << v.label.expected << ", found " << v.found
              << (v.status == "altered" ? " (altered)" : "") << "\n";
  }
  std::cout << "files " << report.verdicts.size() << ", correct " << report.correct << ", wrong "
            << report.wrong << ", missed " << report.missed << ", false positives "
            << report.false_positives << "\n";
  return report.correct == report.verdicts.size();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace oblige;
  if (argc < 2) {
    std::cerr << "usage: oblige-accuracy CORPUS_DIR [CORPUS_DIR ...]   (folders with LABELS.tsv)\n";
    return 2;
  }
  signatures::SignatureSet set;
  signatures::LoadResult r = signatures::load_embedded(&set);
  if (r.ok) r = signatures::finalize(&set);
  if (!r.ok) {
    std::cerr << "oblige-accuracy: " << r.error << "\n";
    return 2;
  }
  const identify::CompiledSignatures compiled(set);
  bool all_right = true;
  for (int i = 1; i < argc; ++i) {
    const tools::AccuracyReport report = tools::measure(argv[i], compiled);
    if (report.verdicts.empty()) {
      std::cerr << "oblige-accuracy: no labelled files in " << argv[i] << "/LABELS.tsv\n";
      return 2;
    }
    all_right = report_corpus(argv[i], report) && all_right;
  }
  return all_right ? 0 : 1;
}
