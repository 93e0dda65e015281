#include "scanner/walk/model_caches.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>

namespace oblige::walk {
namespace fs = boost::filesystem;

namespace {

std::vector<fs::path> sorted_entries(const fs::path& dir) {
  std::vector<fs::path> out;
  boost::system::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

bool is_dir(const fs::path& p) {
  boost::system::error_code ec;
  return fs::is_directory(fs::symlink_status(p, ec));
}

// The first line of a small text file (refs, .metadata, .mv), trimmed.
std::string first_line(const fs::path& file) {
  std::ifstream in(file.string());
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\n'))
    line.pop_back();
  return line.size() > 200 ? line.substr(0, 200) : line;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// "models--Qwen--Qwen-7B-Chat" -> type "model", id "Qwen/Qwen-7B-Chat".
bool parse_repo_folder(const std::string& name, std::string* type, std::string* id) {
  for (const auto& [prefix, kind] : {std::pair{"models--", "model"}, std::pair{"datasets--", "dataset"},
                                     std::pair{"spaces--", "space"}}) {
    if (!starts_with(name, prefix)) continue;
    std::string rest = name.substr(std::string(prefix).size());
    if (rest.empty()) return false;
    std::size_t at;
    while ((at = rest.find("--")) != std::string::npos) rest.replace(at, 2, "/");
    *type = kind;
    *id = rest;
    return true;
  }
  return false;
}

// refs/<name> files (refs/main, refs/v1.0, refs/refs/pr/3 or refs/pr/3).
std::map<std::string, std::vector<std::string>> read_refs(const fs::path& refs_dir) {
  std::map<std::string, std::vector<std::string>> by_revision;
  boost::system::error_code ec;
  if (!fs::is_directory(refs_dir, ec)) return by_revision;
  for (fs::recursive_directory_iterator it(refs_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!fs::is_regular_file(it->symlink_status())) continue;
    std::string name = it->path().lexically_relative(refs_dir).generic_string();
    if (starts_with(name, "refs/")) name = name.substr(5);
    by_revision[first_line(it->path())].push_back(name);
  }
  for (auto& [rev, names] : by_revision) std::sort(names.begin(), names.end());
  return by_revision;
}

void discover_hf_cache(const fs::path& root, std::vector<ModelSnapshot>* out,
                       std::vector<CacheProblem>* problems) {
  for (const fs::path& repo : sorted_entries(root)) {
    std::string type, id;
    if (!is_dir(repo) || !parse_repo_folder(repo.filename().string(), &type, &id)) continue;
    const auto refs = read_refs(repo / "refs");
    const fs::path snapshots = repo / "snapshots";
    if (!is_dir(snapshots)) {
      problems->push_back({repo.filename().string(), "no snapshots/ folder: nothing downloaded"});
      continue;
    }
    for (const fs::path& snap : sorted_entries(snapshots)) {
      if (!is_dir(snap)) continue;
      ModelSnapshot s;
      s.layout = "hf-cache";
      s.repo_type = type;
      s.repo_id = id;
      s.revision = snap.filename().string();
      if (auto it = refs.find(s.revision); it != refs.end()) s.refs = it->second;
      s.path = snap;
      s.logical_path = repo.filename().string() + "/snapshots/" + s.revision;
      out->push_back(std::move(s));
    }
    for (const auto& [rev, names] : refs) {
      if (!is_dir(snapshots / rev))
        problems->push_back({repo.filename().string() + "/refs/" + names.front(),
                             "points at revision " + rev + ", which has no snapshot"});
    }
  }
}

// ModelScope stores "Qwen2.5" as "Qwen2___5".
std::string unmask(std::string name) {
  std::size_t at;
  while ((at = name.find("___")) != std::string::npos) name.replace(at, 3, ".");
  return name;
}

void discover_modelscope(const fs::path& dir, const fs::path& root, int depth,
                         std::vector<ModelSnapshot>* out) {
  if (depth > 5) return;
  boost::system::error_code ec;
  if (fs::exists(dir / ".mv", ec)) {
    ModelSnapshot s;
    s.layout = "modelscope";
    s.repo_type = "model";
    s.repo_id = unmask(dir.parent_path().filename().string()) + "/" + unmask(dir.filename().string());
    const std::string mv = first_line(dir / ".mv");  // Revision:<rev>,CreatedAt:<ts>
    if (starts_with(mv, "Revision:")) s.revision = mv.substr(9, mv.find(',') - 9);
    s.path = dir;
    s.logical_path = dir.lexically_relative(root).generic_string();
    if (s.logical_path == ".") s.logical_path = "";
    out->push_back(std::move(s));
    return;
  }
  for (const fs::path& child : sorted_entries(dir)) {
    const std::string name = child.filename().string();
    if (is_dir(child) && name != "._____temp" && !starts_with(name, "."))
      discover_modelscope(child, root, depth + 1, out);
  }
}

std::string local_dir_revision(const fs::path& download_dir) {
  boost::system::error_code ec;
  for (fs::recursive_directory_iterator it(download_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".metadata" && fs::is_regular_file(it->symlink_status()))
      return first_line(it->path());
  }
  return "";
}

}  // namespace

fs::path default_hf_cache() {
  if (const char* v = std::getenv("HF_HUB_CACHE"); v && *v) return v;
  if (const char* v = std::getenv("HUGGINGFACE_HUB_CACHE"); v && *v) return v;
  if (const char* v = std::getenv("HF_HOME"); v && *v) return fs::path(v) / "hub";
  if (const char* v = std::getenv("XDG_CACHE_HOME"); v && *v) return fs::path(v) / "huggingface" / "hub";
  const char* home = std::getenv("HOME");
  return fs::path(home ? home : ".") / ".cache" / "huggingface" / "hub";
}

std::vector<ModelSnapshot> discover_models(const fs::path& root, std::vector<CacheProblem>* problems) {
  std::vector<ModelSnapshot> out;
  const auto entries = sorted_entries(root);
  const bool hf_cache = std::any_of(entries.begin(), entries.end(), [](const fs::path& p) {
    std::string type, id;
    return is_dir(p) && parse_repo_folder(p.filename().string(), &type, &id);
  });
  if (hf_cache) {
    discover_hf_cache(root, &out, problems);
    return out;
  }
  discover_modelscope(root, root, 0, &out);
  if (!out.empty()) return out;
  ModelSnapshot s;
  s.repo_type = "model";
  s.path = root;
  boost::system::error_code ec;
  const fs::path canonical = fs::canonical(root, ec);
  s.repo_id = (ec ? root : canonical).filename().string();
  const fs::path download = root / ".cache" / "huggingface" / "download";
  if (is_dir(download)) {
    s.layout = "local-dir";
    s.revision = local_dir_revision(download);
  } else {
    s.layout = "folder";
  }
  out.push_back(std::move(s));
  return out;
}

}  // namespace oblige::walk
