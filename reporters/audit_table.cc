// The audit table: one row per model and revision, streamed as each model is
// done, within RunInfo::width columns (120 by default). Model ids and license
// ids are never cut (they can be pasted into `oblige explain`): a cell too
// long for its column wraps onto the next lines; the main obligations go on
// a line of their own under the row.
#include <iomanip>

#include "reporters/formats.h"

namespace oblige::reporters {
namespace {

struct Column {
  const char* title;
  std::size_t width;
};

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// Greedy line filling at ", " boundaries; a token longer than the width is
// a line of its own, whole.
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> tokens, lines;
  for (std::size_t at = 0; at <= text.size();) {
    const std::size_t comma = text.find(", ", at);
    tokens.push_back(
        text.substr(at, comma == std::string::npos ? std::string::npos : comma + 1 - at));
    if (comma == std::string::npos) break;
    at = comma + 2;
  }
  std::string line;
  for (const std::string& t : tokens) {
    if (!line.empty() && line.size() + 1 + t.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + t;
  }
  lines.push_back(line);
  return lines;
}

// Display width in code points (ids are mostly ASCII; CJK counts as one,
// which is close enough for a table).
std::size_t columns_of(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

class AuditTableSink : public Sink {
 public:
  AuditTableSink(const RunInfo& info, std::ostream& out) : info_(info), out_(out) {
    const std::size_t fixed =
        8 + 17 + 24 + 3 + 3 + 2 * 6;  // revision, commercial, verdict, E, W, gaps
    const std::size_t rest = info.width > fixed + 40 ? info.width - fixed : 40;
    cols_ = {{"MODEL", rest * 3 / 5},
             {"REVISION", 8},
             {"LICENSE", rest - rest * 3 / 5},
             {"COMMERCIAL", 17},
             {"VERDICT", 24},
             {"E", 3},
             {"W", 3}};
  }

  void begin() override {
    row({"MODEL", "REVISION", "LICENSE", "COMMERCIAL", "VERDICT", "E", "W"}, true);
  }

  void target(const render::Target& t) override {
    ++models_;
    total_.error += t.counts.error;
    total_.warning += t.counts.warning;
    total_.note += t.counts.note;
    const results::ModelIdentity id = t.model.value_or(results::ModelIdentity{});
    const std::string model =
        (id.repo_type == "model" || id.repo_type.empty() ? "" : id.repo_type + ":") + id.repo_id;
    std::string license = join(t.detected_licenses);
    if (license.empty() && !t.declared_licenses.empty())
      license = join(t.declared_licenses) + " (declared)";
    row({model, id.revision.empty() ? "-" : id.revision.substr(0, 8),
         license.empty() ? "-" : license, t.commercial_use, t.verdict.empty() ? "-" : t.verdict,
         std::to_string(t.counts.error), std::to_string(t.counts.warning)},
        false);
    std::string details;
    if (!id.refs.empty()) details += "refs: " + join(id.refs);
    if (!t.main_obligations.empty())
      details += (details.empty() ? "" : "; ") + std::string("obligations: ") +
                 join(t.main_obligations, ", ");
    if (!details.empty())
      for (const std::string& line : wrap(details, info_.width > 4 ? info_.width - 4 : 40))
        out_ << "    " << line << "\n";
  }

  void end(const std::vector<RunProblem>& problems) override {
    for (const RunProblem& p : problems) out_ << "warning: " << p.path << ": " << p.message << "\n";
    out_ << "\n"
         << models_ << " models in " << info_.root << "; " << total_.error << " errors, "
         << total_.warning << " warnings, " << total_.note
         << " notes (oblige audit --format json for every finding)\n";
  }

 private:
  std::string paint(const std::string& text, std::size_t column, bool header) const {
    if (!info_.color) return text;
    if (header) return "\033[1m" + text + "\033[0m";
    if (column != 4 && column != 3) return text;
    const char* code = text == "not allowed" || text == "not-allowed"            ? "1;31"
                       : text == "needs approval" || text == "requires-approval" ? "1;33"
                       : text == "allowed" || text == "allowed with obligations" ? "32"
                                                                                 : "0";
    return std::string("\033[") + code + "m" + text + "\033[0m";
  }

  void row(const std::vector<std::string>& cells, bool header) {
    std::vector<std::vector<std::string>> lines;
    std::size_t height = 1;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      lines.push_back(wrap(cells[c], cols_[c].width));
      height = std::max(height, lines.back().size());
    }
    for (std::size_t h = 0; h < height; ++h) {
      std::string out;
      std::size_t used = 0, target = 0;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const std::string text = h < lines[c].size() ? lines[c][h] : "";
        if (used < target) out += std::string(target - used, ' '), used = target;
        out += paint(text, c, header);
        used += columns_of(text);
        target += cols_[c].width + 2;
        if (used > target - 1) target = used + 1;  // an overlong id pushes the rest along
      }
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out_ << out << "\n";
    }
  }

  RunInfo info_;
  std::ostream& out_;
  std::vector<Column> cols_;
  std::size_t models_ = 0;
  render::Counts total_;
};

}  // namespace

std::unique_ptr<Sink> make_audit_table_sink(const RunInfo& info, std::ostream& out) {
  return std::make_unique<AuditTableSink>(info, out);
}

}  // namespace oblige::reporters
