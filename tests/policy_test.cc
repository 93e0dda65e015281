#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "scanner/findings/rules.h"
#include "scanner/policy/evaluate.h"
#include "scanner/policy/policy.h"
#include "support.h"

using namespace oblige;
using oblige::testing::TempDir;
using nlohmann::json;

namespace {

policy::Policy make_policy(const std::string& yaml) {
  const policy::LoadResult r = policy::parse_policy(".oblige.yml", yaml);
  INFO(r.error);
  REQUIRE(r.ok);
  return r.policy;
}

// A report holding one clause of `sig`, as a scan of its text would.
scan::TargetReport report_with(const signatures::Signature& sig, const signatures::Clause& clause) {
  scan::TargetReport r;
  findings::Finding f;
  f.rule_id = findings::rule_for_kind(clause.kind)->id;
  f.level = findings::rule_for_kind(clause.kind)->default_level;
  f.license_id = sig.id;
  f.clause_id = clause.id;
  f.location = {"LICENSE", 7, 7, 1, 2};
  f.parameters = clause.parameters;
  f.message = sig.name + ": " + clause.summary;
  r.findings.push_back(f);
  return r;
}

std::vector<std::string> policy_rules(const scan::TargetReport& r, findings::Level at_least) {
  std::vector<std::string> out;
  for (const auto& f : r.findings)
    if (f.rule_id.rfind("policy/", 0) == 0 && f.level >= at_least) out.push_back(f.rule_id);
  return out;
}

using Rules = std::vector<std::string>;

}  // namespace

TEST_CASE("policy: every signature's conditions against commercial and non-commercial use", "[policy]") {
  const auto personal = make_policy("use: {commercial: false}\n");
  const auto commercial = make_policy("use: {commercial: true}\n");
  std::size_t thresholds = 0, forbidding = 0, approvals = 0;
  for (const auto& sig : testing::builtin_signatures().signatures) {
    for (const auto& clause : sig.clauses) {
      if (clause.kind.empty()) continue;
      INFO(sig.id << " " << clause.id);
      scan::TargetReport quiet = report_with(sig, clause);
      policy::apply_policy(personal, testing::builtin_signatures(), &quiet);
      CHECK(policy_rules(quiet, findings::Level::kError).empty());

      scan::TargetReport r = report_with(sig, clause);
      policy::apply_policy(commercial, testing::builtin_signatures(), &r);
      const Rules errors = policy_rules(r, findings::Level::kError);
      if (clause.kind == "non-commercial" || clause.kind == "research-only") {
        CHECK(errors == Rules{"policy/commercial-not-allowed"});
        CHECK(r.verdict == "not allowed");
        ++forbidding;
      } else if (clause.kind == "commercial-registration") {
        CHECK(errors == Rules{"policy/approval-required"});
        CHECK(r.verdict == "needs approval");
        ++approvals;
      } else if (clause.kind == "commercial-threshold") {
        CHECK(errors.empty());  // the scale is not stated: nothing to compare
        ++thresholds;
      } else if (clause.parameters.value("excludes", std::string()).empty()) {
        CHECK(errors.empty());
      }
    }
  }
  CHECK(thresholds >= 10);
  CHECK(forbidding >= 10);
  CHECK(approvals >= 10);
}

TEST_CASE("policy: each commercial threshold, just below, at and just above", "[policy]") {
  std::size_t checked = 0;
  for (const auto& sig : testing::builtin_signatures().signatures) {
    for (const auto& clause : sig.clauses) {
      if (clause.kind != "commercial-threshold" || !clause.parameters.contains("threshold") ||
          !clause.parameters["threshold"].is_number())
        continue;  // the generic detectors' thresholds come from the text
      const std::string metric = clause.parameters.value("metric", std::string());
      const auto threshold = clause.parameters["threshold"].get<std::int64_t>();
      const bool inclusive = clause.parameters.value("at_or_above", false);
      // A metric a policy cannot state (edge devices, monthly visits) is
      // reported with the finding but not judged.
      const std::string probe = "scale: {" + metric + ": 1}\n";
      if (!policy::parse_policy(".oblige.yml", probe).ok) continue;
      for (const std::int64_t users : {threshold - 1, threshold, threshold + 1}) {
        INFO(sig.id << " " << metric << " " << users);
        const auto p = make_policy("use: {commercial: true}\nscale: {" + metric + ": " + std::to_string(users) + "}\n");
        scan::TargetReport r = report_with(sig, clause);
        policy::apply_policy(p, testing::builtin_signatures(), &r);
        const bool over = inclusive ? users >= threshold : users > threshold;
        CHECK(policy_rules(r, findings::Level::kError) == (over ? Rules{"policy/threshold-exceeded"} : Rules{}));
        ++checked;
      }
    }
  }
  CHECK(checked >= 30);
}

