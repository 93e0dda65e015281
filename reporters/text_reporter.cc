// Text: a summary a person reads in ten seconds. Per license: what it is,
// what you must do, what you must not do, each with file:line; then the
// problems oblige met while reading. Colour only when asked (on a terminal).
#include <algorithm>
#include <map>
#include <set>

#include "reporters/report.h"
#include "scanner/findings/rules.h"

namespace oblige::reporters {
namespace {

struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? std::string("\033[") + code + "m" + s + "\033[0m" : s;
  }
};

std::string where(const findings::Finding& f) {
  return f.location.start_line ? f.location.path + ":" + std::to_string(f.location.start_line)
                               : f.location.path;
}

// The clause's own words about the obligation, without the "License: " prefix
// the message carries for other formats. Generic detectors' sentences are
// generic, so what they extracted (a threshold, a law, a court) is added.
std::string clause_sentence(const findings::Finding& f) {
  const std::size_t colon = f.message.find(": ");
  std::string sentence = colon == std::string::npos ? f.message : f.message.substr(colon + 2);
  if (f.license_id != "unrecognized") return sentence;
  std::string details;
  for (const char* key : {"threshold", "law", "court"}) {
    if (!f.parameters.contains(key)) continue;
    const auto& v = f.parameters[key];
    details += (details.empty() ? "" : ", ") + std::string(key) + ": " +
               (v.is_string() ? v.get<std::string>() : v.dump());
  }
  if (f.parameters.contains("metric") && f.parameters["metric"].is_string())
    details += " " + f.parameters["metric"].get<std::string>();
  return details.empty() ? sentence : sentence + " [" + details + "]";
}

bool is_background(const std::string& rule_id) {
  return rule_id == "obligation/governing-law" || rule_id == "restriction/no-warranty" ||
         rule_id == "restriction/termination-on-litigation";
}

void write_license_block(const std::string& license_id, const scan::TargetReport& t,
                         const Style& style, std::ostream& out) {
  std::vector<const findings::Finding*> must, must_not, background;
  for (const findings::Finding& f : t.findings) {
    if (f.license_id != license_id || f.clause_id.empty() || f.parameters.contains("inherited")) continue;
    if (f.rule_id.rfind("derivative/", 0) == 0) continue;
    const findings::Rule* rule = findings::rule_by_id(f.rule_id);
    if (is_background(f.rule_id)) background.push_back(&f);
    else if (rule && rule->is_restriction) must_not.push_back(&f);
    else must.push_back(&f);
  }
  const auto list = [&](const char* title, const char* color,
                        const std::vector<const findings::Finding*>& items) {
    if (items.empty()) return;
    out << "    " << style(color, title) << "\n";
    for (const findings::Finding* f : items)
      out << "      - " << clause_sentence(*f) << "  " << style("2", "(" + where(*f) + ")") << "\n";
  };
  list("You must:", "1;32", must);
  list("You must not / limits:", "1;31", must_not);
  list("Good to know:", "1;34", background);
}

}  // namespace

