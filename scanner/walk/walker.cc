#include "scanner/walk/walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <tuple>

#include "scanner/walk/display_name.h"
#include "scanner/walk/folder_listing.h"
#include "scanner/walk/resolve_link.h"

namespace oblige::walk {
namespace fs = boost::filesystem;
using Rule = results::RuleId;

namespace {

// An open folder, shared by the folders queued below it (they are opened
// relative to it) and closed when the last of them is.
using SharedFd = std::shared_ptr<const UniqueFd>;

struct FolderTask {
  SharedFd parent;   // null: the root
  std::string name;  // its name in `parent`
  std::string rel;   // raw path from the root, "" for the root
};

std::string join(const std::string& a, std::string_view b) {
  if (a.empty()) return std::string(b);
  std::string out;
  out.reserve(a.size() + 1 + b.size());
  out += a;
  out += '/';
  out += b;
  return out;
}

// The canonical path of an open folder: one readlink on /proc, else realpath.
std::string canonical_path(int fd, const fs::path& fallback) {
  char buffer[PATH_MAX];
  const std::string proc = "/proc/self/fd/" + std::to_string(fd);
  const ssize_t n = ::readlink(proc.c_str(), buffer, sizeof buffer);
  if (n > 0 && n < static_cast<ssize_t>(sizeof buffer) && buffer[0] == '/')
    return std::string(buffer, n);
  char* real = ::realpath(fallback.c_str(), nullptr);
  std::string out = real ? real : fs::absolute(fallback).lexically_normal().string();
  std::free(real);
  return out;
}

std::shared_ptr<FolderHandle> open_folder(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return nullptr;
  auto handle = std::make_shared<FolderHandle>();
  handle->fd = UniqueFd(fd);
  handle->path = canonical_path(fd, path);
  return handle;
}

// Folders waiting to be listed: each worker pushes and pops at the back of
// its own queue (depth first, so few folders stay open) and, when it has
// nothing left, steals from the front of another's.
class FolderQueue {
 public:
  explicit FolderQueue(unsigned workers) : queues_(workers) {}

  void push(unsigned worker, FolderTask task) {
    ++pending_;
    {
      std::lock_guard<std::mutex> lock(queues_[worker].mutex);
      queues_[worker].tasks.push_back(std::move(task));
    }
    ++queued_;
    if (sleeping_ > 0) {
      std::lock_guard<std::mutex> lock(idle_mutex_);
      idle_.notify_one();
    }
  }

  // The next folder for `worker`, or none when the walk is over.
  std::optional<FolderTask> next(unsigned worker) {
    while (true) {
      if (auto task = take(worker)) return task;
      std::unique_lock<std::mutex> lock(idle_mutex_);
      if (pending_ == 0) return std::nullopt;
      ++sleeping_;
      idle_.wait_for(lock, std::chrono::milliseconds(20),
                     [&] { return queued_ > 0 || pending_ == 0; });
      --sleeping_;
    }
  }

  // A task taken by next() is finished.
  void done() {
    if (--pending_ == 0) {
      std::lock_guard<std::mutex> lock(idle_mutex_);
      idle_.notify_all();
    }
  }

  std::size_t queued() const { return queued_; }

 private:
  struct Queue {
    std::mutex mutex;
    std::deque<FolderTask> tasks;
  };

  std::optional<FolderTask> take(unsigned worker) {
    for (unsigned i = 0; i < queues_.size(); ++i) {
      Queue& q = queues_[(worker + i) % queues_.size()];
      std::lock_guard<std::mutex> lock(q.mutex);
      if (q.tasks.empty()) continue;
      FolderTask task;
      if (i == 0) {
        task = std::move(q.tasks.back());
        q.tasks.pop_back();
      } else {
        task = std::move(q.tasks.front());
        q.tasks.pop_front();
      }
      --queued_;
      return task;
    }
    return std::nullopt;
  }

