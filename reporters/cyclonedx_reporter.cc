// CycloneDX 1.6 (JSON): an ML-BOM. An audit makes one component per model
// revision (type machine-learning-model, purl pkg:huggingface/ORG/NAME@REV
// for the Hugging Face layouts); a scan makes one per target, with a nested
// component per model folder below its root. Each carries its licenses (the
// SPDX id where the license has one on the SPDX list, else its name;
// `acknowledgement` says whether oblige concluded it from the text or the
// card declared it), its license files with their SHA-256 as nested `file`
// components, the card's base models as pedigree ancestors, and oblige's
// answer as `oblige:` properties: commercial use, verdict, each obligation
// with its rule, clause and file:line. No timestamp; the serial number is
// derived from the content, so the same input gives the same BOM.
#include <algorithm>
#include <cctype>
#include <set>

#include "reporters/formats.h"
#include "reporters/json_fields.h"
#include "reporters/target_record.h"
#include "scanner/text/sha256.h"

namespace oblige::reporters {
namespace {

using nlohmann::ordered_json;

// Percent-encodes a purl segment (RFC 3986 unreserved characters stay).
std::string purl_segment(const std::string& s) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  return out;
}

// pkg:huggingface/ORG/NAME@REVISION (the purl spec's huggingface type);
// "" for a repository that is not a model on the Hub. ModelScope models:
// pkg:generic/modelscope/ORG/NAME@REVISION (README.md, "CycloneDX").
std::string purl_of(const std::string& layout, const std::string& repo_type,
                    const std::string& repo_id, const std::string& revision) {
  if (repo_type != "model" || repo_id.empty()) return "";
  std::string path;
  std::size_t start = 0;
  while (start <= repo_id.size()) {
    const std::size_t slash = std::min(repo_id.find('/', start), repo_id.size());
    path += (path.empty() ? "" : "/") + purl_segment(repo_id.substr(start, slash - start));
    start = slash + 1;
  }
  const std::string version = revision.empty() ? "" : "@" + purl_segment(revision);
  if (layout == "hf-cache" || layout == "local-dir") return "pkg:huggingface/" + path + version;
  if (layout == "modelscope") return "pkg:generic/modelscope/" + path + version;
  return "";
}

bool in_folder(const std::string& path, const std::string& folder) {
  return folder.empty() || path.rfind(folder + "/", 0) == 0;
}

// The folder of `path` among `folders`: the longest that holds it.
std::string folder_of(const std::string& path, const std::set<std::string>& folders) {
  std::string best;
  for (const std::string& f : folders)
    if (!f.empty() && in_folder(path, f) && f.size() > best.size()) best = f;
  return best;
}

std::string where(const std::string& path, std::size_t line) {
  return line ? path + ":" + std::to_string(line) : path;
}

class Properties {
 public:
  void add(const std::string& name, const std::string& value) {
    if (value.empty() || !seen_.insert(name + '\n' + value).second) return;
    list_.push_back({{"name", name}, {"value", value}});
  }
  bool empty() const { return list_.empty(); }
  const ordered_json& json() const { return list_; }

 private:
  ordered_json list_ = ordered_json::array();
  std::set<std::string> seen_;
};

ordered_json license_entry(const render::License& l) {
  ordered_json license;
  const bool listed = !l.spdx.empty() && l.spdx.rfind("LicenseRef-", 0) != 0;
  if (listed)
    license["id"] = l.spdx;
  else
    license["name"] = l.name.empty() ? l.id : l.name;
  license["acknowledgement"] = l.source == "declared" ? "declared" : "concluded";
  Properties p;
  p.add("oblige:license", l.id);
  if (!listed) p.add("oblige:spdx", l.spdx);
  p.add("oblige:source", l.source);
  p.add("oblige:status", l.status);
  p.add("oblige:file", l.start_line ? where(l.file, l.start_line) : l.file);
  p.add("oblige:base-model", l.base_model);
  p.add("oblige:commercial-use", l.commercial_use);
  license["properties"] = p.json();
  return {{"license", license}};
}

// One component's contents: the licenses, files and findings of `folder`,
// the nearest of the target's model folders to them.
struct Part {
  const render::Target& t;
  std::string folder;
  std::set<std::string> folders;  // all the target's model folders

