#include "scanner/walk/git_source.h"

#include <git2.h>

#include <boost/filesystem.hpp>
#include <cstdlib>
#include <memory>

#include "scanner/walk/candidates.h"

namespace oblige::walk {
namespace {

namespace fs = boost::filesystem;
using Rule = results::RuleId;

// RAII for libgit2 handles.
template <typename T, void (*Free)(T*)>
struct Handle {
  T* ptr = nullptr;
  Handle() = default;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() {
    if (ptr) Free(ptr);
  }
  T** out() { return &ptr; }
  T* get() const { return ptr; }
};
using Repository = Handle<git_repository, git_repository_free>;
using Index = Handle<git_index, git_index_free>;
using Object = Handle<git_object, git_object_free>;
using Tree = Handle<git_tree, git_tree_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Diff = Handle<git_diff, git_diff_free>;

struct Library {
  Library() { git_libgit2_init(); }
  ~Library() { git_libgit2_shutdown(); }
};

std::string last_error(const char* what) {
  const git_error* e = git_error_last();
  return std::string(what) + (e && e->message ? std::string(": ") + e->message : "");
}

bool is_lfs_pointer(const char* data, std::size_t size) {
  static const std::string kHeader = "version https://git-lfs.github.com/spec/v1";
  return size < 1024 && std::string(data, std::min(size, kHeader.size())) == kHeader;
}

std::string basename_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Adds one tree or index entry: a candidate with its blob's bytes, a problem,
// or nothing.
class Collector {
 public:
  Collector(git_repository* repo, const std::string& prefix, std::uintmax_t max_size, WalkResult* out)
      : repo_(repo), prefix_(prefix), max_size_(max_size), out_(out) {}

  void add(const std::string& path, const git_oid& id, git_filemode_t mode) {
    if (!prefix_.empty() && path.compare(0, prefix_.size(), prefix_) != 0) return;
    if (mode == GIT_FILEMODE_COMMIT || mode == GIT_FILEMODE_TREE) return;  // submodule
    ++out_->files_seen;
    const std::string name = basename_of(path);
    if (is_weight_file(name) || name == "config.json") {
      const std::size_t slash = path.rfind('/');
      out_->model_folders.push_back(slash == std::string::npos ? "" : path.substr(0, slash));
    }
    const CandidateRole role = classify_name(name);
    if (role == CandidateRole::kNone) return;
    if (mode == GIT_FILEMODE_LINK) {
      out_->problems.push_back({Rule::kSymlinkInRepository, path, "is a symbolic link in the repository; not followed"});
      return;
    }
    Blob blob;
    if (git_blob_lookup(blob.out(), repo_, &id) != 0) {
      out_->problems.push_back({Rule::kUnreadable, path, last_error("blob missing from the repository")});
      return;
    }
    const auto size = static_cast<std::uintmax_t>(git_blob_rawsize(blob.get()));
    const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    if (is_lfs_pointer(data, size)) {
      out_->problems.push_back({Rule::kLfsPointer, path, "is a Git LFS pointer, not the file; not scanned"});
      return;
    }
    Candidate c;
    c.path = path;
    c.display_path = path;
    c.role = role;
    c.size = size;
    // Larger blobs are not copied: the reader reports them as too large.
    c.content = std::make_shared<const std::string>(size > max_size_ ? std::string(max_size_ + 1, ' ')
                                                                      : std::string(data, size));
    out_->candidates.push_back(std::move(c));
  }

