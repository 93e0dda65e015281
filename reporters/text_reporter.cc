// Text: a summary a person reads in ten seconds. Per target: a headline
// naming what governs the weights, the code and the data, the verdict, then
// per license what it is, what you must do, what you must not do, each with
// its level and file:line; then the model-card checks and the problems met
// while reading. Colour only when asked (on a terminal).
#include <map>
#include <set>

#include "reporters/formats.h"
#include "reporters/readable.h"

namespace oblige::reporters {
namespace {

using render::Group;
using results::Level;

struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? std::string("\033[") + code + "m" + s + "\033[0m" : s;
  }
};

const char* level_color(Level level) {
  return level == Level::kError ? "1;31" : level == Level::kWarning ? "33" : "2";
}

class TextSink : public Sink {
 public:
  TextSink(const RunInfo& info, std::ostream& out) : info_(info), style_{info.color}, out_(out) {}

  void begin() override {}

  void target(const render::Target& t) override {
    total_.error += t.counts.error;
    total_.warning += t.counts.warning;
    total_.note += t.counts.note;
    out_ << style_("1", t.target) << "  "
         << style_("2", "(" + std::to_string(t.files.size()) + " license-related files of " +
                            std::to_string(t.files_seen) + ")")
         << "\n";
    verdict(t);
    headline(t);
    if (t.licenses.empty() && t.declared.empty()) out_ << "  No license found.\n";
    for (const render::Declared& d : t.declared) {
      if (d.licenses.empty()) continue;
      std::string list;
      for (const std::string& l : d.licenses) list += (list.empty() ? "" : ", ") + l;
      out_ << "  " << d.file << ":" << d.line << " declares license: " << list
           << (d.license_name.empty() ? "" : " (" + d.license_name + ")") << "\n";
    }
    licenses(t);
    unrecognized(t);
    section(t, Group::kCard, "Model card and derivative checks:");
    section(t, Group::kProblem, "Problems:");
    out_ << "\n";
  }

  void end(const std::vector<RunProblem>&) override {
    out_ << total_.error << " errors, " << total_.warning << " warnings, " << total_.note
         << " notes\n";
  }

 private:
  // What governs the weights, the code and the data, in one line per folder.
  void headline(const render::Target& t) {
    std::map<std::string, std::vector<const render::Governs*>> by_folder;
    for (const render::Governs& g : t.governs) by_folder[g.folder].push_back(&g);
    for (const auto& [folder, list] : by_folder) {
      std::string line;
      bool split = false;
      for (const auto* g : list) split = split || g->subject != list.front()->subject;
      for (const auto* g : list) {
        std::string part = (split ? g->subject + ": " : "") + g->name + " [" + g->license + "]";
        if (g->source == "declared")
          part += " (declared in " + g->where + "; the text is not here)";
        else if (g->source == "inherited")
          part += " (inherited from the base model, " + g->where + ")";
        else
          part += " (" + g->where + ")";
        line += (line.empty() ? "" : "; ") + part;
      }
      out_ << "  " << style_("1", "Governed by:") << " " << (folder.empty() ? "" : folder + "/: ")
           << line << "\n";
    }
    if (!t.governs.empty() || t.commercial_use != "unknown")
      out_ << "  Commercial use: " << style_("1", t.commercial_use) << "\n";
  }

  void verdict(const render::Target& t) {
    if (t.verdict.empty()) return;
    const char* color = t.verdict == "not allowed"      ? "1;31"
                        : t.verdict == "needs approval" ? "1;33"
                                                        : "1;32";
    out_ << "  Verdict: " << style_(color, t.verdict) << "  "
         << style_("2", "(policy " + t.policy_file + ")") << "\n";
    for (const render::Finding& f : t.findings)
      if (f.group == Group::kPolicy)
        out_ << "    " << style_(level_color(f.level), results::level_name(f.level)) << " ["
             << f.rule_id << "]: " << f.message << "\n";
  }

  void item(const render::Finding& f, const char* mark = nullptr) {
    out_ << "      - " << style_(level_color(f.level), results::level_name(f.level)) << " "
         << (mark ? std::string("(") + mark + ") " : "") << clause_sentence(f) << "  "
         << style_("2", "(" + where(f) + ")") << "\n";
  }

  void block(const render::Target& t, long index) {
    const BlockItems items = block_items(t, index);
    const auto list = [&](const char* title, const char* color,
                          const std::vector<const render::Finding*>& entries) {
      if (entries.empty()) return;
      out_ << "    " << style_(color, title) << "\n";
      for (const render::Finding* f : entries) item(*f);
    };
    list("You must:", "1;32", items.must);
    list("You must not / limits:", "1;31", items.must_not);
    list("Good to know:", "1;34", items.good_to_know);
  }

  void licenses(const render::Target& t) {
    for (long i : license_order(t)) {
      const render::License& l = t.licenses[static_cast<std::size_t>(i)];
      const std::string lines = l.start_line == l.end_line ? std::to_string(l.start_line)
                                                           : std::to_string(l.start_line) + "-" +
                                                                 std::to_string(l.end_line);
      out_ << "\n  ";
      if (l.source == "declared") out_ << style_("1;33", "Declared by the model card") << " ";
      if (l.source == "inherited")
        out_ << style_("1;33", "Inherited from base model " + l.base_model) << ": ";
      out_ << style_("1;36", l.name) << " [" << l.id << "]  " << l.file << ":" << lines;
      if (l.scope == "third-party") {
        out_ << "  " << style_("2", "third-party component's license, reproduced in a notice file")
             << "\n";
        continue;
      }
      if (l.status == "reference") {
        out_ << "  " << style_("33", "reference only (the text is not in this file)") << "\n";
        continue;
      }
      if (l.source == "declared")
        out_ << "  " << style_("33", "(the license text is not in the folder)");
      if (l.source == "text")
        out_ << "  " << static_cast<int>(l.confidence * 100 + 0.5) << "% of clauses";
      if (l.status == "altered")
        out_ << "  "
             << style_("33", "ALTERED: missing " + std::to_string(l.missing.size()) + " clauses");
      if (!l.ambiguous_with.empty()) out_ << "  " << style_("33", "ambiguous version");
      out_ << "\n";
      if (l.commercial_use != "unknown" && l.kind == "license")
        out_ << "    Commercial use: " << l.commercial_use << "\n";
      block(t, i);
    }
  }

  void unrecognized(const render::Target& t) {
    bool any = false;
    for (const render::Finding& f : t.findings) any = any || f.license == "unrecognized";
    if (!any) return;
    out_ << "\n  " << style_("1;33", "Unrecognized license terms") << "\n";
    block(t, -1);
  }

  void section(const render::Target& t, Group group, const char* title) {
    bool header = false;
    for (const render::Finding& f : t.findings) {
      if (f.group != group) continue;
      if (!header) out_ << "\n  " << style_("1;33", title) << "\n";
      header = true;
      out_ << "    " << style_(level_color(f.level), results::level_name(f.level)) << " ["
           << f.rule_id << "]: " << f.message << "\n";
    }
  }

  RunInfo info_;
  Style style_;
  std::ostream& out_;
  render::Counts total_;
};

}  // namespace

std::unique_ptr<Sink> make_text_sink(const RunInfo& info, std::ostream& out) {
  return std::make_unique<TextSink>(info, out);
}

}  // namespace oblige::reporters
