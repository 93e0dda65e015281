// oblige-git.so: git sources read with libgit2 (git_source.h). Loaded by
// git_source.cc when a --rev or --staged scan first needs it; the walk code
// it calls (select_path, display_path) is the program's own, exported to it.
#include "scanner/walk/git_reader.h"

#include <git2.h>

#include <boost/filesystem.hpp>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include "scanner/walk/candidates.h"
#include "scanner/walk/display_name.h"

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
using Odb = Handle<git_odb, git_odb_free>;

struct Library {
  Library() { git_libgit2_init(); }
  ~Library() { git_libgit2_shutdown(); }
};

std::string last_error(const char* what) {
  const git_error* e = git_error_last();
  return std::string(what) + (e && e->message ? std::string(": ") + e->message : "");
}

constexpr std::size_t kLfsPointerMax = 1024;

bool is_lfs_pointer(const std::string& data) {
  static const std::string kHeader = "version https://git-lfs.github.com/spec/v1";
  return data.size() < kLfsPointerMax && data.compare(0, kHeader.size(), kHeader) == 0;
}

std::string oid_key(const git_oid& id) {
  return std::string(reinterpret_cast<const char*>(id.id), GIT_OID_RAWSZ);
}

// The repository, kept open while the candidates read their blobs, on the
// scan's threads: libgit2 objects are not to be used by two threads at once,
// so every call is made under one mutex. Each blob is inflated at most once
// while entries still want it: the bytes are kept until the last entry naming
// that blob has read them (within a budget; past it they are shared only by
// the readers of the moment), and never before a reader asks.
class BlobStore {
 public:
  Repository repo;

  // An entry naming blob `id` will read it later.
  void expect(const git_oid& id) { ++expected_[oid_key(id)]; }

  // The blob's size from its header (no inflation), or false.
  bool size_of(const git_oid& id, std::uintmax_t* size) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!odb_.get() && git_repository_odb(odb_.out(), repo.get()) != 0) return false;
    std::size_t length = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&length, &type, odb_.get(), &id) != 0 || type != GIT_OBJECT_BLOB)
      return false;
    *size = length;
    return true;
  }

  std::shared_ptr<const std::string> read(const git_oid& id, std::string* error) {
    const std::string key = oid_key(id);
    std::lock_guard<std::mutex> lock(mutex_);
    std::shared_ptr<const std::string> bytes;
    if (auto it = kept_.find(key); it != kept_.end()) bytes = it->second;
    if (!bytes) {
      if (auto it = shared_.find(key); it != shared_.end()) bytes = it->second.lock();
    }
    if (!bytes) {
      Blob blob;
      if (git_blob_lookup(blob.out(), repo.get(), &id) != 0) {
        *error = last_error("blob missing from the repository");
        return nullptr;
      }
      bytes = std::make_shared<const std::string>(
          static_cast<const char*>(git_blob_rawcontent(blob.get())),
          static_cast<std::size_t>(git_blob_rawsize(blob.get())));
      shared_[key] = bytes;
      if (expected_[key] > 1 && kept_bytes_ + bytes->size() <= kKeptBudget) {
        kept_[key] = bytes;
        kept_bytes_ += bytes->size();
      }
    }
    if (std::size_t& left = expected_[key]; left > 0 && --left == 0) {
      if (auto it = kept_.find(key); it != kept_.end()) {
        kept_bytes_ -= it->second->size();
        kept_.erase(it);
      }
      shared_.erase(key);
    }
    return bytes;
  }

 private:
  static constexpr std::size_t kKeptBudget = 64 * 1024 * 1024;
  std::mutex mutex_;
  Odb odb_;
  std::map<std::string, std::size_t> expected_;  // readers still to come, per blob
  std::map<std::string, std::shared_ptr<const std::string>> kept_;
  std::map<std::string, std::weak_ptr<const std::string>> shared_;
  std::size_t kept_bytes_ = 0;
};

class BlobContent : public LazyContent {
 public:
  BlobContent(std::shared_ptr<BlobStore> store, const git_oid& id)
      : store_(std::move(store)), id_(id) {}
  std::shared_ptr<const std::string> bytes(std::string* error) const override {
    return store_->read(id_, error);
  }

 private:
  std::shared_ptr<BlobStore> store_;
  git_oid id_;
};

// Adds one tree or index entry: a candidate whose blob is read when the scan
// reads it, a problem, or nothing; chosen by the same select_path() as the
// folder walk.
class Collector {
 public:
  Collector(std::shared_ptr<BlobStore> store, const std::string& prefix, std::uintmax_t max_size,
            WalkResult* out)
      : store_(std::move(store)), prefix_(prefix), max_size_(max_size), out_(out) {}

  // A tree at `path` ("a/b/", with its slash): false when the walk need not
  // enter it (outside the scanned folder, or a skipped folder).
  bool enter_tree(const std::string& path) const {
    if (path.size() <= prefix_.size()) return prefix_.compare(0, path.size(), path) == 0;
    if (path.compare(0, prefix_.size(), prefix_) != 0) return false;
    const std::string_view rel(path.data() + prefix_.size(), path.size() - prefix_.size() - 1);
    const std::size_t slash = rel.rfind('/');
    return !is_skipped_folder(slash == std::string_view::npos ? rel : rel.substr(slash + 1),
                              skipped());
  }