TEST_CASE("policy: the issue's cases by name", "[policy]") {
  const auto& set = testing::builtin_signatures();
  const auto clause_of = [&](const std::string& id, const std::string& kind) -> const signatures::Clause& {
    for (const auto& c : set.find(id)->clauses)
      if (c.kind == kind) return c;
    FAIL("no " << kind << " clause in " << id);
    throw;
  };
  const auto verdict = [&](const std::string& id, const std::string& kind, const std::string& yaml) {
    scan::TargetReport r = report_with(*set.find(id), clause_of(id, kind));
    policy::apply_policy(make_policy(yaml), set, &r);
    return std::pair{policy_rules(r, findings::Level::kWarning), r};
  };
  // Qwen above 100 million MAU.
  auto [qwen, qwen_report] = verdict("tongyi-qianwen-2023", "commercial-threshold",
                                     "use: {commercial: true}\nscale: {monthly_active_users: 150000000}\n");
  CHECK(qwen == Rules{"policy/threshold-exceeded"});
  for (const auto& f : qwen_report.findings) {
    if (f.rule_id != "policy/threshold-exceeded") continue;
    CHECK(f.message.find("Alibaba Cloud") != std::string::npos);
    CHECK(f.message.find("LICENSE:7") != std::string::npos);
    CHECK(f.location.start_line == 7);
    CHECK(f.clause_id == "mau-threshold");
  }
  // Llama 2 above 700 million.
  CHECK(verdict("llama2", "commercial-threshold", "use: {commercial: true}\nscale: {monthly_active_users: 700000001}\n").first ==
        Rules{"policy/threshold-exceeded"});
  CHECK(verdict("llama2", "commercial-threshold", "use: {commercial: true}\nscale: {monthly_active_users: 699000000}\n").first.empty());
  // Baichuan 2: at 1 million DAU, or for a cloud provider.
  CHECK(verdict("baichuan2-community", "commercial-threshold", "use: {commercial: true}\nscale: {daily_active_users: 1000000}\n").first ==
        Rules{"policy/threshold-exceeded"});
  CHECK(verdict("baichuan2-community", "use-restrictions",
                "use: {commercial: true}\norganization: {software_or_cloud_provider: true}\n").first ==
        Rules{"policy/excluded-licensee"});
  // Non-commercial licenses.
  for (const char* id : {"vivo-bluelm", "cc-by-nc-4.0", "llama"})
    CHECK(verdict(id, "non-commercial", "use: {commercial: true}\n").first == Rules{"policy/commercial-not-allowed"});
  // Registration, until acknowledged.
  for (const char* id : {"baichuan-7b", "yi-license-2.1", "internlm", "chatglm3-6b"}) {
    INFO(id);
    CHECK(verdict(id, "commercial-registration", "use: {commercial: true}\n").first == Rules{"policy/approval-required"});
    auto [acked, report] = verdict(id, "commercial-registration",
                                   "use: {commercial: true}\nacknowledged:\n  - rule: obligation/commercial-registration\n"
                                   "    license: " + std::string(id) + "\n    reason: approved 2024-05-01\n");
    CHECK(acked.empty());
    CHECK(report.verdict == "allowed with obligations");
  }
  // Copyleft when redistributing; AGPL also when hosted.
  CHECK(verdict("gpl-3.0", "source-disclosure", "distribution: {redistribute_weights: true}\n").first ==
        Rules{"policy/copyleft-distribution"});
  CHECK(verdict("gpl-3.0", "source-disclosure", "distribution: {hosted_service: true}\n").first.empty());
  CHECK(verdict("agpl-3.0", "source-disclosure", "distribution: {hosted_service: true}\n").first ==
        Rules{"policy/copyleft-distribution"});
}

