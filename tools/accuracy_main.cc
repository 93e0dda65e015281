// oblige-accuracy CORPUS_DIR: identifies every labelled file of a corpus
// (LABELS.tsv) and prints files, correct, wrong, missed and the confusions.
// Exit status 0 when every file is right, 1 otherwise, 2 on a usage error.
#include <iostream>

#include "scanner/signatures/loader.h"
#include "tools/corpus_accuracy.h"

int main(int argc, char** argv) {
  using namespace oblige;
  if (argc != 2) {
    std::cerr << "usage: oblige-accuracy CORPUS_DIR   (a folder with LABELS.tsv)\n";
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
  const tools::AccuracyReport report = tools::measure(argv[1], compiled);
  if (report.verdicts.empty()) {
    std::cerr << "oblige-accuracy: no labelled files in " << argv[1] << "/LABELS.tsv\n";
    return 2;
  }
  for (const tools::Verdict& v : report.verdicts) {
    if (v.correct) continue;
    std::cout << "  " << v.label.file << ": expected " << v.label.expected << ", found " << v.found
              << (v.status == "altered" ? " (altered)" : "") << "\n";
  }
  std::cout << "files " << report.verdicts.size() << ", correct " << report.correct << ", wrong "
            << report.wrong << ", missed " << report.missed << ", false positives "
            << report.false_positives << "\n";
  return report.correct == report.verdicts.size() ? 0 : 1;
}
