#include "scanner/signatures/loader.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <boost/filesystem.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <tuple>

#include "scanner/results/commercial_use.h"
#include "scanner/results/rule.h"
#include "scanner/signatures/pattern_options.h"

namespace oblige::signatures {
namespace {

// Thrown inside this file only, turned into a LoadResult at the boundary.
struct FieldError {
  std::string field;
  std::string message;
};

const std::set<std::string> kTopLevelKeys = {
    "id",         "name",      "family",         "version", "kind",      "spdx",    "scancode",
    "url",        "publisher", "commercial",     "aliases", "anchors",   "require", "reject",
    "references", "clauses",   "min_confidence", "generic", "statement", "notes"};
const std::set<std::string> kClauseKeys = {"id",       "kind",           "summary",
                                           "patterns", "parameters",     "level",
                                           "optional", "agreement_only", "notes"};
const std::set<std::string> kKinds = {"license", "acceptable-use-policy", "notice", "generic"};
const std::set<std::string> kCommercial = {"allowed", "conditional", "requires-approval",
                                           "not-allowed", "unknown"};

std::string scalar(const YAML::Node& node, const std::string& field, bool required) {
  if (!node) {
    if (required) throw FieldError{field, "is required"};
    return "";
  }
  if (!node.IsScalar()) throw FieldError{field, "must be a string"};
  return node.as<std::string>();
}

std::vector<std::string> string_list(const YAML::Node& node, const std::string& field) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
    return out;
  }
  if (!node.IsSequence()) throw FieldError{field, "must be a list of strings"};
  for (std::size_t i = 0; i < node.size(); ++i) {
    if (!node[i].IsScalar())
      throw FieldError{field + "[" + std::to_string(i) + "]", "must be a string"};
    out.push_back(node[i].as<std::string>());
  }
  return out;
}

void check_keys(const YAML::Node& map, const std::set<std::string>& allowed,
                const std::string& where) {
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (!allowed.count(key)) throw FieldError{where + key, "unknown field"};
  }
}

// YAML scalars become JSON numbers, booleans or strings, so parameters keep
// their types in the JSON and SARIF output.
nlohmann::json to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    nlohmann::json obj = nlohmann::json::object();
    for (const auto& kv : node) obj[kv.first.as<std::string>()] = to_json(kv.second);
    return obj;
  }
  if (node.IsSequence()) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& item : node) arr.push_back(to_json(item));
    return arr;
  }
  if (node.IsNull()) return nullptr;
  const std::string text = node.as<std::string>();
  if (node.Tag() == "!") return text;  // quoted in the YAML: keep as a string
  std::int64_t integer;
  if (YAML::convert<std::int64_t>::decode(node, integer)) return integer;
  double real;
  if (YAML::convert<double>::decode(node, real)) return real;
  if (text == "true" || text == "false") return text == "true";
  return text;
}

Clause parse_clause(const YAML::Node& node, const std::string& where) {
  if (!node.IsMap()) throw FieldError{where, "must be a mapping"};
  check_keys(node, kClauseKeys, where + ".");
  Clause clause;
  clause.id = scalar(node["id"], where + ".id", true);
  clause.kind = scalar(node["kind"], where + ".kind", false);
  if (!clause.kind.empty() && !results::parse_kind(clause.kind))
    throw FieldError{where + ".kind", "unknown kind '" + clause.kind + "'"};
  clause.summary = scalar(node["summary"], where + ".summary", !clause.kind.empty());
  clause.patterns = string_list(node["patterns"], where + ".patterns");
  if (clause.patterns.empty()) throw FieldError{where + ".patterns", "needs at least one pattern"};
  if (node["parameters"]) {
    if (!node["parameters"].IsMap()) throw FieldError{where + ".parameters", "must be a mapping"};
    clause.parameters = to_json(node["parameters"]);
  }
  clause.level = scalar(node["level"], where + ".level", false);
  if (!clause.level.empty()) {
    results::Level level;
    if (!results::parse_level(clause.level, &level))
      throw FieldError{where + ".level", "must be none, note, warning or error"};
  }
  if (node["optional"]) clause.optional = node["optional"].as<bool>();
  if (node["agreement_only"]) clause.agreement_only = node["agreement_only"].as<bool>();
  return clause;
}