  std::vector<Queue> queues_;
  std::atomic<std::size_t> pending_{0};  // pushed and not done
  std::atomic<std::size_t> queued_{0};   // pushed and not taken
  std::atomic<unsigned> sleeping_{0};
  std::mutex idle_mutex_;
  std::condition_variable idle_;
};

class Walker {
 public:
  Walker(std::shared_ptr<FolderHandle> root, const WalkOptions& options)
      : options_(options), root_(std::move(root)) {
    zone_.root = root_->path;
    zone_.allowed = root_->path;
    if (!options.allowed_root.empty()) {
      if (auto allowed = open_folder(options.allowed_root)) {
        allowed_ = std::move(allowed);
        zone_.allowed = allowed_->path;
      }
    }
  }

  WalkResult run() {
    const unsigned threads = options_.threads ? options_.threads : hardware_threads();
    FolderQueue queue(threads);
    std::vector<WalkResult> parts(threads);
    std::vector<std::thread> helpers;
    bool helpers_started = false;
    // An exception (out of memory) on any thread is kept, its task still
    // counted as done so the other threads finish, and rethrown here once
    // all have stopped: never std::terminate from a helper thread.
    std::exception_ptr failure;
    std::mutex failure_lock;
    const auto record_failure = [&]() noexcept {
      const std::lock_guard<std::mutex> lock(failure_lock);
      if (!failure) failure = std::current_exception();
    };
    std::function<void(unsigned)> work = [&](unsigned self) noexcept {
      try {
        std::vector<char> buffer(32768);
        while (auto task = queue.next(self)) {
          try {
            visit_folder(*task, self, &queue, &parts[self], &buffer);
          } catch (...) {
            record_failure();
          }
          queue.done();
          // Helpers start once there is work to share (tiny folders, as one
          // snapshot of an audit, are walked on the calling thread alone).
          if (self == 0 && threads > 1 && !helpers_started && queue.queued() >= 2) {
            helpers_started = true;
            try {
              for (unsigned t = 1; t < threads; ++t) helpers.emplace_back([&work, t] { work(t); });
            } catch (...) {
              // Fewer threads than asked for (no memory for a stack).
            }
          }
        }
      } catch (...) {
        record_failure();
      }
    };
    queue.push(0, FolderTask{});
    work(0);
    for (std::thread& t : helpers) t.join();
    if (failure) std::rethrow_exception(failure);
    return merge(std::move(parts));
  }

