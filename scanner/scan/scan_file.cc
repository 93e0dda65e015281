#include "scanner/scan/scan_file.h"

#include "scanner/identify/identifier.h"
#include "scanner/obligations/derive.h"
#include "scanner/text/front_matter.h"
#include "scanner/text/line_index.h"
#include "scanner/text/normalize.h"
#include "scanner/text/read_file.h"
#include "scanner/text/readme_sections.h"
#include "scanner/walk/read_candidate.h"

namespace oblige::scan {
namespace {

using results::RuleId;
using text::ReadResult;

RuleId problem_rule(ReadResult::Status status) {
  switch (status) {
    case ReadResult::Status::kTooLarge:
      return RuleId::kTooLarge;
    case ReadResult::Status::kBinary:
      return RuleId::kBinary;
    case ReadResult::Status::kPdfUnreadable:
      return RuleId::kPdfUnreadable;
    case ReadResult::Status::kSpecialFile:
      return RuleId::kSpecialFile;
    default:
      return RuleId::kUnreadable;
  }
}

void read_front_matter(std::string_view text, results::FileResult* out) {
  const text::FrontMatter fm = text::parse_front_matter(text);
  if (fm.malformed) {
    out->problems.push_back(
        {RuleId::kFrontMatter, "", "front matter is malformed: " + fm.error, fm.error_line, {}});
    return;
  }
  if (!fm.present || (fm.licenses.empty() && fm.base_models.empty())) return;
  results::Declaration d;
  d.line = fm.license_line;
  d.licenses = fm.licenses;
  d.license_name = fm.license_name;
  d.license_link = fm.license_link;
  d.base_models = fm.base_models;
  d.base_model_line = fm.base_model_line;
  d.base_model_relation = fm.base_model_relation;
  d.gated = fm.gated;
  out->declaration = std::move(d);
}

// Where the generic detectors run: a license file nobody recognises, a
// notice or disclaimer that holds no license text ("research purposes only"),
// and a model card's License section that names no known license.
bool wants_generic_terms(results::FileRole role, bool holds_text, bool identified_any, bool empty) {
  if (holds_text || empty) return false;
  switch (role) {
    case results::FileRole::kLicense:
      return true;
    case results::FileRole::kNotice:
    case results::FileRole::kReadme:
      return !identified_any;
    case results::FileRole::kPolicy:
      return false;
  }
  return false;
}

}  // namespace

results::FileRole file_role(walk::CandidateRole role) {
  switch (role) {
    case walk::CandidateRole::kNotice:
      return results::FileRole::kNotice;
    case walk::CandidateRole::kPolicy:
      return results::FileRole::kPolicy;
    case walk::CandidateRole::kReadme:
      return results::FileRole::kReadme;
    default:
      return results::FileRole::kLicense;
  }
}

results::FileResult scan_file(const walk::Candidate& candidate, const ScanOptions& options,
                              const identify::CompiledSignatures& signatures) {
  results::FileResult out;
  out.path = candidate.display_path;
  out.role = file_role(candidate.role);

  ReadResult read = walk::read_candidate(candidate, options.max_file_size);
  if (read.status != ReadResult::Status::kOk) {
    out.problems.push_back({problem_rule(read.status), "", read.message, 0, {}});
    return out;
  }
  out.read = true;
  out.encoding = read.from_pdf ? "pdf" : text::encoding_name(read.text.encoding);
  if (read.text.replaced > 0)
    out.problems.push_back({RuleId::kEncoding,
                            "",
                            std::to_string(read.text.replaced) +
                                " invalid byte sequences were replaced while decoding",
                            0,
                            {}});

  const std::string& source = read.text.utf8;
  std::string masked;
  std::string_view matchable = source;
  const bool readme = out.role == results::FileRole::kReadme;
  if (readme) {
    read_front_matter(source, &out);
    masked = text::license_sections(source);
    matchable = masked;
  }
  const text::NormalizedText normalized = text::normalize(matchable);
  // The model checks search whole README and NOTICE texts; a NOTICE's is the
  // one just normalized, only a README's (sections masked) needs another.
  if (readme)
    out.normalized_text = text::normalize_string(source);
  else if (out.role == results::FileRole::kNotice)
    out.normalized_text = normalized.text;
  const text::LineIndex lines(source);
  const obligations::FileContext context{source, &normalized, &lines};
  const signatures::SignatureSet& set = signatures.set();

  // A NOTICE file reproduces the licenses of bundled third-party components:
  // they are reported, but their clauses are not the model's obligations.
  const bool third_party = candidate.third_party;
  std::vector<identify::Identification> ids = identify::identify(normalized.text, signatures);
  if (!readme) identify::demote_quoted_statements(&ids, signatures);
  bool holds_text = false;
  for (const identify::Identification& id : ids) {
    results::LicenseMatch m = obligations::license_match(set, id, context);
    if (third_party && m.is_text()) m.scope = results::Scope::kThirdParty;
    holds_text = holds_text || m.binds_model();
    out.licenses.push_back(std::move(m));
  }
  const bool empty = normalized.text.empty();
  out.empty = empty;
  out.unrecognized = out.role == results::FileRole::kLicense && !holds_text;
  if (wants_generic_terms(out.role, holds_text, !ids.empty(), empty)) {
    for (const identify::Identification& id :
         identify::find_generic_clauses(normalized.text, signatures)) {
      auto terms = obligations::clause_matches(set, id, context);
      out.terms.insert(out.terms.end(), terms.begin(), terms.end());
    }
  }
  return out;
}

}  // namespace oblige::scan
