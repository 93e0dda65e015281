#include "scanner/policy/policy.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "scanner/policy/evaluate.h"
#include "scanner/scan/scan.h"
#include "support.h"

using namespace oblige;
using nlohmann::json;
using oblige::testing::TempDir;

namespace {

using testing::make_policy;

// The evidence a scan of `sig`'s text in LICENSE gives when it finds
// `clause` at line 7 (and every other clause of the license at line 3).
results::TargetResult report_with(const signatures::Signature& sig,
                                  const signatures::Clause& clause) {
  results::TargetResult t;
  t.target = ".";
  results::FileResult f;
  f.path = "LICENSE";
  f.read = true;
  results::LicenseMatch l;
  l.signature = sig.id;
  l.version = sig.version;
  l.span = {1, 1, 40, 1};
  l.confidence = 1;
  for (const auto& c : sig.clauses) {
    results::ClauseMatch m;
    m.signature = sig.id;
    m.version = sig.version;
    m.clause = c.id;
    m.kind = c.type;
    m.level = c.level_override;
    m.parameters = c.parameters;
    m.matched = c.id;
    m.span = results::Span::line(c.id == clause.id ? 7 : 3);
    l.clauses.push_back(std::move(m));
  }
  f.licenses.push_back(std::move(l));
  t.files.push_back(std::move(f));
  t.commercial = scan::target_commercial_use(t, testing::builtin_signatures());
  return t;
}

render::Target judged(const signatures::Signature& sig, const signatures::Clause& clause,
                      const policy::Policy& p) {
  return testing::render(report_with(sig, clause), &p);
}

std::vector<std::string> policy_rules(const render::Target& r, results::Level at_least) {
  std::vector<std::string> out;
  for (const auto& f : r.findings)
    if (f.rule_id.rfind("policy/", 0) == 0 && f.level >= at_least) out.push_back(f.rule_id);
  return out;
}

using Rules = std::vector<std::string>;

bool has(const Rules& rules, const std::string& rule) {
  return std::find(rules.begin(), rules.end(), rule) != rules.end();
}

}  // namespace

TEST_CASE("policy: every license's commercial word against commercial and non-commercial use",
          "[policy]") {
  const auto personal = make_policy("use: {commercial: false, research_only: true}\n");
  const auto commercial = make_policy("use: {commercial: true}\n");
  std::size_t conditional = 0, forbidding = 0, approvals = 0;
  for (const auto& sig : testing::builtin_signatures().signatures) {
    if (sig.kind != "license" || sig.clauses.empty()) continue;
    INFO(sig.id);
    const auto& any = sig.clauses.front();
    CHECK(policy_rules(judged(sig, any, personal), results::Level::kWarning).empty());
    const render::Target r = judged(sig, any, commercial);
    const Rules errors = policy_rules(r, results::Level::kError);
    switch (sig.commercial_use) {
      case results::CommercialUse::kNotAllowed:
        CHECK(errors == Rules{"policy/commercial-not-allowed"});
        CHECK(r.verdict == "not allowed");
        ++forbidding;
        break;
      case results::CommercialUse::kRequiresApproval:
        CHECK(has(errors, "policy/approval-required"));
        CHECK_FALSE(has(errors, "policy/commercial-not-allowed"));
        ++approvals;
        break;
      default:
        CHECK(errors.empty());  // thresholds: the scale is not stated, nothing to compare
        conditional += sig.commercial_use == results::CommercialUse::kConditional;
        break;
    }
    // The word the policy acts on is the word every report shows.
    CHECK(r.commercial_use == results::commercial_word(sig.commercial_use));
  }
  CHECK(conditional >= 8);
  CHECK(forbidding >= 8);
  CHECK(approvals >= 10);
}

TEST_CASE("policy: research-only terms are met by research use, and flagged otherwise",
          "[policy]") {
  const auto& set = testing::builtin_signatures();
  const auto* llama1 = set.find("llama");
  REQUIRE(llama1);
  const auto& clause = llama1->clauses.front();
  const auto research =
      judged(*llama1, clause, make_policy("use: {commercial: false, research_only: true}\n"));
  CHECK(policy_rules(research, results::Level::kNote).empty());
  for (const auto& f : research.findings)
    if (f.rule_id == "restriction/research-only") CHECK(f.level == results::Level::kNote);
  const auto personal = judged(*llama1, clause, make_policy("use: {commercial: false}\n"));
  CHECK(policy_rules(personal, results::Level::kWarning) == Rules{"policy/research-use-only"});
  CHECK(personal.verdict == "allowed with obligations");
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
        const auto p = make_policy("use: {commercial: true}\nscale: {" + metric + ": " +
                                   std::to_string(users) + "}\n");
        const render::Target r = judged(sig, clause, p);
        const bool over = inclusive ? users >= threshold : users > threshold;
        CHECK(has(policy_rules(r, results::Level::kError), "policy/threshold-exceeded") == over);
        // Within the threshold the condition is met: no longer a warning.
        if (!over)
          for (const auto& f : r.findings)
            if (f.rule_id == "restriction/commercial-threshold" && f.clause == clause.id)
              CHECK(f.level == results::Level::kNote);
        ++checked;
      }
    }
  }
  CHECK(checked >= 30);
}

