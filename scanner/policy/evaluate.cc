#include "scanner/policy/evaluate.h"

#include <fnmatch.h>

#include <algorithm>
#include <set>

#include "scanner/results/levels.h"
#include "scanner/text/normalize.h"

namespace oblige::policy {
namespace {

using results::ClauseKind;
using results::ClauseMatch;
using results::Level;
using results::PolicyFinding;
using results::RuleId;

bool ignored(const Policy& p, const std::string& path) {
  return !path.empty() &&
         std::any_of(p.ignore_paths.begin(), p.ignore_paths.end(), [&](const std::string& glob) {
           // Without FNM_PATHNAME '*' also matches '/', so "third_party/**" works.
           return fnmatch(glob.c_str(), path.c_str(), 0) == 0;
         });
}

// A license's terms as the policy judges them, wherever they come from.
struct Terms {
  const signatures::Signature* sig = nullptr;  // null: generic terms of an unknown text
  results::TermsSource source = results::TermsSource::kText;
  std::string file;
  results::Span span;    // of the license itself
  std::string identity;  // the license's matched words, or the base model
  std::vector<ClauseMatch>* clauses = nullptr;
  std::string base_model;
  std::string added_to;  // generic terms found in text added to this license
};

std::vector<Terms> collect_terms(const signatures::SignatureSet& set, results::TargetResult* t) {
  std::vector<Terms> out;
  for (results::FileResult& f : t->files) {
    for (results::LicenseMatch& l : f.licenses) {
      if (!l.binds_model()) continue;
      out.push_back({set.find(l.signature, l.version), results::TermsSource::kText, f.path, l.span,
                     l.matched, &l.clauses, "", ""});
      // Text added to the license is judged as the terms of an unknown text
      // are: "non-commercial use only" appended to MIT is not MIT's terms.
      if (!l.additional.empty())
        out.push_back(
            {nullptr, results::TermsSource::kText, f.path, {}, "", &l.additional, "", l.signature});
    }
    if (!f.terms.empty())
      out.push_back({nullptr, results::TermsSource::kText, f.path, {}, "", &f.terms, "", ""});
  }
  for (results::ModelResult& m : t->models) {
    for (results::GoverningLicense& g : m.licenses) {
      if (g.source == results::TermsSource::kText) continue;
      out.push_back({set.find(g.signature), g.source, g.file, results::Span::line(g.line),
                     g.base_model.empty() ? g.signature : g.base_model, &g.clauses, g.base_model,
                     ""});
    }
  }
  return out;
}

std::string family_of(const signatures::SignatureSet& set, const std::string& id) {
  const auto* sig = set.find(id);
  return sig ? sig->family : id;
}

bool listed(const std::vector<std::string>& list, const std::string& id,
            const std::string& family) {
  const std::string lid = text::ascii_lower(id);
  return std::any_of(list.begin(), list.end(), [&](const std::string& e) {
    const std::string le = text::ascii_lower(e);
    return le == lid || le == family;
  });
}

// A verdict resting on the license itself (no clause).
PolicyFinding on_license(RuleId rule, const Terms& terms) {
  PolicyFinding f;
  f.rule = rule;
  f.level = results::default_level(rule);
  f.file = terms.file;
  f.span = terms.span;
  f.license = terms.sig ? terms.sig->id : "";
  f.basis = terms.source == results::TermsSource::kText       ? RuleId::kLicenseIdentified
            : terms.source == results::TermsSource::kDeclared ? RuleId::kLicenseDeclared
                                                              : RuleId::kBaseLicense;
  f.basis_identity = terms.identity;
  f.source = terms.source;
  f.base_model = terms.base_model;
  f.added_to = terms.added_to;
  return f;
}

// A verdict resting on one clause.
PolicyFinding on_clause(RuleId rule, const Terms& terms, const ClauseMatch& c) {
  PolicyFinding f = on_license(rule, terms);
  f.span = c.span;
  f.clause = c.clause;
  f.basis = results::rule_for(c.kind);
  f.basis_identity = c.matched.empty() ? terms.identity + "\n" + c.clause : c.matched;
  f.pattern = c.pattern;
  f.excerpt = c.excerpt;
  f.parameters = c.parameters;
  if (c.parameters.contains("contact") && c.parameters["contact"].is_string())
    f.contact = c.parameters["contact"].get<std::string>();
  return f;
}

void meet(ClauseMatch* c, const std::string& why) {
  c->judgement.satisfied = why;
  c->judgement.level = Level::kNote;
}

std::int64_t scale_for(const Policy& p, const std::string& metric) {
  const auto it = p.scale.find(metric);
  return it == p.scale.end() ? 0 : it->second;
}

bool is_network_copyleft(const signatures::Signature* sig) {
  return sig && sig->spdx.rfind("AGPL", 0) == 0;
}

class Judge {
 public:
  Judge(const Policy& p, const signatures::SignatureSet& set) : p_(p), set_(set) {}

