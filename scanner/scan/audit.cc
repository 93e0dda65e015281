#include "scanner/scan/audit.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "scanner/scan/file_cache.h"
#include "scanner/text/normalize.h"

namespace oblige::scan {
namespace {

// The snapshots of one repository: one unit of work.
struct Repository {
  std::size_t first = 0, count = 0;  // into the snapshot list
};

std::vector<Repository> group_by_repository(const std::vector<walk::ModelSnapshot>& snapshots) {
  std::vector<Repository> out;
  for (std::size_t i = 0; i < snapshots.size(); ++i) {
    if (!out.empty() && snapshots[out.back().first].repo_id == snapshots[i].repo_id &&
        snapshots[out.back().first].repo_type == snapshots[i].repo_type)
      ++out.back().count;
    else
      out.push_back({i, 1});
  }
  return out;
}

// How one snapshot is scanned: links may lead into its own repository's
// blobs/ only, and paths are its logical ones, never blob paths.
ScanOptions snapshot_options(const walk::ModelSnapshot& s, const std::string& root,
                             const ScanOptions& options) {
  ScanOptions o = options;
  o.allowed_root = s.allowed_root.empty() ? root : s.allowed_root.string();
  o.display_prefix = s.logical_path;
  o.model_name = s.repo_id.substr(s.repo_id.rfind('/') + 1);
  o.report_link_targets = false;
  return o;
}

results::ModelIdentity identity_of(const walk::ModelSnapshot& s, std::size_t order) {
  return {s.layout, s.repo_type, s.repo_id, s.revision, s.refs, s.logical_path, order};
}

// The license a model of the cache holds in its text, for its derivatives:
// computed once per repository, on first demand, from its snapshot that
// `main` points at (else its first).
class LocalLicenses {
 public:
  LocalLicenses(const std::vector<walk::ModelSnapshot>& snapshots, const std::string& root,
                const ScanOptions& options, const identify::CompiledSignatures& signatures)
      : snapshots_(snapshots), root_(root), options_(options), signatures_(signatures) {
    for (std::size_t i = 0; i < snapshots.size(); ++i) {
      if (snapshots[i].repo_type != "model") continue;
      const std::string id = text::ascii_lower(snapshots[i].repo_id);
      const bool main = std::find(snapshots[i].refs.begin(), snapshots[i].refs.end(), "main") !=
                        snapshots[i].refs.end();
      if (!index_.count(id) || main) index_[id] = i;
    }
  }

  std::string operator()(const std::string& base) {
    const std::string id = text::ascii_lower(base);
    const auto it = index_.find(id);
    if (it == index_.end()) return "";
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (const auto known = licenses_.find(id); known != licenses_.end()) return known->second;
    }
    const walk::ModelSnapshot& s = snapshots_[it->second];
    ScanOptions o = snapshot_options(s, root_, options_);
    o.threads = 1;
    o.cache = nullptr;
    o.local_base_license = nullptr;
    const results::TargetResult t = scan_target(s.path.string(), o, signatures_);
    std::string found;
    for (const results::FileResult& f : t.files)
      for (const results::LicenseMatch& l : f.licenses) {
        const auto* sig = signatures_.set().find(l.signature, l.version);
        if (found.empty() && l.binds_model() && sig && sig->kind == "license") found = l.signature;
      }
    std::lock_guard<std::mutex> lock(mutex_);
    licenses_.emplace(id, found);
    return found;
  }

 private:
  const std::vector<walk::ModelSnapshot>& snapshots_;
  const std::string& root_;
  const ScanOptions& options_;
  const identify::CompiledSignatures& signatures_;
  std::map<std::string, std::size_t> index_;
  std::mutex mutex_;
  std::map<std::string, std::string> licenses_;
};

}  // namespace

AuditSummary audit(const std::string& root, const ScanOptions& options,
                   const identify::CompiledSignatures& signatures, const ModelSink& sink,
                   const Progress& progress, const Shard& shard) {
  AuditSummary summary;
  const std::vector<walk::ModelSnapshot> snapshots = walk::discover_models(root, &summary.problems);
  std::vector<Repository> repos = group_by_repository(snapshots);
  summary.models_in_cache = snapshots.size();
  if (!shard.all())
    std::erase_if(repos, [&](const Repository& r) {
      return shard_of(snapshots[r.first].repo_id, shard.count) != shard.index;
    });
  for (const Repository& r : repos) summary.models += r.count;
  LocalLicenses local(snapshots, root, options, signatures);
  const model::LocalBaseLicense resolve = [&local](const std::string& base) { return local(base); };

  // Workers take whole repositories; the calling thread hands finished
  // models on in order. A worker never runs more than `window` repositories
  // ahead of what was handed on, so memory stays bounded.
  static const unsigned cores = walk::hardware_threads();
  const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(
      options.threads ? options.threads : cores, std::max<std::size_t>(repos.size(), 1)));
  const std::size_t window = 2 * workers;
  std::mutex mutex;
  std::condition_variable ready, room;
  std::map<std::size_t, std::vector<results::TargetResult>> done;  // repository -> its models
  std::size_t next = 0, emitted = 0;
  std::size_t files_read_once = 0;

  const auto scan_repository = [&](const Repository& repo) {
    auto cache = std::make_shared<FileCache>();
    std::vector<results::TargetResult> out;
    for (std::size_t i = repo.first; i < repo.first + repo.count; ++i) {
      const walk::ModelSnapshot& s = snapshots[i];
      ScanOptions o = snapshot_options(s, root, options);
      o.threads = 1;  // the models run in parallel instead
      o.cache = cache;
      o.local_base_license = resolve;
      results::TargetResult t = scan_target(s.path.string(), o, signatures);
      t.target = root;  // paths carry the snapshot's logical path already
      t.model = identity_of(s, i);
      out.push_back(std::move(t));
    }
    std::lock_guard<std::mutex> lock(mutex);
    files_read_once += cache->hits();
    return out;
  };
  const auto worker = [&] {
    while (true) {
      std::size_t r;
      {
        std::unique_lock<std::mutex> lock(mutex);
        room.wait(lock, [&] { return next >= repos.size() || next < emitted + window; });
        if (next >= repos.size()) return;
        r = next++;
      }
      std::vector<results::TargetResult> models;
      try {
        models = scan_repository(repos[r]);
      } catch (const std::exception&) {
        models.clear();  // reported below as an empty repository result
      }
      std::lock_guard<std::mutex> lock(mutex);
      done.emplace(r, std::move(models));
      ready.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < workers; ++w) pool.emplace_back(worker);
  std::size_t handed = 0;
  for (std::size_t r = 0; r < repos.size(); ++r) {
    std::vector<results::TargetResult> models;
    {
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait(lock, [&] { return done.count(r) > 0; });
      models = std::move(done[r]);
      done.erase(r);
      emitted = r + 1;
      room.notify_all();
    }
    if (models.empty() && repos[r].count > 0)
      summary.problems.push_back({snapshots[repos[r].first].logical_path, "could not be scanned"});
    for (results::TargetResult& t : models) {
      if (progress) progress(handed, summary.models, t.model ? t.model->repo_id : "");
      ++handed;
      sink(std::move(t));
    }
  }
  for (std::thread& t : pool) t.join();
  summary.files_read_once = files_read_once;
  return summary;
}

}  // namespace oblige::scan
