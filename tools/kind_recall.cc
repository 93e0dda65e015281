// oblige-kind-recall CORPUS_DIR...: how many of the obligation kinds a person
// reads in a license text the clause-kind detection finds on its own, held
// out from the text's own license.
//
// For every labelled license text (LABELS.tsv kinds "license" and "aup"), the
// kinds a careful reader found are the MANIFEST.tsv notes' "Obligation kinds:"
// list where there is one, else the kinds of the clauses of the signature
// that identifies the text. Detection (identify/clause_kinds.h) then runs on
// the whole text with every example of that license's family left out
// (leave-one-out), so the figure says what an unknown license would get. The
// "Numbers:" of the notes are checked against the thresholds found.
// Prints per text and per kind recall, the extra kinds found, and the total.
#include <boost/filesystem.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "scanner/identify/clause_kinds.h"
#include "scanner/identify/identifier.h"
#include "scanner/identify/kind_features.h"
#include "scanner/obligations/derive.h"
#include "scanner/text/normalize.h"
#include "scanner/text/read_file.h"
#include "tools/corpus_accuracy.h"

namespace fs = boost::filesystem;
using namespace oblige;

namespace {

struct Truth {
  std::set<std::string> kinds;
  std::set<std::int64_t> numbers;
};

std::set<std::string> split_list(const std::string& s, char sep) {
  std::set<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, sep);) {
    while (!item.empty() && (item.front() == ' ')) item.erase(0, 1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '.')) item.pop_back();
    if (!item.empty()) out.insert(item);
  }
  return out;
}

