// SARIF 2.1.0, as GitHub code scanning consumes it: one run, one tool, every
// rule described, each result with a repository-relative location, a
// fingerprint that survives line moves, and the license and obligation
// parameters in its properties.
#include <boost/filesystem.hpp>
#include <nlohmann/json.hpp>

#include "oblige_version.h"
#include "reporters/report.h"
#include "scanner/findings/rules.h"

namespace oblige::reporters {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxResults = 5000;  // GitHub shows at most 5,000 per run
constexpr const char* kInformationUri = "https://github.com/oblige-scanner/oblige";

// Percent-encodes everything but unreserved characters and '/', so file names
// in any language (or invalid UTF-8) make valid URIs.
std::string uri_encode(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::vector<std::string> rule_tags(const findings::Rule& rule) {
  std::vector<std::string> tags = {"license"};
  if (rule.id.rfind("obligation/", 0) == 0) tags.push_back("obligation");
  if (rule.id.rfind("restriction/", 0) == 0) tags.push_back("restriction");
  if (rule.id.rfind("scan/", 0) == 0) tags.push_back("scan-problem");
  if (!rule.kind.empty()) tags.push_back(rule.kind);
  return tags;
}

json rule_json(const findings::Rule& rule) {
  const std::string markdown = "**" + rule.short_description + "**\n\n" + rule.full_description +
                               "\n\n**What to do:** " + rule.action +
                               "\n\nThe result's properties name the license, the signature clause and "
                               "the pattern that produced it.";
  return {{"id", rule.id},
          {"name", rule.name},
          {"shortDescription", {{"text", rule.short_description}}},
          {"fullDescription", {{"text", rule.full_description}}},
          {"help", {{"text", rule.full_description + " What to do: " + rule.action}, {"markdown", markdown}}},
          {"helpUri", std::string(kInformationUri) + "#rules"},
          {"defaultConfiguration", {{"level", findings::level_name(rule.default_level)}}},
          {"properties",
           {{"tags", rule_tags(rule)},
            {"precision", "high"},
            {"problem.severity", rule.default_level == findings::Level::kError ? "error"
                                 : rule.default_level == findings::Level::kWarning ? "warning"
                                                                                    : "recommendation"}}}};
}

json region_json(const findings::Location& loc) {
  json region = {{"startLine", std::max<std::size_t>(loc.start_line, 1)}};
  if (loc.start_line > 0 && loc.start_column > 0) {
    region["startColumn"] = loc.start_column;
    region["endLine"] = std::max(loc.end_line, loc.start_line);
    region["endColumn"] = std::max<std::size_t>(loc.end_column, 1);
    if (region["endLine"] == region["startLine"] && loc.end_column <= loc.start_column)
      region["endColumn"] = loc.start_column + 1;
  }
  return region;
}

// Paths under the working folder are relative to %SRCROOT% (the repository
// root in CI); others (an audited cache in the home folder) are file: URIs.
json artifact_json(const std::string& path) {
  if (!path.empty() && path.front() == '/') return {{"uri", "file://" + uri_encode(path)}};
  return {{"uri", uri_encode(path)}, {"uriBaseId", "%SRCROOT%"}};
}

json result_json(const findings::Finding& f, const std::string& target, int rule_index) {
  json properties = {{"parameters", f.parameters}};
  if (!f.license_id.empty()) properties["license"] = f.license_id;
  if (!f.clause_id.empty()) properties["clause"] = f.clause_id;
  if (!f.pattern.empty()) properties["pattern"] = f.pattern;
  if (!f.excerpt.empty()) properties["excerpt"] = f.excerpt;
  const std::string level = findings::level_name(f.level);
  return {{"ruleId", f.rule_id},
          {"ruleIndex", rule_index},
          {"level", level == "none" ? "note" : level},
          {"message", {{"text", f.message}}},
          {"locations",
           json::array({{{"physicalLocation",
                          {{"artifactLocation", artifact_json(artifact_path(target, f.location.path))},
                           {"region", region_json(f.location)}}}}})},
          {"partialFingerprints",
           {{"primaryLocationLineHash", f.fingerprint}, {"obligeFingerprint/v1", f.fingerprint}}},
          {"properties", properties}};
}

std::string srcroot_uri() {
  boost::system::error_code ec;
  std::string cwd = boost::filesystem::current_path(ec).generic_string();
  if (cwd.empty() || cwd.back() != '/') cwd += '/';
  return "file://" + uri_encode(cwd);
}

}  // namespace

void write_sarif(const Run& run, std::ostream& out) {
  const auto& rules = findings::all_rules();
  json rules_json = json::array();
  for (const findings::Rule& r : rules) rules_json.push_back(rule_json(r));
  const auto rule_index = [&](const std::string& id) {
    for (std::size_t i = 0; i < rules.size(); ++i)
      if (rules[i].id == id) return static_cast<int>(i);
    return -1;
  };

  json results = json::array();
  std::size_t omitted = 0;
  json licenses = json::array();
  json verdicts = json::array();
  for (const scan::TargetReport& target : run.targets) {
    for (const findings::Finding& f : target.findings) {
      if (results.size() >= kMaxResults) {
        ++omitted;
        continue;
      }
      results.push_back(result_json(f, target.target, rule_index(f.rule_id)));
    }
    if (!target.verdict.empty())
      verdicts.push_back({{"target", target.target}, {"policy", target.policy_file}, {"verdict", target.verdict}});
    for (const scan::LicenseResult& l : target.licenses)
      licenses.push_back({{"id", l.id}, {"spdx", l.spdx}, {"file", artifact_path(target.target, l.file)},
                          {"status", l.status}, {"confidence", l.confidence}});
  }

  json invocation = {{"executionSuccessful", true}};
  if (omitted > 0) {
    invocation["toolExecutionNotifications"] = json::array(
        {{{"level", "warning"},
          {"message", {{"text", std::to_string(omitted) + " results beyond the first " +
                                    std::to_string(kMaxResults) + " were left out of this run."}}}}});
  }
  json sarif_run = {
      {"tool",
       {{"driver",
         {{"name", "oblige"},
          {"version", OBLIGE_VERSION},
          {"semanticVersion", OBLIGE_VERSION},
          {"informationUri", kInformationUri},
          {"rules", rules_json}}}}},
      {"originalUriBaseIds", {{"%SRCROOT%", {{"uri", srcroot_uri()}}}}},
      {"columnKind", "unicodeCodePoints"},
      {"invocations", json::array({invocation})},
      {"results", results},
      {"properties", {{"licenses", licenses}, {"verdicts", verdicts}, {"omittedResults", omitted}}}};
  if (!run.info.category.empty()) {
    std::string id = run.info.category;
    if (id.back() != '/') id += '/';
    sarif_run["automationDetails"] = {{"id", id}};
  }
  const json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                    {"version", "2.1.0"},
                    {"runs", json::array({sarif_run})}};
  out << log.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace oblige::reporters
