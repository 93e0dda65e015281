#include "scanner/obligations/derive.h"

#include <algorithm>
#include <cmath>

#include "scanner/identify/spdx_tier.h"
#include "scanner/text/numbers.h"

namespace oblige::obligations {
namespace {

// The matched words as written in the file, on one line, at most 200 bytes.
std::string excerpt(const FileContext& file, std::size_t begin, std::size_t end) {
  const std::size_t from = file.normalized->source_offset(begin);
  std::size_t to = end == 0 ? from : file.normalized->source_offset(end - 1) + 1;
  // A character folded to one byte (full-width, curly quotes) must end whole.
  while (to < file.source.size() && (static_cast<unsigned char>(file.source[to]) & 0xC0) == 0x80)
    ++to;
  std::string raw(file.source.substr(from, to > from ? to - from : 0));
  std::string out;
  bool space = false;
  for (char c : raw) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  if (out.size() > 200) {
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

std::string normalized_words(const FileContext& file, std::size_t begin, std::size_t end) {
  return file.normalized->text.substr(begin, end > begin ? end - begin : 0);
}

}  // namespace

results::Span locate(const FileContext& file, std::size_t begin, std::size_t end) {
  results::Span span;
  const std::size_t from = file.normalized->source_offset(begin);
  const std::size_t last = file.normalized->source_offset(end > begin ? end - 1 : begin);
  span.start_line = file.lines->line_of(from);
  span.start_column = file.lines->column_of(from);
  span.end_line = file.lines->line_of(last);
  span.end_column = file.lines->column_of(last) + 1;
  return span;
}

nlohmann::json resolve_parameters(const nlohmann::json& parameters,
                                  const std::vector<std::string>& captures) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : parameters.items()) {
    if (value.is_object() && value.contains("capture")) {
      const auto index = value["capture"].get<std::size_t>();
      if (index == 0 || index > captures.size() || captures[index - 1].empty()) continue;
      // Exact, overflow-checked; saturated at 2^53 (no user count reaches it).
      const auto number =
          text::parse_scaled_number(captures[index - 1], value.value("scale", std::uint64_t{1}));
      if (!number) continue;
      if (number->integral)
        out[key] = number->integer;
      else
        out[key] = number->value;
    } else if (value.is_string() && value.get<std::string>().size() == 2 &&
               value.get<std::string>()[0] == '$') {
      const std::size_t index = static_cast<std::size_t>(value.get<std::string>()[1] - '0');
      if (index >= 1 && index <= captures.size()) out[key] = captures[index - 1];
    } else {
      out[key] = value;
    }
  }
  return out;
}

std::vector<results::ClauseMatch> clause_matches(const signatures::SignatureSet& set,
                                                 const identify::Identification& id,
                                                 const FileContext& file) {
  const signatures::Signature& sig = set.signatures[id.signature];
  std::vector<results::ClauseMatch> out;
  for (const identify::ClauseHit& hit : id.hits) {
    const signatures::Clause& clause = sig.clauses[hit.clause];
    results::ClauseMatch m;
    m.signature = sig.generic ? "" : sig.id;
    m.version = sig.generic ? "" : sig.version;
    m.clause = clause.id;
    m.kind = clause.type;
    m.level = clause.level_override;
    m.span = locate(file, hit.begin, hit.end);
    m.pattern = clause.patterns[hit.pattern];
    m.excerpt = excerpt(file, hit.begin, hit.end);
    m.matched = normalized_words(file, hit.begin, hit.end);
    m.parameters = resolve_parameters(clause.parameters, hit.captures);
    out.push_back(std::move(m));
  }
  return out;
}

namespace {

results::MatchStatus status_of(identify::MatchStatus status) {
  switch (status) {
    case identify::MatchStatus::kText:
      return results::MatchStatus::kText;
    case identify::MatchStatus::kAltered:
      return results::MatchStatus::kAltered;
    case identify::MatchStatus::kContains:
      return results::MatchStatus::kContains;
    case identify::MatchStatus::kReference:
    case identify::MatchStatus::kUnrecognized:
      break;
  }
  return results::MatchStatus::kReference;
}

}  // namespace

std::vector<results::ClauseMatch> kind_matches(const identify::CompiledSignatures& compiled,
                                               const std::vector<identify::KindHit>& hits,
                                               const FileContext& file) {
  const signatures::SignatureSet& set = compiled.set();
  std::vector<results::ClauseMatch> out;
  for (const identify::KindHit& k : hits) {
    if (k.generic_signature != identify::kNone) {
      // Found by a generic pattern: the clause as the generic detectors give it.
      identify::Identification one;
      one.signature = k.generic_signature;
      one.hits = {k.generic_hit};
      for (results::ClauseMatch& m : clause_matches(set, one, file)) out.push_back(std::move(m));
      continue;
    }
    const std::optional<results::ClauseKind> kind = results::parse_kind(k.kind);
    if (!kind || *kind == results::ClauseKind::kNone) continue;
    results::ClauseMatch m;
    m.clause = "like:" + k.example_signature + "/" + k.example_clause;
    m.kind = *kind;
    m.span = locate(file, k.begin, k.end);
    m.excerpt = excerpt(file, k.begin, k.end);
    m.matched = normalized_words(file, k.begin, k.end);
    m.parameters = {{"similarity", std::round(k.score * 1000) / 1000},
                    {"example", k.example_signature + "/" + k.example_clause}};
    m.summary = "a " + k.kind + " clause, like " + k.example_signature + "'s " + k.example_clause;
    out.push_back(std::move(m));
  }
  return out;
}

results::LicenseMatch license_match(const identify::CompiledSignatures& compiled,
                                    const identify::Identification& id, const FileContext& file) {
  const signatures::SignatureSet& set = compiled.set();
  results::LicenseMatch m;
  m.status = status_of(id.status);
  if (id.signature != identify::kNone) {
    const signatures::Signature& sig = set.signatures[id.signature];
    m.signature = sig.id;
    // A reference names a license, not a version of its text.
    m.version = m.status == results::MatchStatus::kReference ? "" : sig.version;
    m.clauses = clause_matches(set, id, file);
    for (std::size_t c : id.missing) m.missing.push_back(sig.clauses[c].id);
    for (std::size_t s : id.ambiguous_with) m.ambiguous_with.push_back(set.signatures[s].id);
  } else if (id.reference != identify::kNone) {
    // The SPDX List tier: the obligations of its category of license.
    const identify::IndexReference& ref = compiled.index().reference(id.reference);
    m.spdx_tier = true;
    m.signature = std::string(ref.key);
    m.name = std::string(ref.name);
    const auto& categories = identify::spdx_categories();
    if (ref.category < categories.size()) {
      const identify::SpdxCategory& cat = categories[ref.category];
      m.category = cat.id;
      m.commercial = cat.commercial;
      for (const identify::SpdxObligation& o : cat.obligations) {
        const std::optional<results::ClauseKind> kind = results::parse_kind(o.kind);
        if (!kind) continue;
        results::ClauseMatch c;
        c.signature = m.signature;
        c.clause = cat.id + "/" + o.kind;
        c.kind = *kind;
        c.span = locate(file, id.begin, id.end);
        c.summary = o.summary;
        c.matched = c.clause;
        m.clauses.push_back(std::move(c));
      }
    }
  }
  m.span = locate(file, id.begin, id.end);
  m.confidence = id.confidence;
  std::size_t cut = std::min(id.end, id.begin + 120);
  while (cut < id.end && (static_cast<unsigned char>(file.normalized->text[cut]) & 0xC0) == 0x80)
    ++cut;
  m.excerpt = excerpt(file, id.begin, cut);
  m.matched = normalized_words(file, id.begin, cut);
  m.measured = id.measured;
  m.similarity = id.similarity;
  m.coverage = id.coverage;
  m.version_certain = id.version_certain;
  for (const identify::TextRange& r : id.added) m.added.push_back(locate(file, r.begin, r.end));
  m.additional = kind_matches(compiled, id.additional, file);
  return m;
}

std::vector<results::ClauseMatch> implied_clauses(const signatures::Signature& sig,
                                                  std::size_t line) {
  std::vector<results::ClauseMatch> out;
  for (const signatures::Clause& clause : sig.clauses) {
    if (clause.type == results::ClauseKind::kNone) continue;
    results::ClauseMatch m;
    m.signature = sig.id;
    m.version = sig.version;
    m.clause = clause.id;
    m.kind = clause.type;
    m.level = clause.level_override;
    m.span = results::Span::line(line);
    // Unresolved captures ({capture: N}) have no value without a text.
    m.parameters = resolve_parameters(clause.parameters, {});
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace oblige::obligations
