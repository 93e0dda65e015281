// The audit table and JSON: one row per model and revision.
#include <algorithm>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "reporters/report.h"

namespace oblige::reporters {
namespace {

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out.empty() ? "-" : out;
}

std::string cell(const std::string& s, std::size_t width) {
  if (s.size() <= width) return s;
  return s.substr(0, width - 1) + "~";
}

std::string row_id(const scan::AuditRow& r) {
  return (r.snapshot.repo_type == "model" ? "" : r.snapshot.repo_type + ":") + r.snapshot.repo_id;
}

}  // namespace

void write_audit_text(const RunInfo& info, const scan::AuditReport& audit, std::ostream& out) {
  struct Column {
    const char* title;
    std::size_t max;
  };
  const Column cols[] = {{"MODEL", 44}, {"REVISION", 12}, {"REFS", 16}, {"LICENSE (TEXT)", 28},
                         {"DECLARED", 20}, {"COMMERCIAL", 17}, {"MAIN OBLIGATIONS", 200}};
  std::vector<std::vector<std::string>> rows;
  for (const scan::AuditRow& r : audit.rows) {
    rows.push_back({row_id(r), r.snapshot.revision.empty() ? "-" : r.snapshot.revision.substr(0, 12),
                    join(r.snapshot.refs), join(r.detected), join(r.declared), r.commercial,
                    join(r.obligations, "; ")});
  }
  std::vector<std::size_t> width;
  for (std::size_t c = 0; c < std::size(cols); ++c) {
    std::size_t w = std::string(cols[c].title).size();
    for (const auto& row : rows) w = std::max(w, std::min(row[c].size(), cols[c].max));
    width.push_back(w);
  }
  const auto line = [&](const std::vector<std::string>& cells, bool header) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string text = cell(cells[c], cols[c].max);
      if (info.color && header) text = "\033[1m" + text + "\033[0m";
      out << text;
      if (c + 1 < cells.size()) out << std::string(width[c] - std::min(width[c], cell(cells[c], cols[c].max).size()) + 2, ' ');
    }
    out << "\n";
  };
  std::vector<std::string> header;
  for (const Column& c : cols) header.push_back(c.title);
  line(header, true);
  for (const auto& row : rows) line(row, false);
  for (const walk::CacheProblem& p : audit.problems) out << "warning: " << p.path << ": " << p.message << "\n";
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const scan::TargetReport& t : audit.targets)
    for (const findings::Finding& f : t.findings) ++counts[static_cast<int>(f.level)];
  out << "\n" << audit.rows.size() << " models in " << audit.root << "; " << counts[3] << " errors, "
      << counts[2] << " warnings, " << counts[1] << " notes (oblige scan --format json for details)\n";
}

void write_audit_json(const RunInfo& info, const scan::AuditReport& audit, std::ostream& out) {
  nlohmann::ordered_json root;
  root["tool"] = "oblige";
  root["version"] = info.version;
  root["schema_version"] = 1;
  root["root"] = audit.root;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const scan::AuditRow& r : audit.rows) {
    nlohmann::ordered_json j;
    j["layout"] = r.snapshot.layout;
    j["repo_type"] = r.snapshot.repo_type;
    j["model_id"] = r.snapshot.repo_id;
    j["revision"] = r.snapshot.revision;
    j["refs"] = r.snapshot.refs;
    j["path"] = r.snapshot.logical_path;
    j["detected_licenses"] = r.detected;
    j["declared_licenses"] = r.declared;
    j["main_obligations"] = r.obligations;
    j["commercial_use"] = r.commercial;
    j["policy_verdict"] = audit.targets[r.target].verdict;
    std::size_t counts[4] = {0, 0, 0, 0};
    for (const findings::Finding& f : audit.targets[r.target].findings) ++counts[static_cast<int>(f.level)];
    j["findings"] = {{"error", counts[3]}, {"warning", counts[2]}, {"note", counts[1]}};
    rows.push_back(std::move(j));
  }
  root["models"] = rows;
  nlohmann::ordered_json problems = nlohmann::ordered_json::array();
  for (const walk::CacheProblem& p : audit.problems) problems.push_back({{"path", p.path}, {"message", p.message}});
  root["problems"] = problems;
  out << root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  // The full per-model reports are in `oblige audit --format sarif` and in
  // `oblige scan --format json PATH`.
}

}  // namespace oblige::reporters
