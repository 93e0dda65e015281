#include "scanner/render/render.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "scanner/render/artifact_path.h"
#include "scanner/render/escape.h"
#include "scanner/render/fingerprint.h"
#include "scanner/render/messages.h"
#include "scanner/results/levels.h"

namespace oblige::render {

void Counts::add(results::Level level) {
  if (level == results::Level::kError)
    ++error;
  else if (level == results::Level::kWarning)
    ++warning;
  else if (level == results::Level::kNote)
    ++note;
}

namespace {

using results::ClauseKind;
using results::Level;
using results::RuleId;

Group clause_group(ClauseKind kind) {
  switch (kind) {
    case ClauseKind::kGoverningLaw:
    case ClauseKind::kNoWarranty:
    case ClauseKind::kTerminationOnLitigation:
      return Group::kGoodToKnow;
    default:
      return results::is_restriction(kind) ? Group::kMustNot : Group::kMust;
  }
}

Group rule_group(RuleId rule) {
  const std::string id = results::rule_id(rule);
  if (id.rfind("scan/", 0) == 0) return Group::kProblem;
  if (id.rfind("model-card/", 0) == 0 || id.rfind("derivative/", 0) == 0) return Group::kCard;
  if (id.rfind("policy/", 0) == 0) return Group::kPolicy;
  if (rule == RuleId::kLicenseUnrecognized || rule == RuleId::kLicenseAltered ||
      rule == RuleId::kLicenseAmbiguous)
    return Group::kProblem;
  return Group::kLicense;
}

// The subject a license governs, from the file's name, else from the kind of
// license (a model license, a code license, a data license).
std::string subject_of(const std::string& file, const signatures::Signature& sig) {
  std::string name = file.substr(file.rfind('/') == std::string::npos ? 0 : file.rfind('/') + 1);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.find("model") != std::string::npos) return "weights";
  if (name.find("code") != std::string::npos) return "code";
  if (name.find("data") != std::string::npos) return "data";
  const std::string& spdx = sig.spdx;
  if (spdx.rfind("LicenseRef-", 0) == 0 || spdx.find("RAIL") != std::string::npos) return "weights";
  if (spdx.rfind("ODC", 0) == 0 || spdx.rfind("CDLA", 0) == 0) return "data";
  if (spdx.rfind("CC-", 0) == 0) return "all";
  return "code";
}

class Renderer {
 public:
  Renderer(const results::TargetResult& t, const signatures::SignatureSet& set)
      : t_(t), set_(set), base_(t.target) {}

  Target run() {
    out_.target = t_.target;
    out_.files_seen = t_.files_seen;
    out_.model = t_.model;
    if (out_.model) {
      for (std::string* s : {&out_.model->repo_id, &out_.model->revision, &out_.model->path})
        *s = escape_control(*s);
      for (std::string& r : out_.model->refs) r = escape_control(r);
    }
    for (const results::FileResult& f : t_.files) file(f);
    for (const results::Problem& p : t_.problems) problem(p, p.path);
    for (const results::ModelResult& m : t_.models) model(m);
    if (t_.policy) policy(*t_.policy);
    std::stable_sort(
        out_.findings.begin(), out_.findings.end(), [](const Finding& a, const Finding& b) {
          return std::tie(a.path, a.span.start_line, a.span.start_column, a.rule_id, a.license,
                          a.clause) < std::tie(b.path, b.span.start_line, b.span.start_column,
                                               b.rule_id, b.license, b.clause);
        });
    for (const Finding& f : out_.findings) out_.counts.add(f.level);
    out_.commercial_use = results::commercial_word(t_.commercial);
    governs();
    row();
    return std::move(out_);
  }

 private:
  // A file's path as reports show it, worked out once per file: each of its
  // findings asks (boost's path normalization was 2 % of a scan's time).
  const std::string& artifact(const std::string& path) {
    auto it = artifacts_.find(path);
    if (it == artifacts_.end()) it = artifacts_.emplace(path, base_.path(path)).first;
    return it->second;
  }

  Finding& add(RuleId rule, Level level, const std::string& path, const results::Span& span,
               std::string message) {
    Finding f;
    f.rule_id = results::rule_id(rule);
    f.level = level;
    f.path = path;
    f.uri = artifact(path);
    f.span = span;
    f.message = std::move(message);
    f.group = rule_group(rule);
    f.actionable = level >= Level::kWarning || f.group == Group::kPolicy;
    out_.findings.push_back(std::move(f));
    return out_.findings.back();
  }