  void terms(Terms& t) {
    if (p_.commercial) commercial_word(t);
    for (ClauseMatch& c : *t.clauses) clause(t, c);
  }

  std::vector<PolicyFinding>& found() { return found_; }

  void add(PolicyFinding f) {
    if (seen_.insert(std::string(results::rule_id(f.rule)) + "\n" + f.license + "\n" + f.file)
            .second)
      found_.push_back(std::move(f));
  }

 private:
  // The word every report shows, judged against commercial use.
  void commercial_word(Terms& t) {
    std::vector<results::CommercialTerm> list;
    std::vector<std::string> ids;
    if (t.sig) {
      for (const auto& c : t.sig->clauses) {
        list.push_back({c.type, &c.parameters});
        ids.push_back(c.id);
      }
    } else {
      for (const auto& c : *t.clauses) {
        list.push_back({c.kind, &c.parameters});
        ids.push_back(c.clause);
      }
    }
    const results::CommercialDecision d = results::decide_commercial_use(list, t.sig != nullptr);
    RuleId rule;
    if (d.use == results::CommercialUse::kNotAllowed)
      rule = RuleId::kPolicyNotCommercial;
    else if (d.use == results::CommercialUse::kRequiresApproval)
      rule = RuleId::kPolicyApproval;
    else
      return;
    const ClauseMatch* basis = nullptr;
    for (const ClauseMatch& c : *t.clauses)
      if (d.basis && c.clause == ids[*d.basis]) basis = &c;
    PolicyFinding f = basis ? on_clause(rule, t, *basis) : on_license(rule, t);
    if (!basis && d.basis && t.sig) f.clause = ids[*d.basis];
    if (rule == RuleId::kPolicyApproval && acknowledged(f.rule, f.basis, f.license, &f.judgement)) {
      f.level = Level::kNote;
      // The approval obtained opens commercial use: the free tier's limits are met.
      for (ClauseMatch& c : *t.clauses)
        if (c.kind == ClauseKind::kNonCommercial || c.kind == ClauseKind::kResearchOnly ||
            c.kind == ClauseKind::kCommercialRegistration)
          meet(&c, "commercial license acknowledged in the policy");
    }
    add(std::move(f));
  }

  void clause(const Terms& t, ClauseMatch& c) {
    switch (c.kind) {
      case ClauseKind::kCommercialThreshold:
        threshold(t, c);
        break;
      case ClauseKind::kNonCommercial:
        if (!p_.commercial) meet(&c, "the policy intends no commercial use");
        break;
      case ClauseKind::kResearchOnly:
        if (p_.research_only)
          meet(&c, "the policy's use is research only");
        else if (!p_.commercial)
          add(on_clause(RuleId::kPolicyResearchOnly, t, c));
        break;
      case ClauseKind::kCommercialRegistration:
        if (c.parameters.contains("applies_to"))
          registration_for_a_use(t, c);
        else if (!p_.commercial)
          meet(&c, "the policy intends no commercial use");
        break;
      case ClauseKind::kSourceDisclosure:
        copyleft(t, c);
        break;
      default:
        break;
    }
    // A grant that excludes the team (Baichuan 2: software or cloud service
    // providers); for anyone else the clause is judged by its kind above.
    if (c.parameters.value("excludes", std::string()) == "software_or_cloud_provider" &&
        p_.commercial && p_.software_or_cloud_provider)
      add(on_clause(RuleId::kPolicyExcluded, t, c));
  }

