#include "scanner/obligations/derive.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "scanner/findings/fingerprint.h"
#include "scanner/findings/rules.h"
#include "scanner/text/numbers.h"

namespace oblige::obligations {
namespace {

namespace rules = findings::rule_ids;

// The matched words as written in the file, on one line, at most 200 bytes.
std::string excerpt(const FileContext& file, std::size_t begin, std::size_t end) {
  const std::size_t from = file.normalized->source_offset(begin);
  std::size_t to = end == 0 ? from : file.normalized->source_offset(end - 1) + 1;
  // A character folded to one byte (full-width, curly quotes) must end whole.
  while (to < file.source.size() && (static_cast<unsigned char>(file.source[to]) & 0xC0) == 0x80) ++to;
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

std::string percent(double confidence) {
  return std::to_string(static_cast<int>(std::lround(confidence * 100))) + "%";
}

std::string join_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

}  // namespace

findings::Location locate(const FileContext& file, std::size_t begin, std::size_t end) {
  findings::Location loc;
  loc.path = file.display_path;
  const std::size_t from = file.normalized->source_offset(begin);
  const std::size_t last = file.normalized->source_offset(end > begin ? end - 1 : begin);
  loc.start_line = file.lines->line_of(from);
  loc.start_column = file.lines->column_of(from);
  loc.end_line = file.lines->line_of(last);
  loc.end_column = file.lines->column_of(last) + 1;
  return loc;
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

findings::Finding license_finding(const signatures::SignatureSet& set,
                                  const identify::Identification& id, const FileContext& file) {
  const signatures::Signature& sig = set.signatures[id.signature];
  findings::Finding f;
  f.license_id = sig.id;
  f.location = locate(file, id.begin, id.end);
  std::size_t cut = std::min(id.end, id.begin + 120);
  while (cut < id.end && (static_cast<unsigned char>(file.normalized->text[cut]) & 0xC0) == 0x80) ++cut;
  f.excerpt = excerpt(file, id.begin, cut);
  std::vector<std::string> missing, ambiguous;
  for (std::size_t c : id.missing) missing.push_back(sig.clauses[c].id);
  for (std::size_t s : id.ambiguous_with) ambiguous.push_back(set.signatures[s].id);
  f.parameters = {{"status", identify::status_name(id.status)},
                  {"confidence", std::round(id.confidence * 1000) / 1000},
                  {"spdx", sig.spdx},
                  {"signature", sig.file}};
  // A reference names a license, not a version of its text.
  if (!sig.version.empty() && id.status != identify::MatchStatus::kReference)
    f.parameters["version"] = sig.version;
  if (!missing.empty()) f.parameters["missing_clauses"] = missing;
  if (!ambiguous.empty()) f.parameters["ambiguous_with"] = ambiguous;
  const std::string what = sig.name + " (" + sig.id + ")";
  switch (id.status) {
    case identify::MatchStatus::kText:
      f.rule_id = rules::kLicenseIdentified;
      f.message = file.display_path + " holds the " + what + ": " +
                  std::to_string(id.hits.size()) + " clauses matched.";
      break;
    case identify::MatchStatus::kAltered:
      f.rule_id = rules::kLicenseAltered;
      f.message = file.display_path + " resembles the " + what + " but " +
                  std::to_string(id.missing.size()) + " of its clauses are missing or changed (" +
                  join_ids(missing) + "); confidence " + percent(id.confidence) + ".";
      break;
    case identify::MatchStatus::kReference:
      f.rule_id = rules::kLicenseReference;
      f.message = file.display_path + " refers to the " + what + " without holding its text.";
      break;
  }
  if (!ambiguous.empty()) {
    f.rule_id = rules::kLicenseAmbiguous;
    f.message = file.display_path + " fits the " + what + " and " + join_ids(ambiguous) +
                " equally well; check which version applies.";
  }
  f.level = findings::rule_by_id(f.rule_id)->default_level;
  f.fingerprint = findings::fingerprint({f.rule_id, sig.id});
  return f;
}

std::vector<findings::Finding> clause_findings(const signatures::SignatureSet& set,
                                               const identify::Identification& id,
                                               const FileContext& file,
                                               const std::string& license_id) {
  const signatures::Signature& sig = set.signatures[id.signature];
  std::vector<findings::Finding> out;
  for (const identify::ClauseHit& hit : id.hits) {
    const signatures::Clause& clause = sig.clauses[hit.clause];
    if (clause.kind.empty()) continue;
    const findings::Rule* rule = findings::rule_for_kind(clause.kind);
    if (!rule) continue;  // the loader rejects unknown kinds
    findings::Finding f;
    f.rule_id = rule->id;
    f.level = rule->default_level;
    if (!clause.level.empty()) findings::parse_level(clause.level, &f.level);
    f.license_id = license_id;
    f.clause_id = clause.id;
    f.pattern = clause.patterns[hit.pattern];
    f.location = locate(file, hit.begin, hit.end);
    f.excerpt = excerpt(file, hit.begin, hit.end);
    f.message = (sig.generic ? std::string("Unrecognized license") : sig.name) + ": " + clause.summary;
    f.parameters = resolve_parameters(clause.parameters, hit.captures);
    f.parameters["signature"] = sig.id;
    const std::string_view matched(file.normalized->text.data() + hit.begin, hit.end - hit.begin);
    f.fingerprint = findings::fingerprint({f.rule_id, license_id, clause.id, matched});
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace oblige::obligations