  bool keep(Level level) const { return level != Level::kNone; }

  void file(const results::FileResult& f) {
    out_.files.push_back({f.path, results::role_word(f.role), f.encoding, f.read, f.sha256});
    for (const results::Problem& p : f.problems) problem(p, f.path);
    if (f.declaration) declaration(f, *f.declaration);
    for (const results::LicenseMatch& l : f.licenses) license(f, l);
    if (f.unrecognized && f.read) {
      const Level level = f.unrecognized_judgement.level.value_or(
          results::default_level(RuleId::kLicenseUnrecognized));
      if (keep(level)) {
        Finding& u = add(RuleId::kLicenseUnrecognized, level, f.path, {},
                         unrecognized_message(f, artifact(f.path)));
        if (!f.closest.empty())
          u.parameters = {{"closest", escape_control(f.closest)},
                          {"similarity", rounded(f.closest_similarity)}};
        u.fingerprint = fingerprint({u.rule_id, f.path});
      }
    }
    for (const results::ClauseMatch& c : f.terms) clause(c, f.path, nullptr, -1);
  }

  void problem(const results::Problem& p, const std::string& path) {
    const Level level = results::level_of(p);
    if (!keep(level)) return;
    Finding& f =
        add(p.rule, level, path, results::Span::line(p.line), problem_message(p, artifact(path)));
    f.fingerprint = fingerprint({f.rule_id, path});
  }

  void declaration(const results::FileResult& file, const results::Declaration& d) {
    Declared out{
        file.path, d.line, {}, escape_control(d.license_name), escape_control(d.license_link), {}};
    for (const auto& l : d.licenses) out.licenses.push_back(escape_control(l));
    for (const auto& b : d.base_models) out.base_models.push_back(escape_control(b));
    out_.declared.push_back(std::move(out));
    if (d.licenses.empty()) return;
    const Level level =
        file.declaration_judgement.level.value_or(results::default_level(RuleId::kLicenseDeclared));
    if (!keep(level)) return;
    Finding& f = add(RuleId::kLicenseDeclared, level, file.path, results::Span::line(d.line),
                     declared_message(d, artifact(file.path)));
    f.parameters = {{"declared", out_.declared.back().licenses}};
    if (!d.license_name.empty()) f.parameters["license_name"] = out_.declared.back().license_name;
    if (!d.license_link.empty()) f.parameters["license_link"] = out_.declared.back().license_link;
    f.fingerprint = fingerprint({f.rule_id, file.path});
  }

  License summary(const signatures::Signature& sig) const {
    License s;
    s.id = sig.id;
    s.name = sig.name;
    s.spdx = sig.spdx;
    s.scancode = sig.scancode;
    s.family = sig.family;
    s.kind = sig.kind;
    s.commercial_use = results::commercial_word(sig.commercial_use);
    return s;
  }

  // A license of the SPDX List tier has no signature: what it is comes with
  // the match.
  License tier_summary(const results::LicenseMatch& l) const {
    License s;
    s.id = escape_control(l.signature);
    s.name = escape_control(l.name);
    s.spdx = s.id;
    s.kind = "license";
    s.commercial_use = l.commercial;
    s.tier = "spdx";
    s.category = l.category;
    return s;
  }

  // The license's word made as restrictive as the text added to it says:
  // from the signature's word, or the SPDX tier category's, never from the
  // summary just rendered.
  static std::string with_added(const signatures::Signature* sig, const results::LicenseMatch& l) {
    const results::CommercialUse base =
        sig ? sig->commercial_use
            : results::parse_commercial(l.commercial).value_or(results::CommercialUse::kUnknown);
    std::vector<results::CommercialTerm> added;
    results::append_terms(l.additional, &added);
    return results::commercial_word(
        results::most_restrictive(base, results::decide_commercial_use(added, false).use));
  }

  static double rounded(double v) { return std::round(v * 1000) / 1000; }