  void threshold(const Terms& t, ClauseMatch& c) {
    if (!p_.commercial) {
      meet(&c, "the policy intends no commercial use");
      return;
    }
    if (!c.parameters.contains("threshold") || !c.parameters["threshold"].is_number()) return;
    const std::string metric = c.parameters.value("metric", std::string());
    const auto limit = c.parameters["threshold"].get<double>();
    const std::int64_t value = scale_for(p_, metric);
    if (value <= 0) return;  // not stated: stays a warning to check
    const bool over = c.parameters.value("at_or_above", false) ? value >= limit : value > limit;
    if (!over) {
      meet(&c,
           "the policy's " + metric + " (" + std::to_string(value) + ") is within the threshold");
      return;
    }
    PolicyFinding f = on_clause(RuleId::kPolicyThreshold, t, c);
    f.metric = metric;
    f.value = value;
    f.threshold = static_cast<std::int64_t>(limit);
    add(std::move(f));
  }

  // A permission only one use needs (`applies_to: hosted_service`).
  void registration_for_a_use(const Terms& t, ClauseMatch& c) {
    const std::string use = c.parameters.value("applies_to", std::string());
    const bool applies = use == "hosted_service" ? p_.hosted_service : p_.commercial;
    if (!applies) {
      meet(&c, "the policy does not make that use (" + use + ")");
      return;
    }
    PolicyFinding f = on_clause(RuleId::kPolicyApproval, t, c);
    if (acknowledged(f.rule, f.basis, f.license, &f.judgement)) f.level = Level::kNote;
    add(std::move(f));
  }

  void copyleft(const Terms& t, ClauseMatch& c) {
    const bool distributes = p_.redistribute_weights || p_.on_device ||
                             (p_.hosted_service && is_network_copyleft(t.sig));
    if (distributes)
      add(on_clause(RuleId::kPolicyCopyleft, t, c));
    else
      meet(&c, "the policy does not distribute the work");
  }

 public:
  // Fills `j` when the policy acknowledges `rule` (or the rule it rests on).
  bool acknowledged(RuleId rule, std::optional<RuleId> basis, const std::string& license,
                    results::Judgement* j) const {
    for (const Acknowledgement& a : p_.acknowledged) {
      if (a.rule != rule && (!basis || a.rule != *basis)) continue;
      if (!a.license.empty() && a.license != license && a.license != family_of(set_, license))
        continue;
      j->acknowledged = a.reason;
      j->acknowledged_line = a.line;
      j->level = Level::kNote;
      return true;
    }
    return false;
  }

