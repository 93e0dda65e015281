#include "scanner/obligations/derive.h"

#include <algorithm>
#include <cmath>

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

results::LicenseMatch license_match(const signatures::SignatureSet& set,
                                    const identify::Identification& id, const FileContext& file) {
  const signatures::Signature& sig = set.signatures[id.signature];
  results::LicenseMatch m;
  m.signature = sig.id;
  switch (id.status) {
    case identify::MatchStatus::kText:
      m.status = results::MatchStatus::kText;
      break;
    case identify::MatchStatus::kAltered:
      m.status = results::MatchStatus::kAltered;
      break;
    case identify::MatchStatus::kReference:
      m.status = results::MatchStatus::kReference;
      break;
  }
  // A reference names a license, not a version of its text.
  m.version = m.status == results::MatchStatus::kReference ? "" : sig.version;
  m.span = locate(file, id.begin, id.end);
  m.confidence = id.confidence;
  std::size_t cut = std::min(id.end, id.begin + 120);
  while (cut < id.end && (static_cast<unsigned char>(file.normalized->text[cut]) & 0xC0) == 0x80)
    ++cut;
  m.excerpt = excerpt(file, id.begin, cut);
  m.matched = normalized_words(file, id.begin, cut);
  m.clauses = clause_matches(set, id, file);
  for (std::size_t c : id.missing) m.missing.push_back(sig.clauses[c].id);
  for (std::size_t s : id.ambiguous_with) m.ambiguous_with.push_back(set.signatures[s].id);
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