  void license(const results::FileResult& file, const results::LicenseMatch& l) {
    const signatures::Signature* sig = l.spdx_tier ? nullptr : set_.find(l.signature, l.version);
    if (!sig && !l.spdx_tier) return;
    License s = sig ? summary(*sig) : tier_summary(l);
    if (l.binds_model() && !l.additional.empty()) s.commercial_use = with_added(sig, l);
    s.version = l.version;
    s.file = file.path;
    s.start_line = l.span.start_line;
    s.end_line = l.span.end_line;
    s.status = results::status_word(l.status);
    s.scope = results::scope_word(l.scope);
    s.source = "text";
    s.confidence = l.confidence;
    for (const auto& c : l.clauses)
      s.matched.push_back({c.clause, results::kind_word(c.kind), c.span.start_line});
    s.missing = l.missing;
    s.ambiguous_with = l.ambiguous_with;
    s.measured = l.measured;
    s.similarity = rounded(l.similarity);
    s.coverage = rounded(l.coverage);
    s.version_certain = l.version_certain;
    s.added = l.added;
    out_.licenses.push_back(s);
    const long block = static_cast<long>(out_.licenses.size()) - 1;

    const Level level = results::level_of(l);
    if (keep(level)) {
      Finding& f = add(results::rule_of(l), level, file.path, l.span,
                       license_message(l, s.name, s.id, artifact(file.path)));
      f.license = s.id;
      f.excerpt = escape_control(l.excerpt);
      f.parameters = {{"status", results::status_word(l.status)},
                      {"confidence", rounded(l.confidence)},
                      {"spdx", s.spdx},
                      {"signature", sig ? sig->file : "spdx-license-list"}};
      if (!l.version.empty()) f.parameters["version"] = l.version;
      if (!l.missing.empty()) f.parameters["missing_clauses"] = l.missing;
      if (!l.ambiguous_with.empty()) f.parameters["ambiguous_with"] = l.ambiguous_with;
      if (l.scope == results::Scope::kThirdParty) f.parameters["scope"] = "third-party";
      if (l.measured) {
        f.parameters["similarity"] = s.similarity;
        f.parameters["coverage"] = s.coverage;
      }
      if (!l.version_certain) f.parameters["version_certain"] = false;
      if (!l.added.empty()) f.parameters["added_lines"] = added_lines(l.added);
      if (l.spdx_tier) f.parameters["category"] = l.category;
      f.block = block;
      f.fingerprint = fingerprint({f.rule_id, s.id});
    }
    if (!l.binds_model()) return;
    for (const results::ClauseMatch& c : l.clauses) clause(c, file.path, nullptr, block, &s);
    for (const results::ClauseMatch& c : l.additional)
      clause(c, file.path, nullptr, block, &s, true);
  }

  static nlohmann::json added_lines(const std::vector<results::Span>& spans) {
    nlohmann::json out = nlohmann::json::array();
    for (const results::Span& a : spans) out.push_back({a.start_line, a.end_line});
    return out;
  }

  // `tier`: the license it belongs to when that has no signature (the SPDX
  // List tier); `added`: found in text added to the license.
  void clause(const results::ClauseMatch& c, const std::string& path,
              const results::GoverningLicense* g, long block, const License* owner = nullptr,
              bool added = false) {
    if (c.kind == ClauseKind::kNone) return;
    const Level level = results::level_of(c);
    if (!keep(level)) return;
    const signatures::Signature* sig =
        c.signature.empty() ? generic() : set_.find(c.signature, c.version);
    std::string message = clause_message(c, sig, g, artifact(path));
    if (added && owner)
      message = owner->name + " (in text added to it): " + clause_summary(c, sig);
    else if (!sig && owner)
      message = owner->name + ": " + c.summary;
    Finding& f = add(results::rule_for(c.kind), level, path, c.span, std::move(message));
    f.group = clause_group(c.kind);
    f.actionable = level >= Level::kWarning;
    f.license = added && owner        ? owner->id
                : c.signature.empty() ? std::string("unrecognized")
                                      : c.signature;
    f.clause = c.clause;
    f.pattern = c.pattern;
    f.excerpt = escape_control(c.excerpt);
    f.parameters = c.parameters;
    f.parameters["signature"] = c.signature.empty() ? "generic" : c.signature;
    if (added) f.parameters["added"] = true;
    f.block = block;
    f.source = g ? results::source_word(g->source) : "text";
    if (g && g->source == results::TermsSource::kInherited) {
      f.base_model = escape_control(g->base_model);
      f.parameters["base_model"] = f.base_model;
      f.parameters["inherited"] = true;
    }
    if (g && g->source == results::TermsSource::kDeclared) f.parameters["declared"] = true;
    if (!c.judgement.satisfied.empty()) f.parameters["satisfied"] = c.judgement.satisfied;
    if (!c.judgement.acknowledged.empty()) f.parameters["acknowledged"] = c.judgement.acknowledged;
    f.fingerprint = g ? fingerprint({f.rule_id, f.license, c.clause,
                                     results::source_word(g->source), g->base_model})
                      : fingerprint({f.rule_id, f.license, c.clause, c.matched});
  }

