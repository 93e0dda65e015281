#include "scanner/model/model_checks.h"

#include <algorithm>
#include <boost/filesystem.hpp>
#include <iterator>
#include <map>
#include <set>

#include "scanner/obligations/derive.h"
#include "scanner/text/normalize.h"

namespace oblige::model {
namespace {

using results::RuleId;

// One model folder and the evidence found in it.
struct Folder {
  std::string path;                           // display path ("" for the root)
  std::string model_name;                     // for naming checks
  std::string fs_path;                        // the folder on disk, to check license_link
  const results::FileResult* card = nullptr;  // the README with front matter, if any
  std::vector<const results::FileResult*> files;
  // The license texts of the model in the folder, with the file each is in.
  std::vector<std::pair<const results::LicenseMatch*, const results::FileResult*>> texts;
};

const results::Declaration* declaration(const Folder& f) {
  return f.card && f.card->declaration ? &*f.card->declaration : nullptr;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool is_word(const std::string& id, const char* word) { return text::ascii_lower(id) == word; }

results::ModelCheck check(RuleId rule, const std::string& file, std::size_t line,
                          const Folder& folder) {
  results::ModelCheck c;
  c.rule = rule;
  c.file = file;
  c.line = line;
  c.folder = folder.path;
  return c;
}

std::string card_path(const Folder& folder) {
  if (folder.card) return folder.card->path;
  return folder.path.empty() ? "README.md" : folder.path + "/README.md";
}

const signatures::Signature* signature_of(const results::LicenseMatch& m,
                                          const signatures::SignatureSet& set) {
  return set.find(m.signature, m.version);
}

// Families the card declares, through `license` and `license_name`.
std::vector<std::string> declared_families(const results::Declaration& d,
                                           const signatures::SignatureSet& set,
                                           const HubTables& tables) {
  std::vector<std::string> families;
  for (const std::string& id : d.licenses)
    if (const auto* sig = declared_signature(id, set, tables)) families.push_back(sig->family);
  if (const auto* sig = declared_signature(d.license_name, set, tables))
    families.push_back(sig->family);
  return families;
}

// The signatures the card declares: each `license` id oblige knows, and the
// `license_name` of `license: other`.
std::vector<const signatures::Signature*> declared_signatures(const results::Declaration& d,
                                                              const signatures::SignatureSet& set,
                                                              const HubTables& tables) {
  std::vector<const signatures::Signature*> out;
  const auto add = [&](const signatures::Signature* sig) {
    if (sig && sig->kind == "license" && std::find(out.begin(), out.end(), sig) == out.end())
      out.push_back(sig);
  };
  for (const std::string& id : d.licenses) add(declared_signature(id, set, tables));
  add(declared_signature(d.license_name, set, tables));
  return out;
}

bool folder_mentions(const Folder& folder, const std::string& phrase) {
  const std::string wanted = text::normalize_string(phrase);
  return std::any_of(folder.files.begin(), folder.files.end(), [&](const results::FileResult* f) {
    return f->normalized_text.find(wanted) != std::string::npos;
  });
}

bool readme_describes_changes(const Folder& folder) {
  static const char* const kWords[] = {"fine-tun", "finetun", "fine tun",   "modif",   "merged",
                                       "merge of", "quantiz", "trained on", "adapter", "lora",
                                       "distill",  "微调",    "修改",       "量化",    "合并"};
  for (const results::FileResult* f : folder.files) {
    if (f->role != results::FileRole::kReadme) continue;
    for (const char* w : kWords)
      if (f->normalized_text.find(w) != std::string::npos) return true;
  }
  return false;
}

// license_link: only inside the folder. The path is walked one component at
// a time without following links: every folder on the way must be a real
// folder (a link such as `root -> /` would let a card probe the machine), and
// the last component must exist (a link there is not followed either).
bool link_inside_folder_exists(const std::string& fs_folder, const std::string& link) {
  namespace fs = boost::filesystem;
  const fs::path relative = fs::path(link).lexically_normal();
  if (relative.empty() || relative.is_absolute() || *relative.begin() == "..") return false;
  fs::path at(fs_folder);
  boost::system::error_code ec;
  for (auto part = relative.begin(); part != relative.end(); ++part) {
    if (*part == ".") continue;
    at /= *part;
    const fs::file_type type = fs::symlink_status(at, ec).type();
    if (ec || type == fs::file_not_found || type == fs::status_error) return false;
    if (std::next(part) != relative.end() && type != fs::directory_file) return false;
  }
  return true;
}

void check_declaration(const Folder& folder, const signatures::SignatureSet& set,
                       const HubTables& tables, bool has_license_file,
                       std::vector<results::ModelCheck>* out) {
  const results::Declaration& d = *declaration(folder);
  const std::string& card = folder.card->path;
  for (const std::string& id : d.licenses) {
    if (is_word(id, "other")) {
      if (d.license_name.empty())
        out->push_back(check(RuleId::kCardOtherNoName, card, d.line, folder));
      if (d.license_link.empty() && !has_license_file)
        out->push_back(check(RuleId::kCardOtherNoLink, card, d.line, folder));
    } else if (!is_word(id, "unknown") && !tables.license(id)) {
      results::ModelCheck c = check(RuleId::kCardUnknownId, card, d.line, folder);
      c.declared = {id};
      c.hub_as_of = tables.as_of();
      out->push_back(std::move(c));
    }
  }
  const std::string& link = d.license_link;
  if (!link.empty() && link.find("://") == std::string::npos && !folder.fs_path.empty() &&
      !link_inside_folder_exists(folder.fs_path, link)) {
    results::ModelCheck c = check(RuleId::kCardLinkMissing, card, d.line, folder);
    c.link = link;
    out->push_back(std::move(c));
  }
  // The text wins: every license text in the folder must be what the card says.
  const std::vector<std::string> families = declared_families(d, set, tables);
  const bool declared_known =
      !families.empty() || std::any_of(d.licenses.begin(), d.licenses.end(), [&](const auto& l) {
        return tables.license(l) && !is_word(l, "other") && !is_word(l, "unknown");
      });
  if (!declared_known) return;
  const auto family_of = [&](const results::LicenseMatch* m) {
    const auto* sig = signature_of(*m, set);
    return sig ? sig->family : m->signature;
  };
  const bool any_covered =
      std::any_of(folder.texts.begin(), folder.texts.end(),
                  [&](const auto& t) { return contains(families, family_of(t.first)); });
  for (const auto& [text, file] : folder.texts) {
    const auto* sig = signature_of(*text, set);
    const bool permissive = sig && sig->commercial_use == results::CommercialUse::kAllowed;
    if (contains(families, family_of(text)) || (any_covered && permissive)) continue;
    results::ModelCheck c = check(RuleId::kCardMismatch, card, d.line, folder);
    c.declared = d.licenses;
    c.license = text->signature;
    c.found_in = file->path;
    out->push_back(std::move(c));
  }
}

// The clauses of `sig` that the folder's other terms do not show already
// (the same clause of the same family).
std::vector<results::ClauseMatch> new_clauses(
    const signatures::Signature& sig, std::size_t line,
    const std::set<std::pair<std::string, std::string>>& shown) {
  std::vector<results::ClauseMatch> out;
  for (results::ClauseMatch& m : obligations::implied_clauses(sig, line))
    if (!shown.count({sig.family, m.clause})) out.push_back(std::move(m));
  return out;
}

struct Shown {
  std::set<std::pair<std::string, std::string>> clauses;  // (family, clause id)
  void add(const signatures::Signature& sig, const std::vector<results::ClauseMatch>& ms) {
    for (const auto& m : ms) clauses.insert({sig.family, m.clause});
  }
};

void check_base(const Folder& folder, const std::string& base, const signatures::SignatureSet& set,
                const HubTables& tables, const LocalBaseLicense& local, Shown* shown,
                results::ModelResult* out) {
  const results::Declaration& d = *declaration(folder);
  const std::string& card = folder.card->path;
  const std::size_t line = d.base_model_line ? d.base_model_line : d.line;
  const BaseLicense resolved = resolve_base(base, tables, local);
  const signatures::Signature* sig =
      resolved.license_id.empty() ? nullptr : set.find(resolved.license_id);
  if (!sig) return;
  const auto base_check = [&](RuleId rule) {
    results::ModelCheck c = check(rule, card, line, folder);
    c.base_model = base;
    c.license = sig->id;
    c.resolved_locally = resolved.locally;
    return c;
  };
  out->checks.push_back(base_check(RuleId::kBaseLicense));

  results::GoverningLicense inherited;
  inherited.signature = sig->id;
  inherited.source = results::TermsSource::kInherited;
  inherited.file = card;
  inherited.line = line;
  inherited.base_model = base;
  inherited.resolved_locally = resolved.locally;
  inherited.clauses = new_clauses(*sig, line, shown->clauses);
  shown->add(*sig, inherited.clauses);
  out->licenses.push_back(std::move(inherited));

  // What the base license demands of a redistributed derivative.
  const bool has_copy = std::any_of(folder.texts.begin(), folder.texts.end(), [&](const auto& t) {
    const auto* s = signature_of(*t.first, set);
    return s && s->family == sig->family;
  });
  for (const signatures::Clause& clause : sig->clauses) {
    using K = results::ClauseKind;
    if (clause.type == K::kIncludeLicenseCopy && !has_copy) {
      out->checks.push_back(base_check(RuleId::kDerivMissingCopy));
    } else if (clause.type == K::kAttribution && clause.parameters.contains("text") &&
               clause.parameters["text"].is_string()) {
      const std::string text = clause.parameters["text"].get<std::string>();
      if (folder_mentions(folder, text)) continue;
      results::ModelCheck c = base_check(RuleId::kDerivMissingAttribution);
      c.text = text;
      c.clause = clause.id;
      out->checks.push_back(std::move(c));
    } else if (clause.type == K::kNoticeOfModification && !readme_describes_changes(folder)) {
      out->checks.push_back(base_check(RuleId::kDerivMissingChanges));
    } else if (clause.type == K::kNaming && clause.parameters.contains("prefix") &&
               clause.parameters["prefix"].is_string()) {
      const std::string prefix = clause.parameters["prefix"].get<std::string>();
      if (text::ascii_lower(folder.model_name).rfind(text::ascii_lower(prefix), 0) == 0) continue;
      results::ModelCheck c = base_check(RuleId::kDerivNamePrefix);
      c.prefix = prefix;
      c.model_name = folder.model_name;
      out->checks.push_back(std::move(c));
    }
  }

  // A declaration that contradicts a base license that keeps applying.
  if (d.licenses.empty() || sig->commercial_use == results::CommercialUse::kAllowed) return;
  const std::vector<std::string> families = declared_families(d, set, tables);
  if (contains(families, sig->family)) return;
  const bool other = std::any_of(d.licenses.begin(), d.licenses.end(),
                                 [](const auto& l) { return is_word(l, "other"); });
  if (other && families.empty()) return;  // an unknown name: cannot tell
  results::ModelCheck c = base_check(RuleId::kDerivContradicts);
  c.line = d.line;
  c.declared = d.licenses;
  out->checks.push_back(std::move(c));
}

// The folder's terms: its license texts; else what the card declares.
void governing_licenses(const Folder& folder, const signatures::SignatureSet& set,
                        const HubTables& tables, Shown* shown, results::ModelResult* out) {
  for (const auto& [text, file] : folder.texts) {
    results::GoverningLicense g;
    g.signature = text->signature;
    g.source = results::TermsSource::kText;
    g.file = file->path;
    g.line = text->span.start_line;
    if (const auto* sig = signature_of(*text, set)) shown->add(*sig, text->clauses);
    out->licenses.push_back(std::move(g));
  }
  const results::Declaration* d = declaration(folder);
  if (!folder.texts.empty() || !d) return;
  for (const signatures::Signature* sig : declared_signatures(*d, set, tables)) {
    results::GoverningLicense g;
    g.signature = sig->id;
    g.source = results::TermsSource::kDeclared;
    g.file = folder.card->path;
    g.line = d->line;
    g.clauses = new_clauses(*sig, d->line, shown->clauses);
    shown->add(*sig, g.clauses);
    out->licenses.push_back(std::move(g));
  }
}

results::CommercialUse folder_commercial_use(const Folder& folder,
                                             const results::ModelResult& model,
                                             const signatures::SignatureSet& set) {
  results::CommercialUse use = results::CommercialUse::kUnknown;
  for (const results::GoverningLicense& g : model.licenses)
    if (const auto* sig = set.find(g.signature))
      use = results::most_restrictive(use, sig->commercial_use);
  for (const results::FileResult* f : folder.files)
    use = results::most_restrictive(use, results::added_terms_use(*f));
  return use;
}

results::ModelResult check_folder(const Folder& folder, const signatures::SignatureSet& set,
                                  const HubTables& tables, const LocalBaseLicense& local) {
  results::ModelResult out;
  out.folder = folder.path;
  out.card = folder.card ? folder.card->path : "";
  out.model_name = folder.model_name;
  const bool has_license_file =
      std::any_of(folder.files.begin(), folder.files.end(),
                  [](const auto* f) { return f->role == results::FileRole::kLicense; });
  const results::Declaration* d = declaration(folder);
  if ((!d || d->licenses.empty()) && folder.texts.empty() && !has_license_file)
    out.checks.push_back(check(RuleId::kCardNoLicense, card_path(folder), 0, folder));
  Shown shown;
  governing_licenses(folder, set, tables, &shown, &out);
  if (d) {
    check_declaration(folder, set, tables, has_license_file, &out.checks);
    std::set<std::string> seen;
    for (const std::string& base : d->base_models)
      if (seen.insert(text::ascii_lower(base)).second)
        check_base(folder, base, set, tables, local, &shown, &out);
  }
  out.commercial = folder_commercial_use(folder, out, set);
  return out;
}

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

}  // namespace

BaseLicense resolve_base(const std::string& base_model, const HubTables& tables,
                         const LocalBaseLicense& local) {
  if (local) {
    if (std::string id = local(base_model); !id.empty()) return {id, true};
  }
  if (std::string id = tables.publisher_license(base_model); !id.empty()) return {id, false};
  return {};
}

const signatures::Signature* declared_signature(const std::string& declared,
                                                const signatures::SignatureSet& set,
                                                const HubTables& tables) {
  if (declared.empty()) return nullptr;
  if (const auto* sig = set.find(text::ascii_lower(declared))) return sig;
  if (const HubLicense* hub = tables.license(declared); hub && !hub->signature.empty())
    return set.find(hub->signature);
  return nullptr;
}

std::vector<results::ModelResult> check_model_folders(const std::vector<results::FileResult>& files,
                                                      const FolderLayout& layout,
                                                      const signatures::SignatureSet& set,
                                                      const LocalBaseLicense& local) {
  std::map<std::string, Folder> folders;
  for (const std::string& w : layout.weight_folders) folders[w].path = w;
  for (const results::FileResult& f : files) {
    if (!f.declaration) continue;
    Folder& folder = folders[folder_of(f.path)];
    folder.path = folder_of(f.path);
    folder.card = &f;
  }
  for (auto& [name, folder] : folders) {
    for (const results::FileResult& file : files) {
      if (folder_of(file.path) != name) continue;
      folder.files.push_back(&file);
      for (const results::LicenseMatch& l : file.licenses) {
        const auto* sig = signature_of(l, set);
        if (l.binds_model() && sig && sig->kind == "license") folder.texts.emplace_back(&l, &file);
      }
    }
    std::string relative = name;
    const std::string& prefix = layout.display_prefix;
    if (!prefix.empty())
      relative = name.size() > prefix.size() ? name.substr(prefix.size() + 1) : "";
    folder.fs_path = layout.root_fs_path.empty() || relative.empty()
                         ? layout.root_fs_path
                         : layout.root_fs_path + "/" + relative;
    folder.model_name =
        relative.empty() ? layout.root_model_name : relative.substr(relative.rfind('/') + 1);
  }
  std::vector<results::ModelResult> out;
  for (const auto& [name, folder] : folders)
    out.push_back(check_folder(folder, set, HubTables::builtin(), local));
  return out;
}

}  // namespace oblige::model
