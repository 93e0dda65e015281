#include "scanner/scan/scan_file.h"

#include <algorithm>

#include "scanner/findings/rules.h"
#include "scanner/identify/identifier.h"
#include "scanner/obligations/derive.h"
#include "scanner/text/front_matter.h"
#include "scanner/text/line_index.h"
#include "scanner/text/normalize.h"
#include "scanner/text/read_file.h"
#include "scanner/text/readme_sections.h"

namespace oblige::scan {
namespace {

namespace rules = findings::rule_ids;
using text::ReadResult;

using findings::file_finding;

const char* problem_rule(ReadResult::Status status) {
  switch (status) {
    case ReadResult::Status::kTooLarge:
      return rules::kTooLarge;
    case ReadResult::Status::kBinary:
      return rules::kBinary;
    case ReadResult::Status::kPdfUnreadable:
      return rules::kPdfUnreadable;
    default:
      return rules::kUnreadable;
  }
}

LicenseResult license_result(const signatures::SignatureSet& set,
                             const identify::Identification& id,
                             const obligations::FileContext& file) {
  const signatures::Signature& sig = set.signatures[id.signature];
  LicenseResult r;
  r.id = sig.id;
  r.name = sig.name;
  r.spdx = sig.spdx;
  r.scancode = sig.scancode;
  r.version = id.status == identify::MatchStatus::kReference ? "" : sig.version;
  r.family = sig.family;
  r.kind = sig.kind;
  r.commercial = sig.commercial;
  r.file = file.display_path;
  const findings::Location loc = obligations::locate(file, id.begin, id.end);
  r.start_line = loc.start_line;
  r.end_line = loc.end_line;
  r.status = identify::status_name(id.status);
  r.confidence = id.confidence;
  for (const identify::ClauseHit& hit : id.hits) {
    const signatures::Clause& clause = sig.clauses[hit.clause];
    r.matched.push_back(
        {clause.id, clause.kind, obligations::locate(file, hit.begin, hit.end).start_line});
  }
  for (std::size_t c : id.missing) r.missing.push_back(sig.clauses[c].id);
  for (std::size_t s : id.ambiguous_with) r.ambiguous_with.push_back(set.signatures[s].id);
  return r;
}

void read_front_matter(const std::string& path, std::string_view text, FileOutcome* out) {
  const text::FrontMatter fm = text::parse_front_matter(text);
  if (fm.malformed) {
    out->findings.push_back(file_finding(rules::kFrontMatter, path,
                                         "front matter is malformed: " + fm.error, fm.error_line));
    return;
  }
  if (!fm.present || (fm.licenses.empty() && fm.base_models.empty())) return;
  DeclaredLicense d{path,
                    fm.license_line,
                    fm.licenses,
                    fm.license_name,
                    fm.license_link,
                    fm.base_models,
                    fm.base_model_line,
                    fm.base_model_relation,
                    fm.gated};
  std::string list;
  for (const std::string& l : fm.licenses) list += (list.empty() ? "" : ", ") + l;
  findings::Finding f = file_finding(rules::kDeclaredLicense, path,
                                     "the model card declares license: " + list, fm.license_line);
  f.message = path + " declares license: " + list +
              (fm.license_name.empty() ? "" : " (license_name: " + fm.license_name + ")") + ".";
  f.parameters = {{"declared", fm.licenses}};
  if (!fm.license_name.empty()) f.parameters["license_name"] = fm.license_name;
  if (!fm.license_link.empty()) f.parameters["license_link"] = fm.license_link;
  out->declared.push_back(std::move(d));
  if (!fm.licenses.empty()) out->findings.push_back(std::move(f));
}

}  // namespace

FileOutcome scan_file(const walk::Candidate& candidate, const ScanOptions& options,
                      const identify::CompiledSignatures& signatures) {
  FileOutcome out;
  const std::string& path = candidate.display_path;
  out.file.path = path;
  out.file.role = walk::role_name(candidate.role);

  ReadResult read = candidate.content
                        ? text::read_text_bytes(*candidate.content, options.max_file_size)
                        : text::read_text_file(candidate.path, options.max_file_size);
  if (read.status != ReadResult::Status::kOk) {
    out.findings.push_back(file_finding(problem_rule(read.status), path, read.message));
    return out;
  }
  out.file.read = true;
  out.file.encoding = read.from_pdf ? "pdf" : text::encoding_name(read.text.encoding);
  if (read.text.replaced > 0)
    out.findings.push_back(
        file_finding(rules::kEncoding, path,
                     std::to_string(read.text.replaced) +
                         " invalid byte sequences were replaced while decoding"));

  const std::string& source = read.text.utf8;
  std::string masked;
  std::string_view matchable = source;
  if (candidate.role == walk::CandidateRole::kReadme) {
    read_front_matter(path, source, &out);
    masked = text::license_sections(source);
    matchable = masked;
  }
  const text::NormalizedText normalized = text::normalize(matchable);
  // The model checks search whole README and NOTICE texts; a NOTICE's is the
  // one just normalized, only a README's (sections masked) needs another.
  if (candidate.role == walk::CandidateRole::kReadme)
    out.file.normalized_text = text::normalize_string(source);
  else if (candidate.role == walk::CandidateRole::kNotice)
    out.file.normalized_text = normalized.text;
  const text::LineIndex lines(source);
  const obligations::FileContext context{path, source, &normalized, &lines};
  const signatures::SignatureSet& set = signatures.set();

  // A NOTICE file reproduces the licenses of bundled third-party components:
  // they are reported, but their clauses are not the model's obligations.
  const bool third_party = candidate.role == walk::CandidateRole::kNotice;
  bool holds_text = false;
  std::vector<identify::Identification> ids = identify::identify(normalized.text, signatures);
  if (candidate.role != walk::CandidateRole::kReadme)
    identify::demote_quoted_statements(&ids, signatures);
  for (const identify::Identification& id : ids) {
    // Not plumbed yet (the lead's result types): licenses of the SPDX List
    // tier (no signature) and "unrecognized, closest to ...".
    if (id.signature == identify::kNone || id.status == identify::MatchStatus::kUnrecognized)
      continue;
    findings::Finding license = obligations::license_finding(set, id, context);
    LicenseResult result = license_result(set, id, context);
    if (third_party && id.status != identify::MatchStatus::kReference) {
      result.scope = "third-party";
      license.message += " It is reproduced in a notice file, for a bundled component.";
      license.parameters["scope"] = "third-party";
    }
    out.findings.push_back(std::move(license));
    out.licenses.push_back(std::move(result));
    if (id.status == identify::MatchStatus::kReference || third_party) continue;
    holds_text = true;
    auto clauses = obligations::clause_findings(set, id, context, set.signatures[id.signature].id);
    out.findings.insert(out.findings.end(), clauses.begin(), clauses.end());
  }
  // A license file nobody recognises, or a model card's License section that
  // states terms in its own words ("the weights are for research only"):
  // the generic detectors still find what they oblige.
  const bool unknown_file = candidate.role == walk::CandidateRole::kLicense;
  // (A card that names a known license gets its obligations from that license.)
  const bool card_prose =
      candidate.role == walk::CandidateRole::kReadme && !normalized.text.empty() &&
      std::all_of(ids.begin(), ids.end(), [](const identify::Identification& id) {
        return id.status == identify::MatchStatus::kUnrecognized;
      });
  if (!holds_text && unknown_file)
    out.findings.push_back(file_finding(
        rules::kLicenseUnrecognized, path,
        normalized.text.empty() ? "is empty"
                                : "matches no known license; generic detectors ran on it"));
  if (!holds_text && (unknown_file || card_prose)) {
    for (const identify::Identification& id :
         identify::find_generic_clauses(normalized.text, signatures)) {
      auto clauses = obligations::clause_findings(set, id, context, "unrecognized");
      out.findings.insert(out.findings.end(), clauses.begin(), clauses.end());
    }
  }
  return out;
}

}  // namespace oblige::scan