TEST_CASE("policy: the issue's cases by name", "[policy]") {
  const auto& set = testing::builtin_signatures();
  const auto clause_of = [&](const std::string& id,
                             const std::string& kind) -> const signatures::Clause& {
    for (const auto& c : set.find(id)->clauses)
      if (c.kind == kind) return c;
    FAIL("no " << kind << " clause in " << id);
    throw;
  };
  const auto verdict = [&](const std::string& id, const std::string& kind,
                           const std::string& yaml) {
    render::Target r = judged(*set.find(id), clause_of(id, kind), make_policy(yaml));
    return std::pair{policy_rules(r, results::Level::kWarning), r};
  };
  // Qwen above 100 million MAU.
  auto [qwen, qwen_report] =
      verdict("tongyi-qianwen-2023", "commercial-threshold",
              "use: {commercial: true}\nscale: {monthly_active_users: 150000000}\n");
  CHECK(qwen == Rules{"policy/threshold-exceeded"});
  for (const auto& f : qwen_report.findings) {
    if (f.rule_id != "policy/threshold-exceeded") continue;
    CHECK(f.message.find("Alibaba Cloud") != std::string::npos);
    CHECK(f.message.find("LICENSE:7") != std::string::npos);
    CHECK(f.span.start_line == 7);
    CHECK(f.clause == "mau-threshold");
  }
  // Llama 2 above 700 million.
  CHECK(verdict("llama2", "commercial-threshold",
                "use: {commercial: true}\nscale: {monthly_active_users: 700000001}\n")
            .first == Rules{"policy/threshold-exceeded"});
  CHECK(verdict("llama2", "commercial-threshold",
                "use: {commercial: true}\nscale: {monthly_active_users: 699000000}\n")
            .first.empty());
  // Baichuan 2: at 1 million DAU, or for a cloud provider.
  // (Its commercial use also needs an application first.)
  CHECK(verdict("baichuan2-community", "commercial-threshold",
                "use: {commercial: true}\nscale: {daily_active_users: 1000000}\n")
            .first == Rules{"policy/approval-required", "policy/threshold-exceeded"});
  CHECK(has(verdict("baichuan2-community", "use-restrictions",
                    "use: {commercial: true}\norganization: {software_or_cloud_provider: true}\n")
                .first,
            "policy/excluded-licensee"));
  // Non-commercial licenses; with a path to a commercial license, approval.
  for (const char* id : {"cc-by-nc-4.0", "llama", "stability-nc-community"})
    CHECK(verdict(id, "non-commercial", "use: {commercial: true}\n").first ==
          Rules{"policy/commercial-not-allowed"});
  for (const char* id : {"vivo-bluelm", "yi-license-1.0", "qwen-research-2024"})
    CHECK(verdict(id, "non-commercial", "use: {commercial: true}\n").first ==
          Rules{"policy/approval-required"});
  // Registration, until acknowledged.
  for (const char* id : {"baichuan-7b", "yi-license-2.1", "internlm", "chatglm3-6b"}) {
    INFO(id);
    CHECK(verdict(id, "commercial-registration", "use: {commercial: true}\n").first ==
          Rules{"policy/approval-required"});
    auto [acked, report] = verdict(
        id, "commercial-registration",
        "use: {commercial: true}\nacknowledged:\n  - rule: obligation/commercial-registration\n"
        "    license: " +
            std::string(id) + "\n    reason: approved 2024-05-01\n");
    CHECK(acked.empty());
    CHECK(report.verdict == "allowed with obligations");
  }
  // Copyleft when redistributing; AGPL also when hosted.
  CHECK(verdict("gpl-3.0", "source-disclosure", "distribution: {redistribute_weights: true}\n")
            .first == Rules{"policy/copyleft-distribution"});
  CHECK(verdict("gpl-3.0", "source-disclosure", "distribution: {hosted_service: true}\n")
            .first.empty());
  CHECK(verdict("agpl-3.0", "source-disclosure", "distribution: {hosted_service: true}\n").first ==
        Rules{"policy/copyleft-distribution"});
}

TEST_CASE("policy files: unknown keys and bad values are errors naming the line", "[policy]") {
  const auto error_of = [](const std::string& yaml) {
    return policy::parse_policy("p.yml", yaml).error;
  };
  CHECK(error_of("use:\n  commercial: true\n  comercial: false\n") ==
        "p.yml:3: unknown key 'comercial' in use");
  CHECK(error_of("scale: {monthly_active_users: lots}\n")
            .find("p.yml:1: scale.monthly_active_users must be a whole number") == 0);
  CHECK(error_of("licenses: {unknown: maybe}\n")
            .find("p.yml:1: licenses.unknown must be allow, warn or deny") == 0);
  CHECK(error_of("acknowledged:\n  - rule: obligation/attribution\n").find("needs a reason") !=
        std::string::npos);
  CHECK(error_of("rules: {no/such-rule: none}\n").find("unknown rule 'no/such-rule'") !=
        std::string::npos);
  CHECK(error_of("use: [\n").find("p.yml:") == 0);
  CHECK(policy::parse_policy("p.yml", policy::kPolicyTemplate).ok);  // the template itself is valid
}