 private:
  const Policy& p_;
  const signatures::SignatureSet& set_;
  std::vector<PolicyFinding> found_;
  std::set<std::string> seen_;
};

void drop_ignored(const Policy& p, results::TargetResult* t) {
  std::erase_if(t->files, [&](const results::FileResult& f) { return ignored(p, f.path); });
  std::erase_if(t->problems, [&](const results::Problem& pr) { return ignored(p, pr.path); });
  for (results::ModelResult& m : t->models) {
    std::erase_if(m.checks, [&](const results::ModelCheck& c) { return ignored(p, c.file); });
    std::erase_if(m.licenses,
                  [&](const results::GoverningLicense& g) { return ignored(p, g.file); });
  }
}

void judge_lists(const Policy& p, const signatures::SignatureSet& set,
                 const std::vector<Terms>& all, const results::TargetResult& t, Judge* judge) {
  const auto judge_id = [&](const std::string& id, const Terms& basis) {
    const std::string family = family_of(set, id);
    if (listed(p.deny, id, family))
      judge->add(on_license(RuleId::kPolicyDenied, basis));
    else if (!p.allow.empty() && !listed(p.allow, id, family))
      judge->add(on_license(RuleId::kPolicyNotAllowed, basis));
  };
  for (const Terms& terms : all)
    if (terms.sig && terms.sig->kind == "license") judge_id(terms.sig->id, terms);
  // Declared ids oblige has no signature for still meet the lists by name.
  for (const results::FileResult& f : t.files) {
    if (!f.declaration) continue;
    for (const std::string& id : f.declaration->licenses) {
      const std::string lid = text::ascii_lower(id);
      if (lid == "other" || lid == "unknown" || set.find(lid)) continue;
      Terms basis;
      basis.file = f.path;
      basis.span = results::Span::line(f.declaration->line);
      basis.source = results::TermsSource::kDeclared;
      basis.identity = lid;
      PolicyFinding pf;
      if (listed(p.deny, lid, lid))
        pf = on_license(RuleId::kPolicyDenied, basis);
      else if (!p.allow.empty() && !listed(p.allow, lid, lid))
        pf = on_license(RuleId::kPolicyNotAllowed, basis);
      else
        continue;
      pf.license = lid;
      judge->add(std::move(pf));
    }
  }
}

void judge_unknown(const Policy& p, const results::TargetResult& t, Judge* judge) {
  if (p.unknown == "allow") return;
  const Level level = p.unknown == "deny" ? Level::kError : Level::kWarning;
  const auto unknown = [&](const std::string& file, std::size_t line, RuleId basis,
                           const std::string& identity) {
    PolicyFinding f;
    f.rule = RuleId::kPolicyUnknown;
    f.level = level;
    f.file = file;
    f.span = results::Span::line(line);
    f.basis = basis;
    f.basis_identity = identity;
    f.setting = p.unknown;
    judge->add(std::move(f));
  };
  for (const results::FileResult& f : t.files)
    if (f.unrecognized && f.read) unknown(f.path, 0, RuleId::kLicenseUnrecognized, f.path);
  for (const results::ModelResult& m : t.models) {
    for (const results::ModelCheck& c : m.checks)
      if (c.rule == RuleId::kCardNoLicense) unknown(c.file, 0, RuleId::kCardNoLicense, m.folder);
    // A card declaring only licenses oblige cannot resolve, with no text.
    if (m.licenses.empty() && !m.card.empty()) {
      const auto card = std::find_if(t.files.begin(), t.files.end(),
                                     [&](const auto& f) { return f.path == m.card; });
      const bool has_text =
          std::any_of(t.files.begin(), t.files.end(), [&](const results::FileResult& f) {
            return f.path.rfind(m.folder.empty() ? "" : m.folder + "/", 0) == 0 &&
                   f.role == results::FileRole::kLicense;
          });
      if (card != t.files.end() && card->declaration && !card->declaration->licenses.empty() &&
          !has_text)
        unknown(m.card, card->declaration->line, RuleId::kLicenseDeclared, m.card);
    }
  }
}

template <typename Evidence>
void judge_levels(const Policy& p, const Judge& judge, RuleId rule, const std::string& license,
                  Evidence* e) {
  judge.acknowledged(rule, std::nullopt, license, &e->judgement);
  if (const auto it = p.rule_levels.find(rule); it != p.rule_levels.end())
    e->judgement.level = it->second;
}

void apply_levels(const Policy& p, const Judge& judge, results::TargetResult* t) {
  const auto clauses = [&](std::vector<ClauseMatch>& list) {
    for (ClauseMatch& c : list) judge_levels(p, judge, results::rule_for(c.kind), c.signature, &c);
  };
  for (results::FileResult& f : t->files) {
    for (results::Problem& pr : f.problems) judge_levels(p, judge, pr.rule, "", &pr);
    for (results::LicenseMatch& l : f.licenses) {
      judge_levels(p, judge, results::rule_of(l), l.signature, &l);
      clauses(l.clauses);
    }
    clauses(f.terms);
    if (f.unrecognized) {
      judge.acknowledged(RuleId::kLicenseUnrecognized, std::nullopt, "", &f.unrecognized_judgement);
      if (const auto it = p.rule_levels.find(RuleId::kLicenseUnrecognized);
          it != p.rule_levels.end())
        f.unrecognized_judgement.level = it->second;
    }
    if (f.declaration) {
      if (const auto it = p.rule_levels.find(RuleId::kLicenseDeclared); it != p.rule_levels.end())
        f.declaration_judgement.level = it->second;
    }
  }
  for (results::Problem& pr : t->problems) judge_levels(p, judge, pr.rule, "", &pr);
  for (results::ModelResult& m : t->models) {
    for (results::ModelCheck& c : m.checks) judge_levels(p, judge, c.rule, c.license, &c);
    for (results::GoverningLicense& g : m.licenses) clauses(g.clauses);
  }
  for (PolicyFinding& f : t->policy->findings) {
    if (f.judgement.acknowledged.empty() &&
        judge.acknowledged(f.rule, f.basis, f.license, &f.judgement))
      f.level = Level::kNote;
    if (const auto it = p.rule_levels.find(f.rule); it != p.rule_levels.end()) f.level = it->second;
  }
}

bool has_error(const results::TargetResult& t, bool* only_approval, bool* obligations) {
  bool error = false;
  const auto see = [&](Level level, bool approval) {
    if (level != Level::kError) return;
    error = true;
    if (!approval) *only_approval = false;
  };
  const auto clause = [&](const ClauseMatch& c) {
    const Level level = results::level_of(c);
    if (level != Level::kNone) *obligations = true;
    see(level, false);
  };
  for (const results::FileResult& f : t.files) {
    for (const results::Problem& pr : f.problems) see(results::level_of(pr), false);
    for (const results::LicenseMatch& l : f.licenses) {
      see(results::level_of(l), false);
      if (l.binds_model())
        for (const ClauseMatch& c : l.clauses)
          if (c.kind != ClauseKind::kNone) clause(c);
    }
    for (const ClauseMatch& c : f.terms) clause(c);
    if (f.unrecognized && f.read)
      see(f.unrecognized_judgement.level.value_or(
              results::default_level(RuleId::kLicenseUnrecognized)),
          false);
  }
  for (const results::Problem& pr : t.problems) see(results::level_of(pr), false);
  for (const results::ModelResult& m : t.models) {
    for (const results::ModelCheck& c : m.checks) see(results::level_of(c), false);
    for (const results::GoverningLicense& g : m.licenses)
      for (const ClauseMatch& c : g.clauses) clause(c);
  }
  if (t.policy)
    for (const PolicyFinding& f : t.policy->findings)
      see(f.level, f.rule == RuleId::kPolicyApproval);
  return error;
}

}  // namespace

void apply_policy(const Policy& p, const signatures::SignatureSet& set, results::TargetResult* t) {
  drop_ignored(p, t);
  t->policy = results::PolicyOutcome{};
  t->policy->file = p.file;
  Judge judge(p, set);
  std::vector<Terms> all = collect_terms(set, t);
  for (Terms& terms : all) judge.terms(terms);
  judge_lists(p, set, all, *t, &judge);
  judge_unknown(p, *t, &judge);
  t->policy->findings = std::move(judge.found());
  apply_levels(p, judge, t);
  std::erase_if(t->policy->findings,
                [](const PolicyFinding& f) { return f.level == Level::kNone; });
  std::stable_sort(t->policy->findings.begin(), t->policy->findings.end(),
                   [](const auto& a, const auto& b) {
                     return std::tie(a.file, a.span.start_line, a.rule) <
                            std::tie(b.file, b.span.start_line, b.rule);
                   });
  t->policy->verdict = verdict_of(*t);
}

results::Verdict verdict_of(const results::TargetResult& t) {
  bool only_approval = true, obligations = false;
  if (has_error(t, &only_approval, &obligations))
    return only_approval ? results::Verdict::kNeedsApproval : results::Verdict::kNotAllowed;
  return obligations ? results::Verdict::kAllowedWithObligations : results::Verdict::kAllowed;
}

}  // namespace oblige::policy