// file -> what MANIFEST.tsv's notes say a reader finds.
std::map<std::string, Truth> manifest_truth(const fs::path& corpus) {
  std::map<std::string, Truth> out;
  std::ifstream in((corpus / "MANIFEST.tsv").string());
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cols;
    std::stringstream fields(line);
    for (std::string c; std::getline(fields, c, '\t');) cols.push_back(c);
    if (cols.size() < 8) continue;
    const std::string& notes = cols.back();
    const auto k = notes.find("Obligation kinds:");
    if (k == std::string::npos) continue;
    const auto kinds_end = notes.find('.', k);
    Truth t;
    t.kinds = split_list(notes.substr(k + 17, kinds_end - k - 17), ',');
    if (const auto n = notes.find("Numbers:"); n != std::string::npos)
      for (const std::string& num : split_list(notes.substr(n + 8), ','))
        t.numbers.insert(std::stoll(num));
    out[cols[1]] = t;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr
        << "usage: oblige-kind-recall [--why] CORPUS_DIR...\n       oblige-kind-recall --sentence TEXT\n";
    return 2;
  }
  signatures::SignatureSet set;
  signatures::LoadResult r = signatures::load_embedded(&set);
  if (r.ok) r = signatures::finalize(&set);
  if (!r.ok) {
    std::cerr << r.error << "\n";
    return 2;
  }
  const identify::CompiledSignatures compiled(set);
  if (std::string(argv[1]) == "--sentence" && argc == 3) {
    // Every kind's best example for one sentence, down to a score of 0.05.
    const std::string n = text::normalize_string(argv[2]);
    for (const auto& m :
         compiled.kinds().classify(identify::sentence_features(n, 0, n.size()), 0.05))
      std::cout << m.kind << " " << m.score << " (" << m.signature << "/" << m.clause << ")\n";
    return 0;
  }
  // OBLIGE_KIND_THRESHOLD: try another threshold (calibration).
  const char* t = std::getenv("OBLIGE_KIND_THRESHOLD");
  const double threshold = t ? std::atof(t) : identify::kKindThreshold;
  std::map<std::string, std::pair<std::size_t, std::size_t>> per_kind;  // found, expected
  std::size_t found_total = 0, expected_total = 0, extra_total = 0, numbers_found = 0,
              numbers_total = 0;
  bool explain_extras = false;
  for (int a = 1; a < argc; ++a) {
    if (std::string(argv[a]) == "--why") {
      explain_extras = true;
      continue;
    }
    const fs::path corpus = argv[a];
    const auto truths = manifest_truth(corpus);
    for (const tools::LabelledFile& l : tools::read_labels(corpus.string())) {
      if ((l.kind != "license" && l.kind != "aup") || l.expected == "-" ||
          l.expected.find('|') != std::string::npos)
        continue;
      const text::ReadResult read = text::read_text_file(corpus / l.file, 64 << 20);
      if (read.status != text::ReadResult::Status::kOk) continue;
      const text::NormalizedText n = text::normalize(read.text.utf8);
      Truth truth;
      std::string family;
      if (const signatures::Signature* sig = set.find(l.expected)) family = sig->family;
      if (auto t = truths.find(l.file); t != truths.end()) {
        truth = t->second;
      } else {
        // The kinds of the signature that identifies it (its version).
        for (const auto& id : identify::identify(n.text, compiled)) {
          if (id.signature == identify::kNone || set.signatures[id.signature].id != l.expected)
            continue;
          for (const auto& c : set.signatures[id.signature].clauses)
            if (!c.kind.empty()) truth.kinds.insert(c.kind);
          break;
        }
      }
      if (truth.kinds.empty()) continue;
      const auto hits =
          identify::find_clause_kinds(n.text, {{0, n.text.size()}}, compiled, family, threshold);
      std::set<std::string> found;
      std::set<std::int64_t> numbers;
      for (const identify::KindHit& h : hits) {
        found.insert(h.kind);
        if (h.generic_signature == identify::kNone) continue;
        const auto& clause = set.signatures[h.generic_signature].clauses[h.generic_hit.clause];
        const auto params =
            obligations::resolve_parameters(clause.parameters, h.generic_hit.captures);
        if (params.contains("threshold") && params["threshold"].is_number())
          numbers.insert(params["threshold"].get<std::int64_t>());
      }
      std::size_t got = 0;
      std::string missed, extra;
      for (const std::string& k : truth.kinds) {
        auto& [f, e] = per_kind[k];
        ++e;
        if (found.count(k)) {
          ++f;
          ++got;
        } else {
          missed += " " + k;
        }
      }
      for (const std::string& k : found)
        if (!truth.kinds.count(k)) extra += " " + k;
      // --why: the passage and the example behind each extra kind.
      std::string why;
      if (explain_extras)
        for (const identify::KindHit& h : hits)
          if (!truth.kinds.count(h.kind))
            why += "    extra " + h.kind + " (" + h.example_signature + "/" + h.example_clause +
                   ", " + std::to_string(h.score).substr(0, 4) + "): " +
                   n.text.substr(h.begin, std::min<std::size_t>(h.end - h.begin, 160)) + "\n";
      std::size_t nums = 0;
      for (std::int64_t v : truth.numbers) nums += numbers.count(v);
      found_total += got;
      expected_total += truth.kinds.size();
      extra_total += std::count(extra.begin(), extra.end(), ' ');
      numbers_found += nums;
      numbers_total += truth.numbers.size();
      std::cout << corpus.filename().string() << "/" << l.file << ": " << got << "/"
                << truth.kinds.size()
                << (truth.numbers.empty() ? ""
                                          : ", numbers " + std::to_string(nums) + "/" +
                                                std::to_string(truth.numbers.size()))
                << (missed.empty() ? "" : "; missed:" + missed)
                << (extra.empty() ? "" : "; extra:" + extra) << "\n"
                << why;
    }
  }
  std::cout << "\nper kind (found/expected):\n";
  for (const auto& [k, fe] : per_kind)
    std::cout << "  " << k << " " << fe.first << "/" << fe.second << "\n";
  std::cout << "recall " << found_total << "/" << expected_total << " = "
            << (expected_total ? 100.0 * found_total / expected_total : 0) << " %, extra kinds "
            << extra_total << ", thresholds " << numbers_found << "/" << numbers_total << "\n";
  return 0;
}