TEST_CASE("policy from the command line: discovery, exit statuses, verdict first",
          "[policy][cli]") {
  TempDir dir;
  dir.write("models/qwen/LICENSE",
            testing::read_file(testing::source_dir() + "/samples/qwen-chat/LICENSE"));
  const std::string models = (dir.path() / "models").string();
  const std::string top = dir.path().string();
  // No policy: obligations are notes and warnings, exit 0.
  CHECK(testing::run_oblige({"scan", models, "--quiet"}, top).exit_code == 0);
  // A policy found upwards from the working folder.
  dir.write(".oblige.yml", "use: {commercial: true}\nscale: {monthly_active_users: 150000000}\n");
  const auto over = testing::run_oblige({"scan", models}, top);
  CHECK(over.exit_code == 1);
  CHECK(over.out.find("Verdict: not allowed") <
        over.out.find("Tongyi Qianwen License Agreement ["));
  CHECK(over.out.find("policy/threshold-exceeded") != std::string::npos);
  const json j = json::parse(testing::run_oblige({"scan", models, "--format", "json"}, top).out);
  CHECK(j["targets"][0]["verdict"] == "not allowed");
  CHECK(j["targets"][0]["policy"].get<std::string>().find(".oblige.yml") != std::string::npos);
  // Below the threshold: allowed with obligations, and the threshold is met.
  dir.write(".oblige.yml", "use: {commercial: true}\nscale: {monthly_active_users: 5000000}\n");
  const auto under = testing::run_oblige({"scan", models}, top);
  CHECK(under.exit_code == 0);
  CHECK(under.out.find("Verdict: allowed with obligations") != std::string::npos);
  for (const json& f : json::parse(testing::run_oblige({"scan", models, "--format", "json"}, top)
                                       .out)["targets"][0]["findings"])
    if (f["rule_id"] == "restriction/commercial-threshold") {
      CHECK(f["level"] == "note");
      CHECK(f["parameters"]["satisfied"].get<std::string>().find("within the threshold") !=
            std::string::npos);
    }
  // Denied by id or family; unknown licenses per the setting.
  dir.write("strict.yml", "licenses: {deny: [qwen], unknown: deny}\n");
  dir.write("models/acme/LICENSE", "ACME terms: be nice.\n");
  const auto denied = testing::run_oblige(
      {"scan", models, "--policy", (dir.path() / "strict.yml").string(), "--format", "json"}, top);
  CHECK(denied.exit_code == 1);
  std::set<std::string> rules;
  const json denied_report = json::parse(denied.out);
  for (const json& f : denied_report["targets"][0]["findings"])
    rules.insert(f["rule_id"].get<std::string>());
  CHECK(rules.count("policy/license-denied"));
  CHECK(rules.count("policy/unknown-license"));
  // --no-policy, a malformed policy, policy init.
  CHECK(testing::run_oblige({"scan", models, "--quiet", "--no-policy"}, top).exit_code == 0);
  dir.write("bad.yml", "use: {comercial: true}\n");
  const auto bad =
      testing::run_oblige({"scan", models, "--policy", (dir.path() / "bad.yml").string()}, top);
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("bad.yml:1: unknown key 'comercial'") != std::string::npos);
  TempDir fresh;
  CHECK(testing::run_oblige({"policy", "init"}, fresh.path().string()).exit_code == 0);
  CHECK(policy::load_policy((fresh.path() / ".oblige.yml").string()).ok);
  CHECK(testing::run_oblige({"policy", "init"}, fresh.path().string()).exit_code ==
        2);  // no overwrite
}

TEST_CASE("policy: a .oblige.yml inside the scanned tree or writable by others never governs",
          "[policy][cli]") {
  TempDir dir;
  dir.write("team/.oblige.yml", "use: {commercial: true}\n");
  dir.write("team/models/nc/README.md", "---\nlicense: cc-by-nc-4.0\n---\n# model\n");
  dir.write("team/models/nc/config.json", "{}");
  // A policy committed in the downloaded model that ignores everything.
  dir.write("team/models/nc/.oblige.yml", "ignore_paths: [\"*\"]\nuse: {commercial: false}\n");
  const std::string team = (dir.path() / "team").string();
  const auto r = testing::run_oblige({"scan", "models/nc", "--format", "json"}, team);
  CHECK(r.exit_code == 1);
  const json j = json::parse(r.out);
  CHECK(j["targets"][0]["policy"] == (dir.path() / "team/.oblige.yml").string());
  CHECK(j["targets"][0]["verdict"] == "not allowed");
  // The same policy made writable by others is not used, and the run says so.
  boost::filesystem::permissions(
      dir.path() / "team/.oblige.yml",
      boost::filesystem::perms::add_perms | boost::filesystem::perms::others_write);
  const auto loose = testing::run_oblige({"scan", "models/nc", "--format", "json"}, team);
  CHECK(loose.err.find("is not used: other users can write it") != std::string::npos);
  CHECK(json::parse(loose.out)["targets"][0]["verdict"] == "");
}