  const signatures::Signature* generic() const {
    for (const auto& s : set_.signatures)
      if (s.generic) return &s;
    return nullptr;
  }

  void model(const results::ModelResult& m) {
    for (const results::ModelCheck& c : m.checks) check(c);
    for (const results::GoverningLicense& g : m.licenses) {
      if (g.source == results::TermsSource::kText) continue;
      const signatures::Signature* sig = set_.find(g.signature);
      if (!sig) continue;
      License s = summary(*sig);
      s.version = sig->version;
      s.file = g.file;
      s.start_line = s.end_line = g.line;
      s.status = s.source = results::source_word(g.source);
      s.scope = "model";
      s.base_model = escape_control(g.base_model);
      for (const auto& c : g.clauses)
        s.matched.push_back({c.clause, results::kind_word(c.kind), c.span.start_line});
      out_.licenses.push_back(std::move(s));
      const long block = static_cast<long>(out_.licenses.size()) - 1;
      for (const results::ClauseMatch& c : g.clauses) clause(c, g.file, &g, block);
    }
  }

  void check(const results::ModelCheck& c) {
    const Level level = results::level_of(c);
    if (!keep(level)) return;
    Finding& f = add(c.rule, level, c.file, results::Span::line(c.line),
                     check_message(c, set_, artifact(c.file)));
    std::string identity;
    const std::vector<std::string> declared = [&] {
      std::vector<std::string> v;
      for (const auto& d : c.declared) v.push_back(escape_control(d));
      return v;
    }();
    switch (c.rule) {
      case RuleId::kCardMismatch:
        f.license = c.license;
        f.parameters = {{"declared", declared}, {"found", c.license}, {"found_in", c.found_in}};
        identity = c.license;
        break;
      case RuleId::kCardUnknownId:
        f.parameters = {{"declared", declared.empty() ? "" : declared.front()}};
        identity = declared.empty() ? "" : declared.front();
        break;
      case RuleId::kCardLinkMissing:
        f.parameters = {{"license_link", escape_control(c.link)}};
        identity = c.link;
        break;
      case RuleId::kBaseLicense:
        f.license = c.license;
        f.parameters = {{"base_model", escape_control(c.base_model)},
                        {"license", c.license},
                        {"resolved", c.resolved_locally ? "found in the scanned folder"
                                                        : "inferred from the publisher's name"}};
        identity = c.base_model;
        break;
      case RuleId::kDerivMissingAttribution:
        f.license = c.license;
        f.clause = c.clause;
        f.parameters = {{"base_model", escape_control(c.base_model)}, {"text", c.text}};
        identity = c.base_model + c.clause;
        break;
      case RuleId::kDerivNamePrefix:
        f.license = c.license;
        f.parameters = {{"base_model", escape_control(c.base_model)},
                        {"prefix", c.prefix},
                        {"model_name", escape_control(c.model_name)}};
        identity = c.base_model;
        break;
      case RuleId::kDerivContradicts:
        f.license = c.license;
        f.parameters = {{"declared", declared},
                        {"base_model", escape_control(c.base_model)},
                        {"base_license", c.license}};
        identity = c.base_model;
        break;
      case RuleId::kDerivMissingCopy:
      case RuleId::kDerivMissingChanges:
        f.license = c.license;
        f.parameters = {{"base_model", escape_control(c.base_model)}, {"license", c.license}};
        identity = c.base_model;
        break;
      default:
        break;
    }
    if (!c.judgement.acknowledged.empty()) f.parameters["acknowledged"] = c.judgement.acknowledged;
    f.fingerprint = fingerprint({f.rule_id, c.file, identity});
  }