  bool mine(const std::string& path) const { return folder_of(path, folders) == folder; }
};

void fill(const Part& part, const std::string& ref, ordered_json* c) {
  const render::Target& t = part.t;
  ordered_json licenses = ordered_json::array();
  std::set<std::string> seen;
  for (const render::License& l : t.licenses)
    if (l.scope != "third-party" && l.status != "reference" && part.mine(l.file) &&
        seen.insert(l.id + '\n' + l.source).second)
      licenses.push_back(license_entry(l));
  if (!licenses.empty()) (*c)["licenses"] = licenses;

  std::vector<std::string> bases;
  std::string card;
  for (const render::Declared& d : t.declared)
    if (part.mine(d.file)) {
      if (card.empty()) card = d.file;
      for (const std::string& b : d.base_models)
        if (std::find(bases.begin(), bases.end(), b) == bases.end()) bases.push_back(b);
    }
  if (!bases.empty()) {
    ordered_json ancestors = ordered_json::array();
    for (const std::string& b : bases) {
      ordered_json a = {{"type", "machine-learning-model"}, {"name", b}};
      if (const std::string purl = purl_of("hf-cache", "model", b, ""); !purl.empty())
        a["purl"] = purl;
      ancestors.push_back(a);
    }
    (*c)["pedigree"] = {{"ancestors", ancestors}};
  }

  ordered_json files = ordered_json::array();
  for (const render::File& f : t.files)
    if (f.read && !f.sha256.empty() && part.mine(f.path))
      files.push_back(
          {{"type", "file"},
           {"bom-ref", ref + "#" + f.path},
           {"name", f.path},
           {"hashes", ordered_json::array({{{"alg", "SHA-256"}, {"content", f.sha256}}})},
           {"properties", ordered_json::array({{{"name", "oblige:role"}, {"value", f.role}}})}});
  if (!files.empty()) (*c)["components"] = files;

  if (!card.empty()) {
    Properties mc;
    mc.add("oblige:card", card);
    for (const render::Declared& d : t.declared)
      if (part.mine(d.file)) {
        for (const std::string& l : d.licenses) mc.add("oblige:declared-license", l);
        mc.add("oblige:license-name", d.license_name);
        mc.add("oblige:license-link", d.license_link);
        for (const std::string& b : d.base_models) mc.add("oblige:base-model", b);
      }
    (*c)["modelCard"] = {{"bom-ref", ref + "#model-card"}, {"properties", mc.json()}};
  }

  Properties p;
  if (part.folder.empty()) {
    p.add("oblige:commercial-use", t.commercial_use);
    p.add("oblige:verdict", t.verdict);
    p.add("oblige:policy", t.policy_file);
    for (const std::string& o : t.main_obligations) p.add("oblige:main-obligation", o);
  }
  for (const render::Governs& g : t.governs)
    if (g.folder == part.folder)
      p.add("oblige:governed-by",
            g.subject + ": " + g.license + " (" + g.source + ", " + g.where + ")");
  for (const render::Finding& f : t.findings) {
    if (!part.mine(f.path)) continue;
    const std::string word = group_word(f.group);
    if (f.group == render::Group::kLicense) continue;  // the licenses above say it
    std::string value = std::string(results::level_name(f.level)) + " " + f.rule_id;
    if (!f.license.empty())
      value += " [" + f.license + (f.clause.empty() ? "" : "/" + f.clause) + "]";
    value += " " + where(f.path, f.span.start_line) + ": " + f.message;
    p.add("oblige:" + word, value);
  }
  if (part.folder.empty()) {
    p.add("oblige:errors", std::to_string(t.counts.error));
    p.add("oblige:warnings", std::to_string(t.counts.warning));
    p.add("oblige:notes", std::to_string(t.counts.note));
  }
  if (!p.empty()) (*c)["properties"] = p.json();
}

class CycloneDxSink : public Sink {
 public:
  CycloneDxSink(const RunInfo& info, std::ostream& out) : info_(info), out_(out) {}