  WalkResult single_file(const std::string& name) {
    WalkResult result;
    result.root = root_->path;
    const std::string shown = with_prefix(display_name(name));
    struct stat st {};
    if (::fstatat(root_->fd.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      result.problems.push_back(
          {Rule::kUnreadable, shown, std::string("cannot stat: ") + std::strerror(errno)});
      return result;
    }
    FileSelection selection = select_file(name);
    // A file named on the command line is read whatever its name.
    if (selection.role == CandidateRole::kNone) selection.role = CandidateRole::kLicense;
    ++result.files_seen;
    visit_file(root_->fd.get(), "", name, entry_type(st.st_mode), selection, &result);
    return result;
  }

 private:
  std::string with_prefix(const std::string& shown) const {
    const std::string& prefix = options_.display_prefix;
    if (prefix.empty()) return shown;
    return shown.empty() ? prefix : prefix + "/" + shown;
  }

  std::string display(const std::string& rel) const { return with_prefix(display_path(rel)); }

  std::string folder_display(const std::string& rel) const {
    if (!rel.empty()) return display(rel);
    return options_.display_prefix.empty() ? "." : options_.display_prefix;
  }

  static void problem(WalkResult* out, results::RuleId rule, std::string path, std::string message) {
    out->problems.push_back({rule, std::move(path), std::move(message)});
  }

  void visit_folder(FolderTask& task, unsigned self, FolderQueue* queue, WalkResult* out,
                    std::vector<char>* buffer) {
    ++out->folders_seen;
    SharedFd folder;
    if (!task.parent) {
      folder = SharedFd(root_, &root_->fd);  // aliases the root handle
    } else {
      const int fd = ::openat(task.parent->get(), task.name.c_str(),
                              O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
      task.parent.reset();
      if (fd < 0) {
        const std::string why = errno == ELOOP || errno == ENOTDIR
                                    ? "it changed while scanned (now a link or a file)"
                                    : std::strerror(errno);
        problem(out, Rule::kUnreadableFolder, folder_display(task.rel),
                "cannot list folder: " + why);
        return;
      }
      folder = std::make_shared<const UniqueFd>(fd);
    }
    bool model_folder_noted = false;
    const int error =
        for_each_entry(folder->get(), buffer, [&](std::string_view name, unsigned char type) {
          if (type == DT_DIR) {
            if (!is_skipped_folder(name, options_.skip_folders))
              queue->push(self, FolderTask{folder, std::string(name), join(task.rel, name)});
            return;
          }
          ++out->files_seen;
          const FileSelection selection = select_file(name);
          if (selection.model_file && !model_folder_noted) {
            model_folder_noted = true;
            out->model_folders.push_back(task.rel.empty() ? options_.display_prefix
                                                          : display(task.rel));
          }
          if (selection.role == CandidateRole::kNone && type != DT_LNK) return;
          visit_file(folder->get(), task.rel, name, type, selection, out);
        });
    if (error != 0)
      problem(out, Rule::kUnreadableFolder, folder_display(task.rel),
              std::string("cannot list folder: ") + std::strerror(error));
  }

  // A file, link or special file named `name` in the open folder `fd` at `rel`.
  void visit_file(int fd, const std::string& rel, std::string_view name, unsigned char type,
                  const FileSelection& selection, WalkResult* out) {
    const std::string path = join(rel, name);
    switch (type) {
      case DT_REG:
        if (selection.role != CandidateRole::kNone)
          add(root_, path, display(path), selection, false, out);
        return;
      case DT_LNK:
        visit_link(fd, rel, name, selection, out);
        return;
      default:
        if (selection.role != CandidateRole::kNone)
          problem(out, Rule::kSpecialFile, display(path),
                  "is a FIFO, socket or device, not a regular file; not opened");
        return;
    }
  }

  void visit_link(int fd, const std::string& rel, std::string_view name,
                  const FileSelection& selection, WalkResult* out) {
    // Weights are never read nor walked: their links are not even resolved.
    if (selection.role == CandidateRole::kNone && selection.model_file) return;
    const std::string path = join(rel, name);
    const bool candidate = selection.role != CandidateRole::kNone;
    char buffer[PATH_MAX];
    const ssize_t n = ::readlinkat(fd, std::string(name).c_str(), buffer, sizeof buffer);
    if (n <= 0 || n >= static_cast<ssize_t>(sizeof buffer)) {
      if (candidate)
        problem(out, Rule::kSymlinkBroken, display(path),
                "symbolic link cannot be read; not followed");
      return;
    }
    const std::string_view text(buffer, static_cast<std::size_t>(n));
    const ResolvedLink link =
        resolve_link(zone_, rel.empty() ? zone_.root : zone_.root + "/" + rel, text);
    using End = ResolvedLink::End;
    if (link.end == End::kFolder) {
      problem(out, Rule::kSymlinkFolder, display(path), "symbolic link to a folder, not followed");
      return;
    }
    if (!candidate) return;
    switch (link.end) {
      case End::kFile: {
        const bool in_root = is_inside(link.target, zone_.root);
        const auto& base = in_root ? root_ : allowed_;
        const std::size_t skip = base->path == "/" ? 1 : base->path.size() + 1;
        add(base, link.target.substr(skip), display(path), selection, true, out);
        out->candidates.back().path = link.target;
        return;
      }
      case End::kOutside:
        problem(out, Rule::kSymlinkOutside, display(path),
                "symbolic link points outside the scanned folder (to " + display_name(text) +
                    "); not read");
        return;
      case End::kUnfinished:
        problem(out, Rule::kSymlinkBroken, display(path),
                "symbolic link to an unfinished or absent download (an .incomplete blob or "
                ".no_exist/); not read");
        return;
      case End::kLoop:
        problem(out, Rule::kSymlinkBroken, display(path),
                "symbolic link cannot be resolved: too many levels of links");
        return;
      case End::kSpecial:
        problem(out, Rule::kSpecialFile, display(path),
                "symbolic link to a FIFO, socket or device; not opened");
        return;
      default:
        problem(out, Rule::kSymlinkBroken, display(path),
                "symbolic link cannot be resolved: its target does not exist");
        return;
    }
  }

  void add(const std::shared_ptr<FolderHandle>& base, const std::string& relative,
           std::string shown, const FileSelection& selection, bool via_symlink,
           WalkResult* out) const {
    Candidate c;
    c.path = base->path == "/" ? "/" + relative : base->path + "/" + relative;
    c.display_path = std::move(shown);
    c.role = selection.role;
    c.third_party = selection.third_party;
    c.via_symlink = via_symlink;
    c.base = base;
    c.relative = relative;
    out->candidates.push_back(std::move(c));
  }

  WalkResult merge(std::vector<WalkResult> parts) const {
    WalkResult result;
    result.root = root_->path;
    for (WalkResult& part : parts) {
      const auto move_all = [](auto& from, auto& to) {
        std::move(from.begin(), from.end(), std::back_inserter(to));
      };
      move_all(part.candidates, result.candidates);
      move_all(part.problems, result.problems);
      move_all(part.model_folders, result.model_folders);
      result.files_seen += part.files_seen;
      result.folders_seen += part.folders_seen;
    }
    if (options_.report_link_targets) report_links_by_target(&result);
    std::sort(
        result.candidates.begin(), result.candidates.end(),
        [](const Candidate& a, const Candidate& b) { return a.display_path < b.display_path; });
    std::sort(result.problems.begin(), result.problems.end(),
              [](const WalkProblem& a, const WalkProblem& b) {
                return std::tie(a.display_path, a.rule, a.message) <
                       std::tie(b.display_path, b.rule, b.message);
              });
    auto& folders = result.model_folders;
    std::sort(folders.begin(), folders.end());
    folders.erase(std::unique(folders.begin(), folders.end()), folders.end());
    return result;
  }

  // A linked file inside the root is reported at its target's path, and read
  // once when the target was found too.
  void report_links_by_target(WalkResult* result) const {
    std::set<std::string> seen;
    for (const Candidate& c : result->candidates)
      if (!c.via_symlink) seen.insert(c.path.string());
    std::vector<Candidate> kept;
    for (Candidate& c : result->candidates) {
      if (c.via_symlink) {
        if (!seen.insert(c.path.string()).second) continue;
        const std::string& target = c.path.string();
        if (is_inside(target, zone_.root) && target.size() > zone_.root.size())
          c.display_path = display(target.substr(zone_.root == "/" ? 1 : zone_.root.size() + 1));
      }
      kept.push_back(std::move(c));
    }
    result->candidates = std::move(kept);
  }

  const WalkOptions& options_;
  std::shared_ptr<FolderHandle> root_;
  std::shared_ptr<FolderHandle> allowed_ = root_;  // links may lead below this too
  LinkZone zone_;
};

}  // namespace

unsigned hardware_threads() {
  static const unsigned n = std::max(1u, std::thread::hardware_concurrency());
  return n;
}

WalkResult walk(const fs::path& root, const WalkOptions& options) {
  if (auto folder = open_folder(root)) return Walker(std::move(folder), options).run();
  const std::string& prefix = options.display_prefix;
  if (errno != ENOTDIR && errno != ENOENT) {
    // A folder that cannot be opened (permissions), not a file.
    WalkResult result;
    result.problems.push_back({Rule::kUnreadableFolder, prefix.empty() ? "." : prefix,
                               std::string("cannot list folder: ") + std::strerror(errno)});
    return result;
  }
  // Not a folder: a single file, read from its parent folder.
  const fs::path parent = root.has_parent_path() ? root.parent_path() : fs::path(".");
  auto handle = open_folder(parent);
  if (!handle) {
    WalkResult result;
    const std::string shown = display_name(root.filename().string());
    result.problems.push_back({Rule::kUnreadable, prefix.empty() ? shown : prefix + "/" + shown,
                               std::string("cannot open: ") + std::strerror(errno)});
    return result;
  }
  return Walker(std::move(handle), options).single_file(root.filename().string());
}

}  // namespace oblige::walk
