// oblige-accuracy CORPUS_DIR [CORPUS_DIR ...]: identifies every labelled file
// of each corpus (LABELS.tsv) and prints, per corpus and per file, what was
// found with its whole-text similarity and coverage, then the confusions
// (expected -> found) and the totals: files, correct, wrong, missed, false
// positives. Exit status 0 when every file of every corpus is right, 1
// otherwise, 2 on a usage error.
// oblige-accuracy --explain FILE: every identification of one file, in detail.
#include <iomanip>
#include <iostream>
#include <map>

#include "scanner/signatures/loader.h"
#include "tools/corpus_accuracy.h"

namespace {

// Prints one corpus's confusions and totals; false when any file is wrong.
bool report_corpus(const std::string& dir, const oblige::tools::AccuracyReport& report) {
  using oblige::tools::Verdict;
  std::cout << dir << "\n" << std::fixed << std::setprecision(3);
  std::map<std::pair<std::string, std::string>, std::size_t> confusions;
  for (const Verdict& v : report.verdicts) {
    std::cout << (v.correct ? "  ok    " : "  WRONG ") << v.label.file << ": expected "
              << v.label.expected << ", found " << v.found
              << (v.status == "-" || v.status.empty() ? "" : " (" + v.status + ")");
    if (v.similarity >= 0)
      std::cout << ", similarity " << v.similarity << " coverage " << v.coverage << " to "
                << v.closest;
    std::cout << "\n";
    if (!v.correct) ++confusions[{v.label.expected, v.found}];
  }
  if (!confusions.empty()) std::cout << "confusions (expected -> found: files):\n";
  for (const auto& [pair, count] : confusions)
    std::cout << "  " << pair.first << " -> " << pair.second << ": " << count << "\n";
  std::cout << "files " << report.verdicts.size() << ", correct " << report.correct << ", wrong "
            << report.wrong << ", missed " << report.missed << ", false positives "
            << report.false_positives << "\n";
  return report.correct == report.verdicts.size();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace oblige;
  const bool explain = argc == 3 && std::string(argv[1]) == "--explain";
  if (argc < 2) {
    std::cerr << "usage: oblige-accuracy CORPUS_DIR [CORPUS_DIR ...]   (folders with LABELS.tsv)\n"
                 "       oblige-accuracy --explain FILE   (every identification of one file, in "
                 "detail)\n";
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
  if (explain) return tools::explain_file(argv[2], compiled, std::cout) ? 0 : 2;
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