void write_text(const Run& run, std::ostream& out) {
  const Style style{run.info.color};
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const scan::TargetReport& t : run.targets) {
    out << style("1", t.target) << "  " << style("2", "(" + std::to_string(t.files.size()) +
                                                     " license-related files of " +
                                                     std::to_string(t.files_seen) + ")")
        << "\n";
    if (!t.verdict.empty()) {
      const char* color = t.verdict == "not allowed" ? "1;31" : t.verdict == "needs approval" ? "1;33" : "1;32";
      out << "  Verdict: " << style(color, t.verdict) << "  " << style("2", "(policy " + t.policy_file + ")") << "\n";
      for (const findings::Finding& f : t.findings)
        if (f.rule_id.rfind("policy/", 0) == 0 && f.level >= findings::Level::kWarning)
          out << "    " << style(f.level == findings::Level::kError ? "31" : "33", findings::level_name(f.level))
              << " [" << f.rule_id << "]: " << f.message << "\n";
    }
    if (t.licenses.empty() && t.declared.empty()) out << "  No license found.\n";
    for (const scan::DeclaredLicense& d : t.declared) {
      std::string list;
      for (const std::string& l : d.licenses) list += (list.empty() ? "" : ", ") + l;
      out << "  " << d.file << ":" << d.line << " declares license: " << list
          << (d.license_name.empty() ? "" : " (" + d.license_name + ")") << "\n";
    }
    // The model's own license texts first, then references, then the
    // licenses of third-party components reproduced in notice files.
    std::vector<const scan::LicenseResult*> ordered;
    for (const auto& l : t.licenses) ordered.push_back(&l);
    const auto rank = [](const scan::LicenseResult* l) {
      return l->scope == "third-party" ? 2 : l->status == "reference" ? 1 : 0;
    };
    std::stable_sort(ordered.begin(), ordered.end(),
                     [&](const auto* a, const auto* b) { return rank(a) < rank(b); });
    std::set<std::string> described;
    for (const scan::LicenseResult* lp : ordered) {
      const scan::LicenseResult& l = *lp;
      const std::string lines = l.start_line == l.end_line
                                    ? std::to_string(l.start_line)
                                    : std::to_string(l.start_line) + "-" + std::to_string(l.end_line);
      out << "\n  " << style("1;36", l.name) << " [" << l.id << "]  " << l.file << ":" << lines;
      if (l.scope == "third-party") {
        out << "  " << style("2", "third-party component's license, reproduced in a notice file") << "\n";
        continue;
      }
      if (l.status == "reference") {
        out << "  " << style("33", "reference only (the text is not in this file)") << "\n";
        continue;
      }
      out << "  " << static_cast<int>(l.confidence * 100 + 0.5) << "% of clauses";
      if (l.status == "altered") out << "  " << style("33", "ALTERED: missing " + std::to_string(l.missing.size()) + " clauses");
      if (!l.ambiguous_with.empty()) out << "  " << style("33", "ambiguous version");
      out << "\n";
      if (l.commercial != "unknown") out << "    Commercial use: " << l.commercial << "\n";
      if (described.insert(l.id).second) write_license_block(l.id, t, style, out);
    }
    if (std::any_of(t.findings.begin(), t.findings.end(),
                    [](const findings::Finding& f) { return f.license_id == "unrecognized"; })) {
      out << "\n  " << style("1;33", "Unrecognized license terms") << "\n";
      write_license_block("unrecognized", t, style, out);
    }
    // Obligations a derivative inherits from its base model, per base.
    std::map<std::string, std::vector<const findings::Finding*>> inherited;
    for (const findings::Finding& f : t.findings)
      if (f.parameters.contains("inherited") && f.parameters.contains("base_model"))
        inherited[f.parameters["base_model"].get<std::string>() + " [" + f.license_id + "]"].push_back(&f);
    for (const auto& [base, items] : inherited) {
      out << "\n  " << style("1;36", "Inherited from base model " + base) << "\n";
      for (const findings::Finding* f : items) {
        const findings::Rule* rule = findings::rule_by_id(f->rule_id);
        const char* mark = rule && rule->is_restriction ? "must not / limits" : "must";
        out << "      - (" << mark << ") " << clause_sentence(*f) << "  " << style("2", "(" + where(*f) + ")")
            << "\n";
      }
    }
    bool card_header = false;
    for (const findings::Finding& f : t.findings) {
      if (f.rule_id.rfind("model-card/", 0) != 0 && f.rule_id.rfind("derivative/", 0) != 0) continue;
      if (!card_header) out << "\n  " << style("1;33", "Model card and derivative checks:") << "\n";
      card_header = true;
      const char* color = f.level == findings::Level::kError ? "1;31" : f.level == findings::Level::kWarning ? "33" : "2";
      out << "    " << style(color, findings::level_name(f.level)) << " [" << f.rule_id << "]: " << f.message << "\n";
    }
    bool header = false;
    for (const findings::Finding& f : t.findings) {
      ++counts[static_cast<int>(f.level)];
      if (f.rule_id.rfind("scan/", 0) != 0 && f.rule_id != "license/unrecognized" &&
          f.rule_id != "license/altered" && f.rule_id != "license/ambiguous")
        continue;
      if (!header) out << "\n  " << style("1;33", "Problems:") << "\n";
      header = true;
      out << "    " << findings::level_name(f.level) << " [" << f.rule_id << "]: " << f.message << "\n";
    }
    out << "\n";
  }
  out << counts[3] << " errors, " << counts[2] << " warnings, " << counts[1] << " notes\n";
}

}  // namespace oblige::reporters
