#include "scanner/render/messages.h"

#include <cmath>

#include "scanner/render/escape.h"

namespace oblige::render {
namespace {

using results::RuleId;

std::string join(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + escape_control(id);
  return out;
}

std::string percent(double confidence) {
  return std::to_string(static_cast<int>(std::lround(confidence * 100))) + "%";
}

std::string name_of(const signatures::SignatureSet& set, const std::string& id) {
  const auto* sig = set.find(id);
  return sig ? sig->name + " (" + id + ")" : escape_control(id);
}

std::string sentence(std::string s) {
  if (!s.empty() && s.back() != '.') s += '.';
  return s;
}

std::string at(const std::string& where, std::size_t line) {
  return line ? where + ":" + std::to_string(line) : where;
}

}  // namespace

std::string with_commas(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && digits[i - 1] != '-' && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string license_message(const results::LicenseMatch& l, const std::string& name,
                            const std::string& id, const std::string& where) {
  const std::string what = name + " (" + id + ")";
  std::string m;
  if (!l.ambiguous_with.empty() && l.is_text()) {
    m = where + " fits the " + what + " and " + join(l.ambiguous_with) +
        " equally well; check which version applies.";
  } else if (l.status == results::MatchStatus::kText) {
    m = where + " holds the " + what + ": " + std::to_string(l.clauses.size()) +
        " clauses matched.";
  } else if (l.status == results::MatchStatus::kAltered) {
    m = where + " resembles the " + what + " but ";
    if (!l.missing.empty())
      m += std::to_string(l.missing.size()) + " of its clauses are missing or changed (" +
           join(l.missing) + ")";
    else
      m += "its text was changed";
    if (!l.added.empty())
      m += "; " + std::to_string(l.added.size()) +
           (l.added.size() == 1 ? " passage is" : " passages are") +
           " added or changed (from line " + std::to_string(l.added.front().start_line) + ")";
    m += "; confidence " + percent(l.confidence) + ".";
  } else if (l.status == results::MatchStatus::kContains) {
    m = where + " embeds the " + what + " at lines " + std::to_string(l.span.start_line) + "-" +
        std::to_string(l.span.end_line) + " among other text (" + percent(l.coverage) +
        " of the file).";
  } else {
    m = where + " refers to the " + what + " without holding its text.";
  }
  if (l.status != results::MatchStatus::kReference && l.measured)
    m += " Similarity " + percent(l.similarity) + ".";
  if (l.is_text() && !l.version_certain)
    m += " Its version or date line matches no known version: the closest is " +
         (l.version.empty() ? std::string("reported") : l.version) + ".";
  if (l.scope == results::Scope::kThirdParty)
    m += " It is reproduced in a notice file, for a bundled component.";
  return m;
}

std::string unrecognized_message(const results::FileResult& f, const std::string& where) {
  if (f.empty) return where + ": is empty";
  std::string m = where + ": matches no known license; generic detectors ran on it";
  if (!f.closest.empty())
    m += " (closest: " + escape_control(f.closest) + ", similarity " +
         percent(f.closest_similarity) + ")";
  return m;
}

std::string declared_message(const results::Declaration& d, const std::string& where) {
  return where + " declares license: " + join(d.licenses) +
         (d.license_name.empty() ? "" : " (license_name: " + escape_control(d.license_name) + ")") +
         ".";
}

std::string clause_message(const results::ClauseMatch& c, const signatures::Signature* sig,
                           const results::GoverningLicense* g, const std::string& card_where) {
  const std::string summary = clause_summary(c, sig);
  if (!sig || sig->generic) return "Unrecognized license: " + summary;
  if (g && g->source == results::TermsSource::kInherited)
    return "Inherited from base model " + escape_control(g->base_model) + " (" + sig->name +
           "): " + summary;
  if (g && g->source == results::TermsSource::kDeclared)
    return sig->name + " (declared in " + card_where +
           "; its text is not in the folder): " + summary;
  return sig->name + ": " + summary;
}

std::string clause_summary(const results::ClauseMatch& c, const signatures::Signature* sig) {
  if (sig)
    for (const auto& clause : sig->clauses)
      if (clause.id == c.clause) return clause.summary;
  return escape_control(c.summary);
}

std::string problem_message(const results::Problem& p, const std::string& where) {
  return where + ": " + escape_control(p.detail);
}

std::string check_message(const results::ModelCheck& c, const signatures::SignatureSet& set,
                          const std::string& where) {
  const std::string base = escape_control(c.base_model);
  switch (c.rule) {
    case RuleId::kCardNoLicense:
      return (c.folder.empty() ? std::string("The model folder") : escape_control(c.folder)) +
             " has no license: no license: in its model card and no license file.";
    case RuleId::kCardOtherNoName:
      return where + " declares license: other without license_name.";
    case RuleId::kCardOtherNoLink:
      return where +
             " declares license: other with neither a license_link nor a license file in the "
             "folder.";
    case RuleId::kCardUnknownId:
      return where + " declares license: " + join(c.declared) +
             ", an id the Hugging Face Hub does not know (as of " + c.hub_as_of +
             "); it is unrecognized, not necessarily invalid.";
    case RuleId::kCardLinkMissing:
      return where + ": license_link names " + escape_control(c.link) +
             ", which is not in the folder.";
    case RuleId::kCardMismatch:
      return where + " declares license: " + join(c.declared) + ", but " +
             escape_control(c.found_in) + " holds the " + name_of(set, c.license) +
             ". The license text governs: declare it instead.";
    case RuleId::kBaseLicense:
      return where + ": base model " + base + " is under the " + name_of(set, c.license) + ", " +
             (c.resolved_locally ? "found in the scanned folder"
                                 : "inferred from the publisher's name") +
             ". Its obligations apply to this derivative.";
    case RuleId::kDerivMissingCopy: {
      const auto* sig = set.find(c.license);
      return "Base model " + base + "'s license requires a copy of the " +
             (sig ? sig->name : c.license) +
             " with every copy of a derivative; none is in this folder.";
    }
    case RuleId::kDerivMissingAttribution:
      return "Base model " + base + "'s license requires the text \"" + c.text +
             "\"; no README or NOTICE in this folder carries it.";
    case RuleId::kDerivMissingChanges:
      return "Base model " + base +
             "'s license requires modified versions to state their changes; the model "
             "card does not describe how this model was changed.";
    case RuleId::kDerivNamePrefix:
      return "Base model " + base + "'s license requires a derivative's name to begin with \"" +
             c.prefix + "\"; this model is named \"" + escape_control(c.model_name) + "\".";
    case RuleId::kDerivContradicts:
      return where + " declares license: " + join(c.declared) + ", which contradicts base model " +
             base + "'s license, the " + name_of(set, c.license) +
             ": it keeps applying to derivatives.";
    default:
      return where;
  }
}

std::string policy_message(const results::PolicyFinding& f, const signatures::SignatureSet& set,
                           const std::string& where, const std::string& policy_file) {
  const std::string license = !f.license.empty() ? name_of(set, f.license)
                              : !f.added_to.empty()
                                  ? "Text added to the " + name_of(set, f.added_to)
                                  : std::string("An unknown license");
  const std::string place = " (" + at(where, f.span.start_line) + ")";
  const std::string contact = f.contact.empty() ? "the licensor" : f.contact;
  const std::string via = f.source == results::TermsSource::kInherited
                              ? " (inherited from base model " + escape_control(f.base_model) + ")"
                          : f.source == results::TermsSource::kDeclared
                              ? " (declared by the model card)"
                              : "";
  std::string m;
  switch (f.rule) {
    case RuleId::kPolicyThreshold: {
      std::string words = f.metric;
      for (char& ch : words)
        if (ch == '_') ch = ' ';
      m = license + via + ": commercial use at " + with_commas(f.value) + " " + words +
          " is over the license's threshold of " + with_commas(f.threshold) +
          " and requires a separate license from " + contact + place +
          ". Request it, then acknowledge it in the policy.";
      break;
    }
    case RuleId::kPolicyNotCommercial:
      m = license + via + " allows no commercial use, and the policy intends it" + place +
          ". Use another model or obtain a commercial license.";
      break;
    case RuleId::kPolicyResearchOnly:
      m = license + via + " allows research use only" + place +
          "; the policy does not say the use is research (use.research_only).";
      break;
    case RuleId::kPolicyApproval:
      m = license + via + " requires registration or approval before commercial use" + place +
          ". Apply to " + contact + ", then acknowledge it in the policy.";
      break;
    case RuleId::kPolicyExcluded:
      m = license + via +
          " grants no commercial license to software or cloud service providers, which the policy "
          "says you are" +
          place + ". Negotiate a separate license with " + contact + ".";
      break;
    case RuleId::kPolicyCopyleft:
      m = license + via + " is copyleft and the policy distributes the work" + place +
          ": publish the corresponding source under the same license.";
      break;
    case RuleId::kPolicyDenied:
      m = license + via + " is on the policy's deny list" + place + ".";
      break;
    case RuleId::kPolicyNotAllowed:
      m = license + via + " is not on the policy's allow list" + place + ".";
      break;
    case RuleId::kPolicyUnknown: {
      const char* what = f.basis == RuleId::kCardNoLicense ? "has no license"
                         : f.basis == RuleId::kLicenseDeclared
                             ? "declares only licenses oblige does not know"
                             : "holds a license oblige cannot identify";
      m = at(where, f.span.start_line) + " " + what + ". The policy's licenses.unknown is '" +
          f.setting + "'.";
      break;
    }
    default:
      m = license + place;
      break;
  }
  if (!f.judgement.acknowledged.empty())
    m += " Acknowledged in " + policy_file + ":" + std::to_string(f.judgement.acknowledged_line) +
         ": " + f.judgement.acknowledged;
  return sentence(m);
}

}  // namespace oblige::render