  void begin() override {
    ordered_json tool = {{"type", "application"}, {"name", "oblige"}, {"version", info_.version}};
    ordered_json metadata = {{"tools", {{"components", ordered_json::array({tool})}}}};
    Properties p;
    p.add("oblige:command", info_.command);
    p.add("oblige:root", info_.root);
    metadata["properties"] = p.json();
    out_ << "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",\n"
         << "  \"version\": 1,\n  \"metadata\": ";
    write_inline(metadata);
    out_ << ",\n  \"components\": [";
  }

  void target(const render::Target& t) override {
    const ordered_json c = t.model ? model_component(t) : target_component(t);
    const std::string text = dump(c);
    digest_ = text::sha256_hex(digest_ + text);
    write_element(out_, c, 4, first_);
    first_ = false;
  }

  void end(const std::vector<RunProblem>& problems) override {
    out_ << (first_ ? "]" : "\n  ]");
    if (!problems.empty()) {
      Properties p;
      for (const RunProblem& problem : problems)
        p.add("oblige:problem", problem.path + ": " + problem.message);
      out_ << ",\n  \"properties\": ";
      write_inline(p.json());
    }
    // Derived from the content: a name-based UUID (version 5 layout).
    std::string h = text::sha256_hex(digest_ + info_.root + info_.version);
    h[12] = '5';
    h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
    out_ << ",\n  \"serialNumber\": \"urn:uuid:" << h.substr(0, 8) << "-" << h.substr(8, 4) << "-"
         << h.substr(12, 4) << "-" << h.substr(16, 4) << "-" << h.substr(20, 12) << "\"\n}\n";
  }

 private:
  ordered_json model_component(const render::Target& t) {
    const results::ModelIdentity& id = *t.model;
    const std::string ref =
        "model:" + id.repo_type + "/" + id.repo_id + (id.revision.empty() ? "" : "@" + id.revision);
    const char* type = id.repo_type == "dataset" ? "data"
                       : id.repo_type == "space" ? "application"
                                                 : "machine-learning-model";
    ordered_json c = {{"type", type}, {"bom-ref", ref}};
    const std::size_t slash = id.repo_id.find('/');
    if (slash != std::string::npos) c["group"] = id.repo_id.substr(0, slash);
    c["name"] = slash == std::string::npos ? id.repo_id : id.repo_id.substr(slash + 1);
    if (c["name"].get<std::string>().empty()) c["name"] = id.path.empty() ? "." : id.path;
    if (!id.revision.empty()) c["version"] = id.revision;
    if (const std::string purl = purl_of(id.layout, id.repo_type, id.repo_id, id.revision);
        !purl.empty())
      c["purl"] = purl;
    fill(Part{t, "", {}}, ref, &c);
    return c;
  }

  ordered_json target_component(const render::Target& t) {
    std::set<std::string> folders;
    for (const render::Governs& g : t.governs) folders.insert(g.folder);
    const std::string ref = "target:" + t.target;
    ordered_json c = {{"type", "machine-learning-model"}, {"bom-ref", ref}, {"name", t.target}};
    fill(Part{t, "", folders}, ref, &c);
    ordered_json nested = c.contains("components") ? c["components"] : ordered_json::array();
    for (const std::string& folder : folders) {
      if (folder.empty()) continue;
      const std::string sub_ref = ref + "/" + folder;
      ordered_json sub = {
          {"type", "machine-learning-model"}, {"bom-ref", sub_ref}, {"name", folder}};
      fill(Part{t, folder, folders}, sub_ref, &sub);
      nested.push_back(sub);
    }
    if (!nested.empty()) c["components"] = nested;
    return c;
  }

  void write_inline(const ordered_json& value) {
    for (char ch : dump(value)) {
      out_ << ch;
      if (ch == '\n') out_ << "  ";
    }
  }

  RunInfo info_;
  std::ostream& out_;
  bool first_ = true;
  std::string digest_;
};

}  // namespace

std::unique_ptr<Sink> make_cyclonedx_sink(const RunInfo& info, std::ostream& out) {
  return std::make_unique<CycloneDxSink>(info, out);
}

}  // namespace oblige::reporters