void parse_into(const YAML::Node& root, Signature* sig) {
  if (!root.IsMap()) throw FieldError{"(document)", "must be a mapping"};
  check_keys(root, kTopLevelKeys, "");
  sig->id = scalar(root["id"], "id", true);
  static const RE2 kIdPattern("[a-z0-9][a-z0-9.+-]*");
  if (!RE2::FullMatch(sig->id, kIdPattern))
    throw FieldError{"id", "must be lower case letters, digits, '.', '+' or '-'"};
  sig->name = scalar(root["name"], "name", true);
  sig->family = scalar(root["family"], "family", false);
  if (sig->family.empty()) sig->family = sig->id;
  sig->version = scalar(root["version"], "version", false);
  sig->kind = scalar(root["kind"], "kind", false);
  if (sig->kind.empty()) sig->kind = "license";
  if (!kKinds.count(sig->kind)) throw FieldError{"kind", "unknown kind '" + sig->kind + "'"};
  sig->generic = sig->kind == "generic";
  sig->spdx = scalar(root["spdx"], "spdx", !sig->generic);
  sig->scancode = scalar(root["scancode"], "scancode", false);
  sig->url = scalar(root["url"], "url", false);
  sig->publisher = scalar(root["publisher"], "publisher", false);
  sig->commercial = scalar(root["commercial"], "commercial", false);
  if (sig->commercial.empty()) sig->commercial = "unknown";
  if (!kCommercial.count(sig->commercial))
    throw FieldError{"commercial",
                     "must be allowed, conditional, requires-approval, not-allowed or unknown"};
  sig->aliases = string_list(root["aliases"], "aliases");
  sig->anchors = string_list(root["anchors"], "anchors");
  if (sig->anchors.empty() && !sig->generic)
    throw FieldError{"anchors", "needs at least one pattern"};
  sig->require = string_list(root["require"], "require");
  sig->reject = string_list(root["reject"], "reject");
  sig->references = string_list(root["references"], "references");
  sig->statement = scalar(root["statement"], "statement", false);
  if (!sig->statement.empty() && sig->statement != "model-card")
    throw FieldError{"statement", "must be model-card"};
  if (root["min_confidence"]) {
    sig->min_confidence = root["min_confidence"].as<double>();
    if (sig->min_confidence < 0 || sig->min_confidence > 1)
      throw FieldError{"min_confidence", "must be between 0 and 1"};
  }
  const YAML::Node clauses = root["clauses"];
  if (clauses && !clauses.IsSequence()) throw FieldError{"clauses", "must be a list"};
  std::set<std::string> clause_ids;
  for (std::size_t i = 0; clauses && i < clauses.size(); ++i) {
    Clause clause = parse_clause(clauses[i], "clauses[" + std::to_string(i) + "]");
    if (!clause_ids.insert(clause.id).second)
      throw FieldError{"clauses[" + std::to_string(i) + "].id", "duplicate id '" + clause.id + "'"};
    sig->clauses.push_back(std::move(clause));
  }
}

LoadResult error(const std::string& file, const std::string& field, const std::string& message) {
  return {false, file + ": " + field + ": " + message};
}

LoadResult check_list(const Signature& sig, const std::vector<std::string>& patterns,
                      const std::string& field) {
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    RE2 re(patterns[i], pattern_options());
    if (!re.ok())
      return error(sig.file, field + "[" + std::to_string(i) + "]",
                   "invalid pattern: " + re.error());
  }
  return {};
}

}  // namespace

std::size_t Signature::counted_clauses() const {
  return static_cast<std::size_t>(
      std::count_if(clauses.begin(), clauses.end(), [](const Clause& c) { return !c.optional; }));
}

const Signature* SignatureSet::find(const std::string& id, const std::string& version) const {
  for (const Signature& sig : signatures)
    if (sig.id == id && sig.version == version) return &sig;
  return find(id);
}

