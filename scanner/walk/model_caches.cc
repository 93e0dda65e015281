#include "scanner/walk/model_caches.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <map>

#include "scanner/walk/display_name.h"
#include "scanner/walk/folder_listing.h"
#include "scanner/walk/safe_open.h"

namespace oblige::walk {
namespace fs = boost::filesystem;

namespace {

constexpr std::size_t kMaxLine = 256;    // refs, .mv and .metadata hold one short line
constexpr std::size_t kMaxRefs = 10000;  // per repository
constexpr int kMaxRefDepth = 4;          // refs/refs/pr/3
constexpr int kMaxModelScopeDepth = 5;

struct Entry {
  std::string name;
  unsigned char type;  // DT_DIR, DT_REG, DT_LNK, DT_FIFO
};

std::string join(const std::string& a, const std::string& b) { return a.empty() ? b : a + "/" + b; }

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// Reads a cache below its root, never through a symbolic link: every folder
// and file is opened with open_beneath() from the root's descriptor.
class CacheReader {
 public:
  explicit CacheReader(const fs::path& root)
      : root_(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK)) {}

  bool ok() const { return root_.valid(); }

  // The entries of the folder at `rel` ("" for the root), sorted by name;
  // `error` gets the errno when it cannot be listed (ELOOP: it is a link).
  std::vector<Entry> list(const std::string& rel, int* error = nullptr) const {
    std::vector<Entry> out;
    const UniqueFd fd(open_folder(rel));
    int failure = fd.valid() ? 0 : -fd.get();
    if (fd.valid()) {
      std::vector<char> buffer;
      failure = for_each_entry(fd.get(), &buffer, [&](std::string_view name, unsigned char type) {
        out.push_back({std::string(name), type});
      });
    }
    if (error) *error = failure;
    std::sort(out.begin(), out.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return out;
  }

  bool is_folder(const std::string& rel) const { return UniqueFd(open_folder(rel)).valid(); }

  // The first line of the regular file at `rel`, trimmed; at most kMaxLine
  // bytes are read. Nothing for a FIFO, a device, a link or a folder.
  std::optional<std::string> first_line(const std::string& rel) const {
    const UniqueFd fd(open_beneath(root_.get(), rel, file_open_flags()));
    struct stat st {};
    if (!fd.valid() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    char buffer[kMaxLine];
    std::size_t size = 0;
    while (size < sizeof buffer) {
      const ssize_t n = ::read(fd.get(), buffer + size, sizeof buffer - size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      size += static_cast<std::size_t>(n);
    }
    std::string line(buffer, std::find(buffer, buffer + size, '\n'));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
  }

 private:
  // A descriptor or -errno.
  int open_folder(const std::string& rel) const {
    if (!root_.valid()) return -EBADF;
    if (rel.empty()) return ::openat(root_.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return open_beneath(root_.get(), rel, O_RDONLY | O_DIRECTORY | O_NONBLOCK);
  }

  UniqueFd root_;
};

// "models--Qwen--Qwen-7B-Chat" -> type "model", id "Qwen/Qwen-7B-Chat".
bool parse_repo_folder(const std::string& name, std::string* type, std::string* id) {
  for (const auto& [prefix, kind] :
       {std::pair{"models--", "model"}, std::pair{"datasets--", "dataset"},
        std::pair{"spaces--", "space"}}) {
    if (!starts_with(name, prefix)) continue;
    std::string rest = name.substr(std::string(prefix).size());
    if (rest.empty()) return false;
    std::size_t at;
    while ((at = rest.find("--")) != std::string::npos) rest.replace(at, 2, "/");
    *type = kind;
    *id = display_name(rest);
    return true;
  }
  return false;
}

// refs/<name> files (refs/main, refs/v1.0, refs/refs/pr/3 or refs/pr/3) of
// the repository at `repo` ("" for the reader's root), by revision. A ref is
// kept only when it holds a revision hash; `shown` names the repository in
// problems.
std::map<std::string, std::vector<std::string>> read_refs(const CacheReader& cache,
                                                          const std::string& repo,
                                                          const std::string& shown,
                                                          std::vector<CacheProblem>* problems) {
  std::map<std::string, std::vector<std::string>> by_revision;
  const std::string refs = join(repo, "refs");
  std::size_t count = 0;
  // Folders below refs/ still to list: (path below refs/, depth).
  std::vector<std::pair<std::string, int>> todo = {{"", 0}};
  while (!todo.empty()) {
    const auto [below, depth] = todo.back();
    todo.pop_back();
    int error = 0;
    const std::vector<Entry> entries = cache.list(join(refs, below), &error);
    if (error == ELOOP || error == ENOTDIR) {
      problems->push_back({shown + "/refs" + (below.empty() ? "" : "/" + display_path(below)),
                           "is a symbolic link or not a folder; not followed"});
      continue;
    }
    for (const Entry& e : entries) {
      const std::string name = join(below, e.name);
      if (e.type == DT_DIR) {
        if (depth + 1 < kMaxRefDepth) todo.emplace_back(name, depth + 1);
        continue;
      }
      if (e.type != DT_REG) continue;
      if (++count > kMaxRefs) {
        problems->push_back({shown + "/refs", "holds more than " + std::to_string(kMaxRefs) +
                                                  " refs; the rest are ignored"});
        return by_revision;
      }
      const std::optional<std::string> revision = cache.first_line(join(refs, name));
      if (!revision || !is_revision_hash(*revision)) {
        problems->push_back(
            {shown + "/refs/" + display_path(name), "does not hold a revision hash; ignored"});
        continue;
      }
      by_revision[*revision].push_back(
          display_path(starts_with(name, "refs/") ? name.substr(5) : name));
    }
  }
  for (auto& [rev, names] : by_revision) std::sort(names.begin(), names.end());
  return by_revision;
}

// One repository folder at `repo` below the cache root `root`; its snapshots'
// logical paths start with `logical` ("models--ORG--NAME/", or "" when the
// repository is the root).
void discover_repository(const CacheReader& cache, const fs::path& root, const std::string& repo,
                         const std::string& name, const std::string& logical,
                         std::vector<ModelSnapshot>* out, std::vector<CacheProblem>* problems) {
  std::string type, id;
  if (!parse_repo_folder(name, &type, &id)) return;
  const std::string shown = display_name(name);
  const auto refs = read_refs(cache, repo, shown, problems);
  const std::string snapshots = join(repo, "snapshots");
  int error = 0;
  const std::vector<Entry> revisions = cache.list(snapshots, &error);
  if (error != 0) {
    problems->push_back({shown, error == ELOOP ? "snapshots/ is a symbolic link; not followed"
                                               : "no snapshots/ folder: nothing downloaded"});
    return;
  }
  std::map<std::string, bool> present;
  for (const Entry& snap : revisions) {
    if (snap.type != DT_DIR) continue;
    present[snap.name] = true;
    ModelSnapshot s;
    s.layout = "hf-cache";
    s.repo_type = type;
    s.repo_id = id;
    s.revision = display_name(snap.name);
    if (auto it = refs.find(snap.name); it != refs.end()) s.refs = it->second;
    s.path = root / snapshots / snap.name;
    s.logical_path = logical + "snapshots/" + s.revision;
    s.allowed_root = root / repo / "blobs";
    out->push_back(std::move(s));
  }
  for (const auto& [rev, names] : refs) {
    if (!present.count(rev))
      problems->push_back({shown + "/refs/" + names.front(),
                           "points at revision " + rev + ", which has no snapshot"});
  }
}

// ModelScope stores "Qwen2.5" as "Qwen2___5".
std::string unmask(std::string name) {
  std::size_t at;
  while ((at = name.find("___")) != std::string::npos) name.replace(at, 3, ".");
  return display_name(name);
}

// "Revision:<rev>,CreatedAt:<ts>" -> <rev>, when it is a plain name.
std::string modelscope_revision(const std::optional<std::string>& mv) {
  if (!mv || !starts_with(*mv, "Revision:")) return "";
  const std::string rev =
      mv->substr(9, mv->find(',') == std::string::npos ? std::string::npos : mv->find(',') - 9);
  const bool plain =
      !rev.empty() && rev.size() <= 128 && std::all_of(rev.begin(), rev.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
               c == '/';
      });
  return plain ? rev : "";
}

bool has_entry(const std::vector<Entry>& entries, const std::string& name) {
  return std::any_of(entries.begin(), entries.end(),
                     [&](const Entry& e) { return e.name == name; });
}

// The folder at `rel` below `root`, named `name` in a folder named
// `parent_name` (the model id is "parent_name/name").
void discover_modelscope(const CacheReader& cache, const fs::path& root, const std::string& rel,
                         const std::string& parent_name, const std::string& name, int depth,
                         std::vector<ModelSnapshot>* out) {
  if (depth > kMaxModelScopeDepth) return;
  const std::vector<Entry> entries = cache.list(rel);
  if (has_entry(entries, ".mv")) {
    ModelSnapshot s;
    s.layout = "modelscope";
    s.repo_type = "model";
    s.repo_id = unmask(parent_name) + "/" + unmask(name);
    s.revision = modelscope_revision(cache.first_line(join(rel, ".mv")));
    s.path = rel.empty() ? root : root / rel;
    s.logical_path = display_path(rel);
    out->push_back(std::move(s));
    return;
  }
  for (const Entry& child : entries) {
    if (child.type == DT_DIR && child.name != "._____temp" && !starts_with(child.name, "."))
      discover_modelscope(cache, root, join(rel, child.name), name, child.name, depth + 1, out);
  }
}

// The commit of a snapshot_download(local_dir=...) folder: line 1 of any
// .cache/huggingface/download/**/*.metadata.
std::string local_dir_revision(const CacheReader& cache, const std::string& download) {
  std::vector<std::pair<std::string, int>> todo = {{download, 0}};
  while (!todo.empty()) {
    const auto [rel, depth] = todo.back();
    todo.pop_back();
    for (const Entry& e : cache.list(rel)) {
      const std::string path = join(rel, e.name);
      if (e.type == DT_DIR && depth < 8) todo.emplace_back(path, depth + 1);
      const std::string_view suffix = ".metadata";
      if (e.type != DT_REG || e.name.size() <= suffix.size() ||
          e.name.compare(e.name.size() - suffix.size(), suffix.size(), suffix) != 0)
        continue;
      if (auto line = cache.first_line(path); line && is_revision_hash(*line)) return *line;
    }
  }
  return "";
}

fs::path canonical_path(const fs::path& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  const fs::path p = real ? fs::path(real) : fs::absolute(path).lexically_normal();
  std::free(real);
  return p;
}

std::string canonical_name(const fs::path& path) {
  return canonical_path(path).filename().string();
}

// `path` made absolute and canonical, except for its last component when that
// is no folder (a snapshot's LICENSE is a link into blobs/: keep its name).
fs::path canonical_keeping_file(const fs::path& path) {
  struct stat st {};
  const bool folder = ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  const fs::path base =
      folder ? path : (path.has_parent_path() ? path.parent_path() : fs::path("."));
  char* real = ::realpath(base.c_str(), nullptr);
  if (!real) return {};
  fs::path out(real);
  std::free(real);
  return folder ? out : out / path.filename();
}

}  // namespace

bool is_revision_hash(std::string_view text) {
  return (text.size() == 40 || text.size() == 64) &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

fs::path default_hf_cache() {
  if (const char* v = std::getenv("HF_HUB_CACHE"); v && *v) return v;
  if (const char* v = std::getenv("HUGGINGFACE_HUB_CACHE"); v && *v) return v;
  if (const char* v = std::getenv("HF_HOME"); v && *v) return fs::path(v) / "hub";
  if (const char* v = std::getenv("XDG_CACHE_HOME"); v && *v)
    return fs::path(v) / "huggingface" / "hub";
  const char* home = std::getenv("HOME");
  return fs::path(home ? home : ".") / ".cache" / "huggingface" / "hub";
}

bool is_hf_repository(const fs::path& folder) {
  std::string type, id;
  if (!parse_repo_folder(canonical_name(folder), &type, &id)) return false;
  return CacheReader(folder).is_folder("snapshots");
}

bool is_hf_cache_root(const fs::path& folder) {
  const CacheReader cache(folder);
  std::string type, id;
  for (const Entry& e : cache.list(""))
    if (e.type == DT_DIR && parse_repo_folder(e.name, &type, &id) &&
        cache.is_folder(e.name + "/snapshots"))
      return true;
  return false;
}

std::optional<SnapshotContext> snapshot_context(const fs::path& path) {
  const fs::path canonical = canonical_keeping_file(path);
  if (canonical.empty()) return std::nullopt;
  std::vector<std::string> parts;
  for (const fs::path& part : canonical) parts.push_back(part.string());
  std::string type, id;
  for (std::size_t i = parts.size(); i-- > 2;) {
    if (parts[i - 1] != "snapshots" || !parse_repo_folder(parts[i - 2], &type, &id)) continue;
    SnapshotContext c;
    for (std::size_t k = 0; k + 2 < i; ++k) c.repository /= parts[k];
    c.repository /= parts[i - 2];
    for (std::size_t k = i + 1; k < parts.size(); ++k) c.subpath = join(c.subpath, parts[k]);
    ModelSnapshot& s = c.snapshot;
    s.layout = "hf-cache";
    s.repo_type = type;
    s.repo_id = id;
    s.revision = display_name(parts[i]);
    std::vector<CacheProblem> ignored;
    const auto refs =
        read_refs(CacheReader(c.repository), "", display_name(parts[i - 2]), &ignored);
    if (auto it = refs.find(parts[i]); it != refs.end()) s.refs = it->second;
    s.path = c.repository / "snapshots" / parts[i];
    s.logical_path = display_name(parts[i - 2]) + "/snapshots/" + s.revision;
    s.allowed_root = c.repository / "blobs";
    return c;
  }
  // A ModelScope model folder holds a .mv file; the path may be below it.
  fs::path folder = canonical;
  for (int up = 0; up < 4 && folder.has_parent_path() && folder != folder.root_path();
       ++up, folder = folder.parent_path()) {
    const CacheReader cache(folder);
    if (!cache.ok() || !has_entry(cache.list(""), ".mv")) continue;
    SnapshotContext c;
    c.repository = folder;
    c.subpath = canonical.lexically_relative(folder).generic_string();
    if (c.subpath == ".") c.subpath.clear();
    ModelSnapshot& s = c.snapshot;
    s.layout = "modelscope";
    s.repo_type = "model";
    s.repo_id =
        unmask(folder.parent_path().filename().string()) + "/" + unmask(folder.filename().string());
    s.revision = modelscope_revision(cache.first_line(".mv"));
    s.path = folder;
    s.logical_path = s.repo_id;
    return c;
  }
  return std::nullopt;
}

WalkOptions snapshot_walk_options(const SnapshotContext& context) {
  WalkOptions options;
  options.allowed_root =
      context.snapshot.allowed_root.empty() ? context.snapshot.path : context.snapshot.allowed_root;
  options.report_link_targets = false;
  return options;
}

std::vector<ModelSnapshot> discover_models(const fs::path& root,
                                           std::vector<CacheProblem>* problems) {
  std::vector<ModelSnapshot> out;
  const CacheReader cache(root);
  const std::vector<Entry> entries = cache.list("");
  std::string type, id;
  const bool hf_cache = std::any_of(entries.begin(), entries.end(), [&](const Entry& e) {
    return e.type == DT_DIR && parse_repo_folder(e.name, &type, &id);
  });
  if (hf_cache) {
    for (const Entry& e : entries)
      if (e.type == DT_DIR)
        discover_repository(cache, root, e.name, e.name, display_name(e.name) + "/", &out,
                            problems);
    return out;
  }
  const fs::path real = canonical_path(root);
  const std::string root_name = real.filename().string();
  // One repository folder of a cache, given alone.
  if (parse_repo_folder(root_name, &type, &id) && cache.is_folder("snapshots")) {
    discover_repository(cache, root, "", root_name, "", &out, problems);
    return out;
  }
  // One snapshot, given alone: its links lead into the repository's blobs/.
  if (auto context = snapshot_context(root);
      context && context->snapshot.layout == "hf-cache" && context->subpath.empty()) {
    context->snapshot.logical_path = "";
    out.push_back(std::move(context->snapshot));
    return out;
  }
  discover_modelscope(cache, root, "", real.parent_path().filename().string(), root_name, 0, &out);
  if (!out.empty()) return out;
  ModelSnapshot s;
  s.repo_type = "model";
  s.path = root;
  s.repo_id = display_name(root_name);
  if (cache.is_folder(".cache/huggingface/download")) {
    s.layout = "local-dir";
    s.revision = local_dir_revision(cache, ".cache/huggingface/download");
  } else {
    s.layout = "folder";
  }
  out.push_back(std::move(s));
  return out;
}

}  // namespace oblige::walk