  void policy(const results::PolicyOutcome& p) {
    out_.policy_file = escape_control(p.file);
    out_.verdict = results::verdict_word(p.verdict);
    for (const results::PolicyFinding& v : p.findings) {
      if (!keep(v.level)) continue;
      Finding& f = add(v.rule, v.level, v.file, v.span,
                       policy_message(v, set_, artifact(v.file), out_.policy_file));
      f.license = v.license;
      f.clause = v.clause;
      f.pattern = v.pattern;
      f.excerpt = escape_control(v.excerpt);
      f.parameters = v.parameters;
      f.parameters["source_rule"] = results::rule_id(v.basis);
      if (v.rule == RuleId::kPolicyThreshold) f.parameters["policy_value"] = v.value;
      if (v.source != results::TermsSource::kText)
        f.parameters["source"] = results::source_word(v.source);
      if (!v.base_model.empty()) f.parameters["base_model"] = escape_control(v.base_model);
      if (!v.judgement.acknowledged.empty())
        f.parameters["acknowledged"] = v.judgement.acknowledged;
      f.fingerprint = fingerprint(
          {f.rule_id, results::rule_id(v.basis), v.license, v.clause, v.basis_identity});
    }
  }

  void governs() {
    const auto add_governs = [&](const std::string& folder, const std::string& id,
                                 const std::string& source, const std::string& file,
                                 std::size_t line) {
      const signatures::Signature* sig = set_.find(id);
      if (!sig || sig->kind != "license") return;
      const std::string subject = source == "text" ? subject_of(file, *sig) : "weights";
      for (const Governs& g : out_.governs)
        if (g.folder == folder && g.license == id && g.subject == subject) return;
      out_.governs.push_back({folder, subject, id, sig->name, source,
                              line ? file + ":" + std::to_string(line) : file});
    };
    for (const results::ModelResult& m : t_.models)
      for (const results::GoverningLicense& g : m.licenses)
        add_governs(m.folder, g.signature, results::source_word(g.source), g.file, g.line);
    if (!t_.models.empty()) return;
    for (const results::FileResult& f : t_.files)
      for (const results::LicenseMatch& l : f.licenses)
        if (l.binds_model()) add_governs("", l.signature, "text", f.path, l.span.start_line);
  }

  void row() {
    for (const License& l : out_.licenses)
      if (l.source == "text" && l.scope == "model" && l.status != "reference" &&
          l.kind == "license" &&
          std::find(out_.detected_licenses.begin(), out_.detected_licenses.end(), l.id) ==
              out_.detected_licenses.end())
        out_.detected_licenses.push_back(l.id);
    for (const Declared& d : out_.declared)
      for (const std::string& id : d.licenses)
        out_.declared_licenses.push_back(id == "other" && !d.license_name.empty() ? d.license_name
                                                                                  : id);
    static const char* const kMain[] = {
        "commercial-threshold",      "non-commercial", "research-only",
        "commercial-registration",   "attribution",    "include-license-copy",
        "source-disclosure",         "naming",         "output-restriction",
        "pass-through-restrictions", "no-sublicense"};
    for (const Finding& f : out_.findings) {
      if (f.clause.empty() || f.license == "unrecognized" || f.group == Group::kPolicy ||
          f.group == Group::kCard)
        continue;
      const std::string kind = f.rule_id.substr(f.rule_id.find('/') + 1);
      if (std::find(std::begin(kMain), std::end(kMain), kind) == std::end(kMain)) continue;
      std::string text = kind;
      if (kind == "commercial-threshold" && f.parameters.contains("threshold"))
        text += " " + f.parameters["threshold"].dump() + " " +
                f.parameters.value("metric", std::string());
      if (kind == "naming" && f.parameters.contains("prefix") && f.parameters["prefix"].is_string())
        text += " " + f.parameters["prefix"].get<std::string>();
      if (std::find(out_.main_obligations.begin(), out_.main_obligations.end(), text) ==
          out_.main_obligations.end())
        out_.main_obligations.push_back(text);
    }
  }

  const results::TargetResult& t_;
  const signatures::SignatureSet& set_;
  ArtifactBase base_;
  std::unordered_map<std::string, std::string> artifacts_;  // artifact(), by path
  Target out_;
};

}  // namespace

Target render_target(const results::TargetResult& target, const signatures::SignatureSet& set) {
  return Renderer(target, set).run();
}

}  // namespace oblige::render
