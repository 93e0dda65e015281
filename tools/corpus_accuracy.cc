#include "tools/corpus_accuracy.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "scanner/scan/scan.h"

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

}  // namespace oblige::tools