  void add(const std::string& path, const git_oid& id, git_filemode_t mode) {
    if (!prefix_.empty() && path.compare(0, prefix_.size(), prefix_) != 0) return;
    if (mode == GIT_FILEMODE_COMMIT || mode == GIT_FILEMODE_TREE) return;  // submodule
    const std::string_view rel = std::string_view(path).substr(prefix_.size());
    if (in_skipped_folder(rel, skipped())) return;
    const FileSelection selection = select_path(rel, skipped());
    ++out_->files_seen;
    const std::string shown = display_path(path);
    if (selection.model_file) {
      const std::size_t slash = shown.rfind('/');
      out_->model_folders.push_back(slash == std::string::npos ? "" : shown.substr(0, slash));
    }
    if (selection.role == CandidateRole::kNone) return;
    if (mode == GIT_FILEMODE_LINK) {
      out_->problems.push_back({Rule::kSymlinkInRepository, shown,
                                "is a symbolic link in the repository; not followed"});
      return;
    }
    std::uintmax_t size = 0;
    if (!store_->size_of(id, &size)) {
      out_->problems.push_back(
          {Rule::kUnreadable, shown, last_error("blob missing from the repository")});
      return;
    }
    Candidate c;
    c.path = path;
    c.content_key = "git-blob:" + oid_key(id);
    c.display_path = shown;
    c.role = selection.role;
    c.third_party = selection.third_party;
    c.size = size;
    if (size < kLfsPointerMax) {
      // Small enough to look at now: an LFS pointer is no candidate.
      std::string error;
      c.content = store_->read(id, &error);
      if (!c.content) {
        out_->problems.push_back({Rule::kUnreadable, shown, error});
        return;
      }
      if (is_lfs_pointer(*c.content)) {
        out_->problems.push_back(
            {Rule::kLfsPointer, shown, "is a Git LFS pointer, not the file; not scanned"});
        return;
      }
    } else {
      // Over the limit: never inflated (the reader reports it as too large).
      if (size <= max_size_) store_->expect(id);
      c.lazy = std::make_shared<BlobContent>(store_, id);
    }
    out_->candidates.push_back(std::move(c));
  }

 private:
  static const std::vector<std::string>& skipped() { return default_skipped_folders(); }

  std::shared_ptr<BlobStore> store_;
  std::string prefix_;
  std::uintmax_t max_size_;
  WalkResult* out_;
};

// The folder holding a repository at or above `path`, or "" when none.
std::string repository_above(const std::string& path) {
  boost::system::error_code ec;
  for (fs::path dir = fs::absolute(path).lexically_normal(); !dir.empty();
       dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec) ||
        (fs::exists(dir / "HEAD", ec) && fs::is_directory(dir / "objects", ec)))
      return dir.string();
    if (dir == dir.root_path()) break;
  }
  return "";
}

// Opens the repository holding `path` and works out the path's prefix in it.
bool open_repository(const std::string& path, Repository* repo, std::string* prefix,
                     std::string* error) {
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
    *error = path +
             " is in a repository owned by another user; git refuses to read it. If you "
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
      if (!rel.empty() && rel != "." && rel.begin()->string() != "..")
        *prefix = rel.generic_string() + "/";
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
    if (d->status != GIT_DELTA_DELETED) changed->insert(display_path(d->new_file.path));
  }
}

struct TreeWalk {
  Collector* collector;
};

int tree_entry(const char* root, const git_tree_entry* entry, void* payload) {
  auto* walk = static_cast<TreeWalk*>(payload);
  const std::string path = std::string(root) + git_tree_entry_name(entry);
  if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
    return walk->collector->enter_tree(path + "/") ? 0 : 1;
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB &&
      git_tree_entry_filemode(entry) != GIT_FILEMODE_COMMIT)
    return 0;
  walk->collector->add(path, *git_tree_entry_id(entry), git_tree_entry_filemode(entry));
  return 0;
}

GitSource read_with_libgit2(const std::string& path, const GitSourceOptions& options) {
  static const Library library;
  GitSource out;
  auto store = std::make_shared<BlobStore>();
  Repository& repo = store->repo;
  std::string prefix;
  if (!open_repository(path, &repo, &prefix, &out.error)) return out;
  if (const char* workdir = git_repository_workdir(repo.get())) out.workdir = workdir;
  Collector collector(store, prefix, options.max_size, &out.walk);

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
    if (git_tree_walk(reinterpret_cast<git_tree*>(tree.get()), GIT_TREEWALK_PRE, tree_entry,
                      &walk) != 0) {
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

}  // namespace
}  // namespace oblige::walk

extern "C" __attribute__((visibility("default"))) void oblige_git_read(
    const std::string& path, const oblige::walk::GitSourceOptions& options,
    oblige::walk::GitSource* out) {
  try {
    *out = oblige::walk::read_with_libgit2(path, options);
  } catch (const std::exception& e) {
    *out = {};
    out->error = std::string("cannot read the git repository: ") + e.what();
  }
}
