// SARIF 2.1.0, as GitHub code scanning consumes it: one run, one tool, every
// rule described, each result with a repository-relative location, a
// fingerprint that survives line moves, and the license and obligation
// parameters in its properties. By default only what someone must act on
// becomes a result (errors, warnings, policy verdicts): informational notes
// stay in the text and JSON reports unless RunInfo::sarif_notes.
#include <boost/filesystem.hpp>
#include <nlohmann/json.hpp>

#include "reporters/formats.h"
#include "reporters/json_fields.h"
#include "scanner/render/catalogue.h"

namespace oblige::reporters {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using results::Level;

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

std::vector<std::string> rule_tags(const std::string& id) {
  std::vector<std::string> tags = {"license"};
  if (id.rfind("obligation/", 0) == 0) tags.push_back("obligation");
  if (id.rfind("restriction/", 0) == 0) tags.push_back("restriction");
  if (id.rfind("scan/", 0) == 0) tags.push_back("scan-problem");
  if (id.rfind("obligation/", 0) == 0 || id.rfind("restriction/", 0) == 0)
    tags.push_back(id.substr(id.find('/') + 1));
  return tags;
}

json rule_json(const render::RuleText& rule) {
  const std::string id = results::rule_id(rule.rule);
  const Level level = results::default_level(rule.rule);
  const std::string markdown =
      "**" + rule.short_description + "**\n\n" + rule.full_description + "\n\n**What to do:** " +
      rule.action +
      "\n\nThe result's properties name the license, the signature clause and "
      "the pattern that produced it.";
  return {
      {"id", id},
      {"name", rule.name},
      {"shortDescription", {{"text", rule.short_description}}},
      {"fullDescription", {{"text", rule.full_description}}},
      {"help",
       {{"text", rule.full_description + " What to do: " + rule.action}, {"markdown", markdown}}},
      {"helpUri", std::string(kInformationUri) + "#rules"},
      {"defaultConfiguration", {{"level", results::level_name(level)}}},
      {"properties",
       {{"tags", rule_tags(id)},
        {"precision", "high"},
        {"problem.severity", level == Level::kError     ? "error"
                             : level == Level::kWarning ? "warning"
                                                        : "recommendation"}}}};
}

json region_json(const results::Span& loc) {
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

json result_json(const render::Finding& f) {
  json properties = {{"parameters", f.parameters}};
  if (!f.license.empty()) properties["license"] = f.license;
  if (!f.clause.empty()) properties["clause"] = f.clause;
  if (!f.pattern.empty()) properties["pattern"] = f.pattern;
  if (!f.excerpt.empty()) properties["excerpt"] = f.excerpt;
  if (!f.source.empty()) properties["source"] = f.source;
  const auto rule = results::parse_rule_id(f.rule_id);
  const std::string level = results::level_name(f.level);
  return {{"ruleId", f.rule_id},
          {"ruleIndex", rule ? static_cast<int>(*rule) : -1},
          {"level", level == "none" ? "note" : level},
          {"message", {{"text", f.message}}},
          {"locations", json::array({{{"physicalLocation",
                                       {{"artifactLocation", artifact_json(f.uri)},
                                        {"region", region_json(f.span)}}}}})},
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

std::string dump_json(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

class SarifSink : public Sink {
 public:
  SarifSink(const RunInfo& info, std::ostream& out) : info_(info), out_(out) {}

  void begin() override {
    json rules = json::array();
    for (const render::RuleText& r : render::catalogue()) rules.push_back(rule_json(r));
    json driver = {{"name", "oblige"},
                   {"version", info_.version},
                   {"semanticVersion", info_.version},
                   {"informationUri", kInformationUri},
                   {"rules", rules}};
    out_ << "{\"$schema\":\"https://json.schemastore.org/"
            "sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"
         << "\"tool\":" << dump_json({{"driver", driver}})
         << ",\"originalUriBaseIds\":" << dump_json({{"%SRCROOT%", {{"uri", srcroot_uri()}}}})
         << ",\"columnKind\":\"unicodeCodePoints\",\"results\":[";
  }

  void target(const render::Target& t) override {
    for (const render::Finding& f : t.findings) {
      if (!f.actionable && !info_.sarif_notes) continue;
      if (written_ >= kMaxResults) {
        ++omitted_;
        continue;
      }
      out_ << (written_ ? ",\n" : "\n") << dump_json(result_json(f));
      ++written_;
    }
    if (!t.verdict.empty()) {
      json v = {{"target", t.target}, {"policy", t.policy_file}, {"verdict", t.verdict}};
      if (t.model) v["model"] = t.model->repo_id, v["revision"] = t.model->revision;
      verdicts_.push_back(std::move(v));
    }
    for (const render::License& l : t.licenses)
      licenses_.push_back({{"id", l.id},
                           {"spdx", l.spdx},
                           {"file", l.file},
                           {"status", l.status},
                           {"source", l.source},
                           {"commercial_use", l.commercial_use},
                           {"confidence", l.confidence}});
  }

  void end(const std::vector<RunProblem>& problems) override {
    json invocation = {{"executionSuccessful", true}};
    json notifications = json::array();
    if (omitted_ > 0)
      notifications.push_back(
          {{"level", "warning"},
           {"message",
            {{"text", std::to_string(omitted_) + " results beyond the first " +
                          std::to_string(kMaxResults) + " were left out of this run."}}}});
    for (const RunProblem& p : problems)
      notifications.push_back(
          {{"level", "warning"}, {"message", {{"text", p.path + ": " + p.message}}}});
    if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
    out_ << "\n],\"invocations\":" << dump_json(json::array({invocation})) << ",\"properties\":"
         << dump_json(
                {{"licenses", licenses_}, {"verdicts", verdicts_}, {"omittedResults", omitted_}});
    if (!info_.category.empty()) {
      std::string id = info_.category;
      if (id.back() != '/') id += '/';
      out_ << ",\"automationDetails\":" << dump_json({{"id", id}});
    }
    out_ << "}]}\n";
  }

 private:
  RunInfo info_;
  std::ostream& out_;
  std::size_t written_ = 0, omitted_ = 0;
  json licenses_ = json::array(), verdicts_ = json::array();
};

}  // namespace

std::unique_ptr<Sink> make_sarif_sink(const RunInfo& info, std::ostream& out) {
  return std::make_unique<SarifSink>(info, out);
}

}  // namespace oblige::reporters
