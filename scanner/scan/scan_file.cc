#include "scanner/scan/scan_file.h"

#include <algorithm>

#include "scanner/identify/clause_kinds.h"
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

// A key given twice is malformed YAML for the Hub too, but PyYAML keeps the
// last value: that one is read, and the card's author is told so. At most
// kMaxReported keys are named (a card can repeat thousands), each cut short.
void report_duplicate_keys(const std::vector<text::DuplicateKey>& keys, results::FileResult* out) {
  constexpr std::size_t kMaxReported = 8, kMaxKeyBytes = 80;
  for (std::size_t i = 0; i < keys.size() && i < kMaxReported; ++i) {
    const text::DuplicateKey& k = keys[i];
    std::string lines;
    for (std::size_t l : k.lines) lines += (lines.empty() ? "" : ", ") + std::to_string(l);
    const std::string key =
        k.key.size() > kMaxKeyBytes ? k.key.substr(0, kMaxKeyBytes) + "..." : k.key;
    out->problems.push_back({RuleId::kFrontMatter,
                             "",
                             "front matter is malformed: the key " + key + " is given " +
                                 std::to_string(k.lines.size()) + " times (lines " + lines +
                                 "); the Hub uses the last one, on line " +
                                 std::to_string(k.lines.back()) + ", and so does oblige",
                             k.lines.front(),
                             {}});
  }
  if (keys.size() > kMaxReported)
    out->problems.push_back(
        {RuleId::kFrontMatter,
         "",
         "front matter is malformed: " + std::to_string(keys.size() - kMaxReported) +
             " more keys are given more than once",
         keys[kMaxReported].lines.front(),
         {}});
}

void read_front_matter(std::string_view text, results::FileResult* out) {
  const text::FrontMatter fm = text::parse_front_matter(text);
  if (fm.malformed) {
    out->problems.push_back(
        {RuleId::kFrontMatter, "", "front matter is malformed: " + fm.error, fm.error_line, {}});
    return;
  }
  report_duplicate_keys(fm.duplicate_keys, out);
  if (fm.base_models_capped)
    out->problems.push_back({RuleId::kFrontMatter,
                             "",
                             "front matter lists " + std::to_string(fm.base_models_listed) +
                                 " base_model entries; only the first " +
                                 std::to_string(text::kMaxBaseModels) +
                                 " distinct ones were checked",
                             fm.base_model_line,
                             {}});
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

// The start of a card that holds its whole front matter: the parser's limit
// and room for the closing line.
constexpr std::size_t kCardHeadBytes = text::kMaxFrontMatterBytes + 4096;

// A model card too large to scan: its front matter still says what the model
// is licensed under (the Hub reads only that), so it is read from the card's
// first lines; the rest of the card is not scanned.
void read_card_front_matter(const walk::Candidate& candidate, const std::string& too_large,
                            results::FileResult* out) {
  const ReadResult head = walk::read_candidate_prefix(candidate, kCardHeadBytes);
  if (head.status != ReadResult::Status::kOk || !text::opens_front_matter(head.text.utf8)) {
    out->problems.push_back({RuleId::kTooLarge, "", too_large, 0, {}});
    return;
  }
  out->problems.push_back(
      {RuleId::kTooLarge,
       "",
       too_large.substr(0, too_large.find(';')) + "; only its front matter was read",
       0,
       {}});
  if (text::find_front_matter(head.text.utf8).present) {
    read_front_matter(head.text.utf8, out);
    return;
  }
  out->problems.push_back({RuleId::kFrontMatter,
                           "",
                           "front matter is too large (it does not end within the first " +
                               std::to_string(kCardHeadBytes) + " bytes); not read",
                           1,
                           {}});
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
  if (read.status == ReadResult::Status::kTooLarge && out.role == results::FileRole::kReadme) {
    read_card_front_matter(candidate, read.message, &out);
    return out;
  }
  if (read.status != ReadResult::Status::kOk) {
    out.problems.push_back({problem_rule(read.status), "", read.message, 0, {}});
    return out;
  }
  out.read = true;
  out.sha256 = read.sha256;
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
  identify::TextIdentification found = identify::identify_text(normalized.text, signatures);
  std::vector<identify::Identification>& ids = found.ids;
  if (!readme) identify::demote_quoted_statements(&ids, signatures);
  bool holds_text = false, identified_any = false, contains = false;
  std::size_t omitted = 0;  // clause-kind hits past the cap per kind
  for (const identify::Identification& id : ids) {
    omitted += id.additional_omitted;
    if (id.status == identify::MatchStatus::kUnrecognized) {
      // No license: only the closest text and how close, for the message.
      if (id.reference != identify::kNone) {
        out.closest = std::string(signatures.index().reference(id.reference).key);
        if (id.signature != identify::kNone) out.closest = set.signatures[id.signature].id;
        out.closest_similarity = id.similarity;
      }
      continue;
    }
    identified_any = true;
    contains = contains || id.status == identify::MatchStatus::kContains;
    results::LicenseMatch m = obligations::license_match(signatures, id, context);
    if (third_party && m.is_text()) m.scope = results::Scope::kThirdParty;
    holds_text = holds_text || m.binds_model();
    out.licenses.push_back(std::move(m));
  }
  const bool empty = normalized.text.empty();
  out.empty = empty;
  out.unrecognized = out.role == results::FileRole::kLicense && !holds_text;
  const bool generic = wants_generic_terms(out.role, holds_text, identified_any, empty);
  if (generic) {
    for (const identify::Identification& id :
         identify::find_generic_clauses(normalized.text, signatures)) {
      auto terms = obligations::clause_matches(set, id, context);
      out.terms.insert(out.terms.end(), terms.begin(), terms.end());
    }
  }
  // The clause kinds found by similarity in what no identified text explains:
  // an unknown license, or the rest of a file that embeds one (the generic
  // patterns' hits in it are kept once).
  // (Only in license files: a card's or a notice's prose is not a license.)
  if ((generic || contains) && !third_party && !empty && out.role == results::FileRole::kLicense) {
    for (results::ClauseMatch& k :
         obligations::kind_matches(signatures, found.rest_kinds, context)) {
      const bool known = std::any_of(out.terms.begin(), out.terms.end(), [&](const auto& t) {
        return t.kind == k.kind && t.span.start_line <= k.span.end_line &&
               k.span.start_line <= t.span.end_line;
      });
      if (!known) out.terms.push_back(std::move(k));
    }
    omitted += found.rest_kinds_omitted;
  }
  if (omitted > 0)
    out.problems.push_back({RuleId::kTooLarge,
                            "",
                            "at least " + std::to_string(omitted) +
                                " more clause passages were found than are listed: at most " +
                                std::to_string(identify::kMaxHitsPerKind) +
                                " of each kind are reported",
                            0,
                            {}});
  return out;
}

}  // namespace oblige::scan