TEST_CASE("policy files: unknown keys and bad values are errors naming the line", "[policy]") {
  const auto error_of = [](const std::string& yaml) { return policy::parse_policy("p.yml", yaml).error; };
  CHECK(error_of("use:\n  commercial: true\n  comercial: false\n") == "p.yml:3: unknown key 'comercial' in use");
  CHECK(error_of("scale: {monthly_active_users: lots}\n").find("p.yml:1: scale.monthly_active_users must be a whole number") == 0);
  CHECK(error_of("licenses: {unknown: maybe}\n").find("p.yml:1: licenses.unknown must be allow, warn or deny") == 0);
  CHECK(error_of("acknowledged:\n  - rule: obligation/attribution\n").find("needs a reason") != std::string::npos);
  CHECK(error_of("rules: {no/such-rule: none}\n").find("unknown rule 'no/such-rule'") != std::string::npos);
  CHECK(error_of("use: [\n").find("p.yml:") == 0);
  CHECK(policy::parse_policy("p.yml", policy::kPolicyTemplate).ok);  // the template itself is valid
}

TEST_CASE("policy from the command line: discovery, exit statuses, verdict first", "[policy][cli]") {
  TempDir dir;
  dir.write("models/qwen/LICENSE", testing::read_file(testing::source_dir() + "/samples/qwen-chat/LICENSE"));
  const std::string models = (dir.path() / "models").string();
  // No policy: obligations are notes and warnings, exit 0.
  CHECK(testing::run_oblige({"scan", models, "--quiet"}).exit_code == 0);
  // A policy found upwards from the scanned path.
  dir.write(".oblige.yml", "use: {commercial: true}\nscale: {monthly_active_users: 150000000}\n");
  const auto over = testing::run_oblige({"scan", models});
  CHECK(over.exit_code == 1);
  CHECK(over.out.find("Verdict: not allowed") < over.out.find("Tongyi Qianwen License Agreement ["));
  CHECK(over.out.find("policy/threshold-exceeded") != std::string::npos);
  const json j = json::parse(testing::run_oblige({"scan", models, "--format", "json"}).out);
  CHECK(j["targets"][0]["verdict"] == "not allowed");
  // Below the threshold: allowed with obligations.
  dir.write(".oblige.yml", "use: {commercial: true}\nscale: {monthly_active_users: 5000000}\n");
  const auto under = testing::run_oblige({"scan", models});
  CHECK(under.exit_code == 0);
  CHECK(under.out.find("Verdict: allowed with obligations") != std::string::npos);
  // Denied by id or family; unknown licenses per the setting.
  dir.write("strict.yml", "licenses: {deny: [qwen], unknown: deny}\n");
  dir.write("models/acme/LICENSE", "ACME terms: be nice.\n");
  const auto denied = testing::run_oblige({"scan", models, "--policy", (dir.path() / "strict.yml").string(), "--format", "json"});
  CHECK(denied.exit_code == 1);
  std::set<std::string> rules;
  const json denied_report = json::parse(denied.out);
  for (const json& f : denied_report["targets"][0]["findings"]) rules.insert(f["rule_id"].get<std::string>());
  CHECK(rules.count("policy/license-denied"));
  CHECK(rules.count("policy/unknown-license"));
  // --no-policy, a malformed policy, policy init.
  CHECK(testing::run_oblige({"scan", models, "--quiet", "--no-policy"}).exit_code == 0);
  dir.write("bad.yml", "use: {comercial: true}\n");
  const auto bad = testing::run_oblige({"scan", models, "--policy", (dir.path() / "bad.yml").string()});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("bad.yml:1: unknown key 'comercial'") != std::string::npos);
  TempDir fresh;
  CHECK(testing::run_oblige({"policy", "init"}, fresh.path().string()).exit_code == 0);
  CHECK(policy::load_policy((fresh.path() / ".oblige.yml").string()).ok);
  CHECK(testing::run_oblige({"policy", "init"}, fresh.path().string()).exit_code == 2);  // no overwrite
}