const Signature* SignatureSet::find(const std::string& id_or_alias) const {
  for (const Signature& sig : signatures) {
    if (sig.id == id_or_alias) return &sig;
  }
  for (const Signature& sig : signatures) {
    for (const std::string& alias : sig.aliases)
      if (alias == id_or_alias) return &sig;
  }
  return nullptr;
}

LoadResult parse_signature(const std::string& file, const std::string& yaml, Signature* out) {
  out->file = file;
  try {
    parse_into(YAML::Load(yaml), out);
  } catch (const FieldError& e) {
    return error(file, e.field, e.message);
  } catch (const YAML::Exception& e) {
    return error(file, "line " + std::to_string(e.mark.line + 1), e.msg);
  }
  return {};
}

LoadResult check_patterns(const Signature& sig) {
  for (const auto& [list, field] :
       {std::pair{&sig.anchors, "anchors"}, std::pair{&sig.require, "require"},
        std::pair{&sig.reject, "reject"}, std::pair{&sig.references, "references"}}) {
    if (LoadResult r = check_list(sig, *list, field); !r.ok) return r;
  }
  for (std::size_t i = 0; i < sig.clauses.size(); ++i) {
    if (LoadResult r =
            check_list(sig, sig.clauses[i].patterns, "clauses[" + std::to_string(i) + "].patterns");
        !r.ok)
      return r;
  }
  return {};
}

LoadResult load_directory(const std::string& dir, SignatureSet* set) {
  namespace fs = boost::filesystem;
  boost::system::error_code ec;
  if (!fs::is_directory(dir, ec)) return {false, dir + ": not a folder of signature files"};
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".yaml" && fs::is_regular_file(it->path(), ec))
      files.push_back(it->path());
  }
  if (ec) return {false, dir + ": " + ec.message()};
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    std::ifstream in(path.string(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    if (!in) return {false, path.string() + ": cannot be read"};
    Signature sig;
    if (LoadResult r = parse_signature(path.string(), content.str(), &sig); !r.ok) return r;
    if (LoadResult r = check_patterns(sig); !r.ok) return r;
    set->signatures.push_back(std::move(sig));
  }
  return {};
}

namespace {

// The typed forms of what the loader checked as words.
void type_fields(Signature* sig) {
  std::vector<results::CommercialTerm> terms;
  for (Clause& c : sig->clauses) {
    c.type = results::parse_kind(c.kind).value_or(results::ClauseKind::kNone);
    results::Level level;
    if (!c.level.empty() && results::parse_level(c.level, &level)) c.level_override = level;
    terms.push_back({c.type, &c.parameters});
  }
  sig->commercial_use = results::decide_commercial_use(terms, !sig->generic).use;
}

}  // namespace

LoadResult finalize(SignatureSet* set) {
  for (Signature& sig : set->signatures) type_fields(&sig);
  // One id may have several versions (gemma 2024-04-01 and 2025-03-24): the
  // pair (id, version) is what must be unique.
  std::map<std::string, std::string> owner;  // id@version -> file
  for (const Signature& sig : set->signatures) {
    if (auto [it, fresh] = owner.emplace(sig.id + "@" + sig.version, sig.file); !fresh)
      return error(
          sig.file, "id",
          "'" + sig.id + "' (version '" + sig.version + "') is also defined in " + it->second);
  }
  std::map<std::string, std::string> alias_owner;  // alias -> id
  for (const Signature& sig : set->signatures) alias_owner.emplace(sig.id, sig.id);
  for (const Signature& sig : set->signatures) {
    for (const std::string& alias : sig.aliases) {
      if (auto [it, fresh] = alias_owner.emplace(alias, sig.id); !fresh && it->second != sig.id)
        return error(sig.file, "aliases", "'" + alias + "' is already used by " + it->second);
    }
  }
  std::sort(set->signatures.begin(), set->signatures.end(),
            [](const Signature& a, const Signature& b) {
              return std::tie(a.id, a.version) < std::tie(b.id, b.version);
            });
  return {};
}

}  // namespace oblige::signatures
