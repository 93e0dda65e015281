#include "scanner/scan/audit.h"

#include <algorithm>
#include <map>
#include <set>

#include "scanner/model/hub_tables.h"
#include "scanner/scan/file_cache.h"
#include "scanner/text/normalize.h"

namespace oblige::scan {
namespace {

namespace fs = boost::filesystem;

int rank(const std::string& verdict) {
  if (verdict == "not-allowed") return 4;
  if (verdict == "requires-approval") return 3;
  if (verdict == "conditional") return 2;
  if (verdict == "allowed") return 1;
  return 0;
}

void raise(std::string* verdict, const std::string& to) {
  if (rank(to) > rank(*verdict)) *verdict = to;
}

std::vector<std::string> main_obligations(const TargetReport& report) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const findings::Finding& f : report.findings) {
    if (f.clause_id.empty() || f.license_id == "unrecognized") continue;
    const std::string kind = f.rule_id.substr(f.rule_id.find('/') + 1);
    static const std::set<std::string> kMain = {
        "commercial-threshold", "non-commercial", "research-only", "commercial-registration",
        "attribution", "include-license-copy", "source-disclosure", "naming",
        "output-restriction", "pass-through-restrictions", "no-sublicense"};
    if (!kMain.count(kind)) continue;
    std::string text = kind;
    if (kind == "commercial-threshold" && f.parameters.contains("threshold"))
      text += " " + f.parameters["threshold"].dump() + " " + f.parameters.value("metric", std::string());
    if (kind == "naming" && f.parameters.contains("prefix") && f.parameters["prefix"].is_string())
      text += " " + f.parameters["prefix"].get<std::string>();
    if (seen.insert(text).second) out.push_back(text);
  }
  return out;
}

AuditRow summarise(const walk::ModelSnapshot& snapshot, const TargetReport& report,
                   const signatures::SignatureSet& set) {
  AuditRow row;
  row.snapshot = snapshot;
  std::set<std::string> detected;
  for (const LicenseResult& l : report.licenses)
    if (l.is_model_license_text() && detected.insert(l.id).second) row.detected.push_back(l.id);
  for (const DeclaredLicense& d : report.declared)
    for (const std::string& id : d.licenses) row.declared.push_back(id);
  row.obligations = main_obligations(report);
  row.commercial = commercial_verdict(report, set);
  return row;
}

}  // namespace

std::string commercial_verdict(const TargetReport& report, const signatures::SignatureSet& set) {
  std::string verdict = "unknown";
  bool from_text = false;
  for (const LicenseResult& l : report.licenses) {
    if (!l.is_model_license_text()) continue;
    raise(&verdict, l.commercial);
    from_text = true;
  }
  for (const findings::Finding& f : report.findings) {
    if (f.rule_id == "derivative/base-model-license" && f.parameters.contains("license")) {
      if (const auto* sig = set.find(f.parameters["license"].get<std::string>())) {
        raise(&verdict, sig->commercial);
        from_text = true;
      }
    }
    if (f.license_id == "unrecognized") continue;
    if (f.rule_id == "restriction/non-commercial") raise(&verdict, "not-allowed");
    if (f.rule_id == "obligation/commercial-registration") raise(&verdict, "requires-approval");
    if (f.rule_id == "restriction/commercial-threshold") raise(&verdict, "conditional");
  }
  if (!from_text) {
    // Nothing but the card's word: its declared ids.
    const auto& tables = model::HubTables::builtin();
    for (const DeclaredLicense& d : report.declared) {
      for (const std::string& id : d.licenses) {
        const signatures::Signature* sig = set.find(text::ascii_lower(id));
        if (!sig) {
          const model::HubLicense* hub = tables.license(id);
          if (hub && !hub->signature.empty()) sig = set.find(hub->signature);
        }
        if (sig) raise(&verdict, sig->commercial);
      }
    }
  }
  return verdict;
}

AuditReport audit(const std::string& root, const ScanOptions& options,
                  const identify::CompiledSignatures& signatures,
                  const std::function<void(std::size_t, std::size_t, const std::string&)>& progress) {
  AuditReport out;
  out.root = root;
  const std::vector<walk::ModelSnapshot> snapshots = walk::discover_models(root, &out.problems);
  auto cache = std::make_shared<FileCache>();

  const auto scan_all = [&](const std::function<std::string(const std::string&)>& local) {
    std::vector<TargetReport> reports;
    for (std::size_t i = 0; i < snapshots.size(); ++i) {
      const walk::ModelSnapshot& s = snapshots[i];
      if (progress) progress(i, snapshots.size(), s.repo_id);
      ScanOptions o = options;
      o.allowed_root = root;
      o.display_prefix = s.logical_path;
      o.model_name = s.repo_id.substr(s.repo_id.rfind('/') + 1);
      o.cache = cache;
      o.local_base_license = local;
      o.report_link_targets = false;  // logical snapshot paths, never blob paths
      TargetReport r = scan_target(s.path.string(), o, signatures);
      r.target = root;  // paths carry the snapshot's logical path already
      reports.push_back(std::move(r));
    }
    return reports;
  };

  out.targets = scan_all(nullptr);
  // A base model downloaded in the same cache is the best source of its
  // license: rescan the derivatives with those (file reads are cached).
  std::map<std::string, std::string> cached_license;
  bool any_base = false;
  for (std::size_t i = 0; i < snapshots.size(); ++i) {
    for (const LicenseResult& l : out.targets[i].licenses)
      if (l.is_model_license_text()) cached_license.emplace(text::ascii_lower(snapshots[i].repo_id), l.id);
    for (const DeclaredLicense& d : out.targets[i].declared) any_base = any_base || !d.base_models.empty();
  }
  if (any_base && !cached_license.empty()) {
    out.targets = scan_all([cached_license](const std::string& base) -> std::string {
      const auto it = cached_license.find(text::ascii_lower(base));
      return it == cached_license.end() ? "" : it->second;
    });
  }
  for (std::size_t i = 0; i < snapshots.size(); ++i) {
    out.rows.push_back(summarise(snapshots[i], out.targets[i], signatures.set()));
    out.rows.back().target = i;
  }
  out.files_read_once = cache->hits();
  return out;
}

}  // namespace oblige::scan