 private:
  git_repository* repo_;
  std::string prefix_;
  std::uintmax_t max_size_;
  WalkResult* out_;
};

// The folder holding a repository at or above `path`, or "" when none.
std::string repository_above(const std::string& path) {
  boost::system::error_code ec;
  for (fs::path dir = fs::absolute(path).lexically_normal(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec) || (fs::exists(dir / "HEAD", ec) && fs::is_directory(dir / "objects", ec)))
      return dir.string();
    if (dir == dir.root_path()) break;
  }
  return "";
}

// Opens the repository holding `path` and works out the path's prefix in it.
bool open_repository(const std::string& path, Repository* repo, std::string* prefix, std::string* error) {
  int rc = git_repository_open_ext(repo->out(), path.c_str(), 0, nullptr);
  // libgit2 1.5 reports a repository that fails its ownership check
  // (safe.directory) as not found: tell the two apart.
  const std::string found = rc == GIT_ENOTFOUND ? repository_above(path) : "";
  if (rc == GIT_ENOTFOUND && !found.empty()) rc = GIT_EOWNER;
  if (rc == GIT_ENOTFOUND) {
    *error = path + " is not in a git repository";
    return false;
  }
  if (rc == GIT_EOWNER) {
    *error = path + " is in a repository owned by another user; git refuses to read it. If you "
             "trust it, run: git config --global --add safe.directory '" +
             (found.empty() ? fs::absolute(path).lexically_normal().string() : found) + "'";
    return false;
  }
  if (rc != 0) {
    *error = last_error(("cannot open the git repository at " + path).c_str());
    return false;
  }
  const char* workdir = git_repository_workdir(repo->get());
  prefix->clear();
  if (workdir) {
    boost::system::error_code ec;
    const fs::path root = fs::canonical(workdir, ec);
    const fs::path here = fs::canonical(path, ec);
    if (!ec) {
      const fs::path rel = here.lexically_relative(root);
      if (!rel.empty() && rel != "." && rel.begin()->string() != "..") *prefix = rel.generic_string() + "/";
    }
  }
  return true;
}

bool read_index(git_repository* repo, Index* index, std::string* error) {
  // git sets GIT_INDEX_FILE for hooks; for `git commit -a` or `git commit
  // <paths>` it is a temporary index holding exactly what will be committed.
  if (const char* file = std::getenv("GIT_INDEX_FILE"); file && *file) {
    fs::path p(file);
    if (p.is_relative()) {
      // Relative to the repository's top level (git runs hooks from there).
      const char* workdir = git_repository_workdir(repo);
      p = fs::path(workdir ? workdir : git_repository_path(repo)) / p;
    }
    if (git_index_open(index->out(), p.c_str()) != 0) {
      *error = last_error(("cannot read the index " + p.string()).c_str());
      return false;
    }
    return true;
  }
  if (git_repository_index(index->out(), repo) != 0 || git_index_read(index->get(), 0) != 0) {
    *error = last_error("cannot read the git index");
    return false;
  }
  return true;
}

void staged_changes(git_repository* repo, git_index* index, std::set<std::string>* changed) {
  Tree head;
  Object head_obj;
  if (git_revparse_single(head_obj.out(), repo, "HEAD^{tree}") == 0)
    git_tree_lookup(head.out(), repo, git_object_id(head_obj.get()));
  Diff diff;
  git_diff_options opts;
  git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
  if (git_diff_tree_to_index(diff.out(), repo, head.get(), index, &opts) != 0) return;
  for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
    if (d->status != GIT_DELTA_DELETED) changed->insert(d->new_file.path);
  }
}

struct TreeWalk {
  Collector* collector;
};

int tree_entry(const char* root, const git_tree_entry* entry, void* payload) {
  auto* walk = static_cast<TreeWalk*>(payload);
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB && git_tree_entry_filemode(entry) != GIT_FILEMODE_COMMIT)
    return 0;
  walk->collector->add(std::string(root) + git_tree_entry_name(entry), *git_tree_entry_id(entry),
                       git_tree_entry_filemode(entry));
  return 0;
}

}  // namespace

GitSource read_git_source(const std::string& path, const GitSourceOptions& options) {
  static const Library library;
  GitSource out;
  Repository repo;
  std::string prefix;
  if (!open_repository(path, &repo, &prefix, &out.error)) return out;
  if (const char* workdir = git_repository_workdir(repo.get())) out.workdir = workdir;
  Collector collector(repo.get(), prefix, options.max_size, &out.walk);

  if (options.staged) {
    Index index;
    if (!read_index(repo.get(), &index, &out.error)) return out;
    const std::size_t count = git_index_entrycount(index.get());
    for (std::size_t i = 0; i < count; ++i) {
      const git_index_entry* e = git_index_get_byindex(index.get(), i);
      if (git_index_entry_stage(e) != 0) continue;  // a conflict: not committable
      collector.add(e->path, e->id, static_cast<git_filemode_t>(e->mode));
    }
    staged_changes(repo.get(), index.get(), &out.changed);
    out.description = "staged changes";
  } else {
    Object object;
    if (git_revparse_single(object.out(), repo.get(), options.revision.c_str()) != 0) {
      out.error = "revision '" + options.revision + "' does not exist in " + path;
      return out;
    }
    Object tree;
    if (git_object_peel(tree.out(), object.get(), GIT_OBJECT_TREE) != 0) {
      out.error = last_error(("revision '" + options.revision + "' has no tree").c_str());
      return out;
    }
    TreeWalk walk{&collector};
    if (git_tree_walk(reinterpret_cast<git_tree*>(tree.get()), GIT_TREEWALK_PRE, tree_entry, &walk) != 0) {
      out.error = last_error("cannot read the repository's objects (corrupt?)");
      return out;
    }
    char sha[GIT_OID_HEXSZ + 1];
    git_oid_tostr(sha, sizeof sha, git_object_id(object.get()));
    out.description = "revision " + options.revision + " (" + sha + ")";
  }
  std::sort(out.walk.candidates.begin(), out.walk.candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.display_path < b.display_path; });
  auto& folders = out.walk.model_folders;
  std::sort(folders.begin(), folders.end());
  folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
  out.ok = true;
  return out;
}

}  // namespace oblige::walk
