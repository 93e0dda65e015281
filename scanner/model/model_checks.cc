#include "scanner/model/model_checks.h"

#include <algorithm>
#include <boost/filesystem.hpp>
#include <map>

#include "scanner/findings/fingerprint.h"
#include "scanner/findings/rules.h"
#include "scanner/text/normalize.h"

namespace oblige::model {
namespace {

namespace rules = findings::rule_ids;
using findings::Finding;

Finding make(const char* rule_id, const std::string& path, std::size_t line, std::string message,
             const std::string& identity) {
  Finding f;
  f.rule_id = rule_id;
  f.level = findings::rule_by_id(rule_id)->default_level;
  f.message = std::move(message);
  f.location.path = path;
  f.location.start_line = line;
  f.location.end_line = line;
  f.fingerprint = findings::fingerprint({rule_id, path, identity});
  return f;
}

// The signature a declared id stands for: an oblige id or alias, or a Hub id
// whose table row names a signature.
const signatures::Signature* signature_for(const std::string& declared,
                                           const signatures::SignatureSet& set,
                                           const HubTables& tables) {
  if (declared.empty()) return nullptr;
  if (const auto* sig = set.find(text::ascii_lower(declared))) return sig;
  if (const HubLicense* hub = tables.license(declared); hub && !hub->signature.empty())
    return set.find(hub->signature);
  return nullptr;
}

// Families the card declares, through `license` and `license_name`.
std::vector<std::string> declared_families(const scan::DeclaredLicense& d,
                                           const signatures::SignatureSet& set,
                                           const HubTables& tables) {
  std::vector<std::string> families;
  for (const std::string& id : d.licenses)
    if (const auto* sig = signature_for(id, set, tables)) families.push_back(sig->family);
  if (const auto* sig = signature_for(d.license_name, set, tables)) families.push_back(sig->family);
  return families;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool is_declared_other(const scan::DeclaredLicense& d) {
  return std::any_of(d.licenses.begin(), d.licenses.end(),
                     [](const std::string& l) { return text::ascii_lower(l) == "other"; });
}

// What the folder's README and NOTICE files say, normalized, for phrase checks.
bool folder_mentions(const ModelFolder& folder, const std::string& phrase) {
  const std::string wanted = text::normalize_string(phrase);
  return std::any_of(folder.files.begin(), folder.files.end(), [&](const scan::FileResult* f) {
    return f->normalized_text.find(wanted) != std::string::npos;
  });
}

bool readme_describes_changes(const ModelFolder& folder) {
  static const char* const kWords[] = {"fine-tun", "finetun", "fine tun", "modif", "merged",
                                       "merge of", "quantiz", "trained on", "adapter", "lora",
                                       "distill", "微调", "修改", "量化", "合并"};
  for (const scan::FileResult* f : folder.files) {
    if (f->role != "readme") continue;
    for (const char* w : kWords)
      if (f->normalized_text.find(w) != std::string::npos) return true;
  }
  return false;
}

std::string card_path(const ModelFolder& folder) {
  if (folder.declared) return folder.declared->file;
  return folder.folder.empty() ? "README.md" : folder.folder + "/README.md";
}

void check_declaration(const ModelFolder& folder, const signatures::SignatureSet& set,
                       const HubTables& tables, bool has_license_file,
                       std::vector<Finding>* out) {
  const scan::DeclaredLicense& d = *folder.declared;
  for (const std::string& id : d.licenses) {
    const std::string lid = text::ascii_lower(id);
    if (lid == "other") {
      if (d.license_name.empty())
        out->push_back(make(rules::kCardOtherNoName, d.file, d.line,
                            d.file + " declares license: other without license_name.", ""));
      if (d.license_link.empty() && !has_license_file)
        out->push_back(make(rules::kCardOtherNoLink, d.file, d.line,
                            d.file + " declares license: other with neither a license_link nor "
                                     "a license file in the folder.",
                            ""));
    } else if (lid != "unknown" && !tables.license(lid)) {
      Finding f = make(rules::kCardUnknownId, d.file, d.line,
                       d.file + " declares license: " + id +
                           ", an id the Hugging Face Hub does not know (as of " + tables.as_of() +
                           "); it is unrecognized, not necessarily invalid.",
                       id);
      f.parameters = {{"declared", id}};
      out->push_back(std::move(f));
    }
  }
  const std::string& link = d.license_link;
  if (!link.empty() && link.find("://") == std::string::npos && !folder.fs_path.empty()) {
    // Only inside the folder: a link such as ../../etc/x is never looked up.
    const boost::filesystem::path relative = boost::filesystem::path(link).lexically_normal();
    const bool escapes = relative.is_absolute() || (!relative.empty() && *relative.begin() == "..");
    boost::system::error_code ec;
    if (escapes || !boost::filesystem::exists(boost::filesystem::path(folder.fs_path) / relative, ec)) {
      Finding f = make(rules::kCardLinkMissing, d.file, d.line,
                       d.file + ": license_link names " + link + ", which is not in the folder.",
                       link);
      f.parameters = {{"license_link", link}};
      out->push_back(std::move(f));
    }
  }
  // The text wins: every license text in the folder must be what the card says.
  const std::vector<std::string> families = declared_families(d, set, tables);
  const bool declared_known = !families.empty() ||
                              std::any_of(d.licenses.begin(), d.licenses.end(), [&](const auto& l) {
                                return tables.license(l) && text::ascii_lower(l) != "other" && text::ascii_lower(l) != "unknown";
                              });
  if (!declared_known) return;
  const bool any_covered = std::any_of(folder.texts.begin(), folder.texts.end(), [&](const auto* t) {
    return contains(families, t->family);
  });
  for (const scan::LicenseResult* t : folder.texts) {
    if (contains(families, t->family) || (any_covered && t->commercial == "allowed")) continue;
    Finding f = make(rules::kCardMismatch, d.file, d.line,
                     d.file + " declares license: " + join(d.licenses) + ", but " + t->file +
                         " holds the " + t->name + " (" + t->id +
                         "). The license text governs: declare it instead.",
                     t->id);
    f.license_id = t->id;
    f.parameters = {{"declared", d.licenses}, {"found", t->id}, {"found_in", t->file}};
    out->push_back(std::move(f));
  }
}

void check_base(const ModelFolder& folder, const std::string& base, const signatures::SignatureSet& set,
                const HubTables& tables, const std::function<std::string(const std::string&)>& local,
                std::vector<Finding>* out) {
  const scan::DeclaredLicense& d = *folder.declared;
  const std::size_t line = d.base_model_line ? d.base_model_line : d.line;
  const BaseLicense resolved = resolve_base(base, tables, local);
  const signatures::Signature* sig = resolved.license_id.empty() ? nullptr : set.find(resolved.license_id);
  if (!sig) return;
  Finding note = make(rules::kBaseLicense, d.file, line,
                      d.file + ": base model " + base + " is under the " + sig->name + " (" + sig->id +
                          "), " + resolved.how + ". Its obligations apply to this derivative.",
                      base);
  note.license_id = sig->id;
  note.parameters = {{"base_model", base}, {"license", sig->id}, {"resolved", resolved.how}};
  out->push_back(std::move(note));

  // The base license's obligations, inherited.
  for (const signatures::Clause& clause : sig->clauses) {
    const findings::Rule* rule = clause.kind.empty() ? nullptr : findings::rule_for_kind(clause.kind);
    if (!rule) continue;
    Finding f = make(rule->id.c_str(), d.file, line,
                     "Inherited from base model " + base + " (" + sig->name + "): " + clause.summary,
                     base + clause.id);
    f.level = rule->default_level;
    if (!clause.level.empty()) findings::parse_level(clause.level, &f.level);
    f.license_id = sig->id;
    f.clause_id = clause.id;
    f.parameters = clause.parameters;
    f.parameters["base_model"] = base;
    f.parameters["inherited"] = true;
    out->push_back(std::move(f));
  }

  // What the base license demands of a redistributed derivative.
  const bool has_copy = std::any_of(folder.texts.begin(), folder.texts.end(),
                                    [&](const auto* t) { return t->family == sig->family; });
  for (const signatures::Clause& clause : sig->clauses) {
    if (clause.kind == "include-license-copy" && !has_copy) {
      Finding f = make(rules::kDerivMissingCopy, d.file, line,
                       "Base model " + base + "'s license requires a copy of the " + sig->name +
                           " with every copy of a derivative; none is in this folder.",
                       base);
      f.license_id = sig->id;
      f.parameters = {{"base_model", base}, {"license", sig->id}};
      out->push_back(std::move(f));
    } else if (clause.kind == "attribution" && clause.parameters.contains("text") &&
               clause.parameters["text"].is_string()) {
      const std::string text = clause.parameters["text"].get<std::string>();
      if (folder_mentions(folder, text)) continue;
      Finding f = make(rules::kDerivMissingAttribution, d.file, line,
                       "Base model " + base + "'s license requires the text \"" + text +
                           "\"; no README or NOTICE in this folder carries it.",
                       base + clause.id);
      f.license_id = sig->id;
      f.clause_id = clause.id;
      f.parameters = {{"base_model", base}, {"text", text}};
      if (clause.parameters.contains("notice_file")) f.parameters["notice_file"] = clause.parameters["notice_file"];
      out->push_back(std::move(f));
    } else if (clause.kind == "notice-of-modification" && !readme_describes_changes(folder)) {
      Finding f = make(rules::kDerivMissingChanges, d.file, line,
                       "Base model " + base + "'s license requires modified versions to state "
                       "their changes; the model card does not describe how this model was changed.",
                       base);
      f.license_id = sig->id;
      f.parameters = {{"base_model", base}};
      out->push_back(std::move(f));
    } else if (clause.kind == "naming" && clause.parameters.contains("prefix") &&
               clause.parameters["prefix"].is_string()) {
      const std::string prefix = clause.parameters["prefix"].get<std::string>();
      if (text::ascii_lower(folder.model_name).rfind(text::ascii_lower(prefix), 0) == 0) continue;
      Finding f = make(rules::kDerivNamePrefix, d.file, line,
                       "Base model " + base + "'s license requires a derivative's name to begin "
                       "with \"" + prefix + "\"; this model is named \"" + folder.model_name + "\".",
                       base);
      f.license_id = sig->id;
      f.parameters = {{"base_model", base}, {"prefix", prefix}, {"model_name", folder.model_name}};
      out->push_back(std::move(f));
    }
  }

  // A declaration that contradicts a base license that keeps applying.
  if (d.licenses.empty() || sig->commercial == "allowed") return;
  const std::vector<std::string> families = declared_families(d, set, tables);
  if (contains(families, sig->family)) return;
  if (is_declared_other(d) && families.empty()) return;  // an unknown name: cannot tell
  Finding f = make(rules::kDerivContradicts, d.file, d.line,
                   d.file + " declares license: " + join(d.licenses) + ", which contradicts base model " +
                       base + "'s license, the " + sig->name + " (" + sig->id +
                       "): it keeps applying to derivatives.",
                   base);
  f.license_id = sig->id;
  f.parameters = {{"declared", d.licenses}, {"base_model", base}, {"base_license", sig->id}};
  out->push_back(std::move(f));
}

}  // namespace

BaseLicense resolve_base(const std::string& base_model, const HubTables& tables,
                         const std::function<std::string(const std::string&)>& local) {
  if (local) {
    if (std::string id = local(base_model); !id.empty()) return {id, "found in the scanned folder"};
  }
  if (std::string id = tables.publisher_license(base_model); !id.empty())
    return {id, "inferred from the publisher's name"};
  return {};
}

std::vector<Finding> check_model_folder(const ModelFolder& folder, const signatures::SignatureSet& set,
                                        const HubTables& tables,
                                        const std::function<std::string(const std::string&)>& local) {
  std::vector<Finding> out;
  const bool has_license_file = std::any_of(folder.files.begin(), folder.files.end(),
                                            [](const auto* f) { return f->role == "license"; });
  if (!folder.declared || folder.declared->licenses.empty()) {
    if (folder.texts.empty() && !has_license_file)
      out.push_back(make(rules::kCardNoLicense, card_path(folder), 0,
                         (folder.folder.empty() ? std::string("The model folder") : folder.folder) +
                             " has no license: no license: in its model card and no license file.",
                         ""));
  }
  if (!folder.declared) return out;
  check_declaration(folder, set, tables, has_license_file, &out);
  for (const std::string& base : folder.declared->base_models)
    check_base(folder, base, set, tables, local, &out);
  return out;
}

std::vector<Finding> check_model_folders(const scan::TargetReport& report,
                                         const std::vector<std::string>& weight_folders,
                                         const std::string& root_model_name,
                                         const std::string& root_fs_path,
                                         const std::string& display_prefix,
                                         const signatures::SignatureSet& set,
                                         const std::function<std::string(const std::string&)>& local) {
  const auto folder_of = [](const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
  };
  std::map<std::string, ModelFolder> folders;
  for (const std::string& w : weight_folders) folders[w].folder = w;
  for (const scan::DeclaredLicense& d : report.declared) {
    ModelFolder& f = folders[folder_of(d.file)];
    f.folder = folder_of(d.file);
    f.declared = &d;
  }
  for (auto& [name, folder] : folders) {
    for (const scan::FileResult& file : report.files)
      if (folder_of(file.path) == name) folder.files.push_back(&file);
    for (const scan::LicenseResult& l : report.licenses)
      if (folder_of(l.file) == name && l.is_model_license_text())
        folder.texts.push_back(&l);
    std::string relative = name;
    if (!display_prefix.empty())
      relative = name.size() > display_prefix.size() ? name.substr(display_prefix.size() + 1) : "";
    folder.fs_path = root_fs_path.empty() || relative.empty() ? root_fs_path : root_fs_path + "/" + relative;
    folder.model_name = relative.empty() ? root_model_name : relative.substr(relative.rfind('/') + 1);
  }
  std::vector<Finding> out;
  for (const auto& [name, folder] : folders) {
    auto found = check_model_folder(folder, set, HubTables::builtin(), local);
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace oblige::model
