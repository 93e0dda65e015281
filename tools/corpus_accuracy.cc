#include "tools/corpus_accuracy.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "scanner/identify/identifier.h"
#include "scanner/scan/scan.h"
#include "scanner/text/normalize.h"
#include "scanner/text/read_file.h"
#include "scanner/text/readme_sections.h"

namespace oblige::tools {
namespace {

template <class Ids>
std::string join_sorted(const Ids& ids) {
  if (ids.empty()) return "-";
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : "|") + id;
  return out;
}

}  // namespace

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

HeldLicenses held_licenses(const std::string& path, const identify::CompiledSignatures& sigs) {
  const results::TargetResult report = scan::scan_target(path, scan::ScanOptions{}, sigs);
  std::set<std::string> own, third_party;
  HeldLicenses held;
  for (const results::FileResult& f : report.files) {
    for (const results::LicenseMatch& l : f.licenses) {
      if (!l.is_text()) continue;
      const bool model = l.scope == results::Scope::kModel;
      std::set<std::string>& ids = model ? own : third_party;
      if (ids.empty())
        (model ? held.own_status : held.third_party_status) = results::status_word(l.status);
      ids.insert(l.signature);
    }
  }
  held.own.assign(own.begin(), own.end());
  held.third_party.assign(third_party.begin(), third_party.end());
  return held;
}

std::string canonical_label(const std::string& label) {
  std::set<std::string> ids;
  std::stringstream parts(label);
  std::string id;
  while (std::getline(parts, id, '|'))
    if (!id.empty() && id != "-") ids.insert(id);
  return join_sorted(ids);
}

AccuracyReport measure(const std::string& corpus_dir, const identify::CompiledSignatures& sigs) {
  AccuracyReport report;
  for (const LabelledFile& label : read_labels(corpus_dir)) {
    Verdict v;
    v.label = label;
    const std::string expected = canonical_label(label.expected);
    const HeldLicenses held = held_licenses(corpus_dir + "/" + label.file, sigs);
    // The file's own texts are its license; a NOTICE without one is judged by
    // the third-party texts it reproduces only where its label lists them.
    const bool by_third_party = held.own.empty() && expected != "-";
    v.found = join_sorted(by_third_party ? held.third_party : held.own);
    v.status = by_third_party ? held.third_party_status : held.own_status;
    v.correct = v.found == expected;
    measure_similarity(corpus_dir + "/" + label.file, sigs, &v);
    if (v.correct)
      ++report.correct;
    else if (v.found == "-")
      ++report.missed;
    else if (expected == "-")
      ++report.false_positives;
    else
      ++report.wrong;
    report.verdicts.push_back(std::move(v));
  }
  return report;
}

namespace {

std::string excerpt(std::string_view text, identify::TextRange r) {
  std::string s(text.substr(r.begin, std::min<std::size_t>(r.end - r.begin, 160)));
  if (r.end - r.begin > 160) s += "...";
  return s;
}

std::string name_of(const identify::Identification& id, const identify::CompiledSignatures& sigs) {
  if (id.signature != identify::kNone) {
    const auto& sig = sigs.set().signatures[id.signature];
    return sig.id + (sig.version.empty() ? "" : " " + sig.version);
  }
  return id.reference == identify::kNone
             ? "?"
             : std::string(sigs.index().reference(id.reference).key) + " (SPDX tier)";
}

}  // namespace

bool explain_file(const std::string& path, const identify::CompiledSignatures& sigs,
                  std::ostream& out) {
  const text::ReadResult read = text::read_text_file(path, 64 << 20);
  if (read.status != text::ReadResult::Status::kOk) {
    out << path << ": " << read.message << "\n";
    return false;
  }
  const text::NormalizedText n = text::normalize(read.text.utf8);
  const identify::TextIdentification found = identify::identify_text(n.text, sigs);
  for (const auto& id : found.ids) {
    out << identify::status_name(id.status) << " " << name_of(id, sigs);
    if (id.measured)
      out << ": similarity " << id.similarity << ", coverage " << id.coverage
          << (id.version_certain ? "" : ", version not certain");
    out << ", clauses " << id.hits.size() << " found, " << id.missing.size() << " missing\n";
    if (id.signature != identify::kNone)
      for (std::size_t c : id.missing)
        out << "  missing: " << sigs.set().signatures[id.signature].clauses[c].id << "\n";
    for (std::size_t s : id.ambiguous_with)
      out << "  fits equally: " << sigs.set().signatures[s].id << "\n";
    for (const auto& r : id.added)
      out << "  added/changed @" << r.begin << ": " << excerpt(n.text, r) << "\n";
    for (const auto& k : id.additional)
      out << "  additional " << k.kind << " (" << k.example_signature << "/" << k.example_clause
          << " " << k.score << ") @" << k.begin << ": " << excerpt(n.text, {k.begin, k.end})
          << "\n";
  }
  for (const auto& k : found.rest_kinds)
    out << "rest: " << k.kind << " (" << k.example_signature << "/" << k.example_clause << " "
        << k.score << ") @" << k.begin << ": " << excerpt(n.text, {k.begin, k.end}) << "\n";
  return true;
}

void measure_similarity(const std::string& path, const identify::CompiledSignatures& sigs,
                        Verdict* v) {
  const text::ReadResult read = text::read_text_file(path, 64 << 20);
  if (read.status != text::ReadResult::Status::kOk) return;
  const std::string name = text::ascii_lower(boost::filesystem::path(path).filename().string());
  const std::string source =
      name.rfind("readme", 0) == 0 ? text::license_sections(read.text.utf8) : read.text.utf8;
  const text::NormalizedText n = text::normalize(source);
  const auto ids = identify::identify(n.text, sigs);
  const identify::Identification* best = nullptr;
  for (const auto& id : ids) {
    if (!id.measured) continue;
    const bool named =
        id.signature != identify::kNone && sigs.set().signatures[id.signature].id == v->found;
    if (!best || named) best = &id;
    if (named) break;
  }
  if (!best) return;
  v->similarity = best->similarity;
  v->coverage = best->coverage;
  const auto& ref = sigs.index().reference(best->reference);
  v->closest = best->signature != identify::kNone ? sigs.set().signatures[best->signature].id
                                                  : std::string(ref.key);
  if (best->status == identify::MatchStatus::kUnrecognized) v->closest += " (unrecognized)";
}

}  // namespace oblige::tools
