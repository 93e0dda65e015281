#include "scanner/scan/scan.h"

#include <algorithm>
#include <atomic>
#include <boost/filesystem.hpp>
#include <map>
#include <thread>
#include <tuple>

#include "scanner/scan/file_cache.h"
#include "scanner/scan/scan_file.h"
#include "scanner/text/normalize.h"
#include "scanner/walk/model_caches.h"
#include "scanner/walk/run_on_threads.h"
#include "scanner/walk/walker.h"

namespace oblige::scan {
namespace {

unsigned thread_count(const ScanOptions& options, std::size_t work) {
  static const unsigned cores = walk::hardware_threads();
  const unsigned n = options.threads ? options.threads : cores;
  return static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(work, 1)));
}

// One file's failure (out of memory, a malformed --signatures parameter)
// must not take the process down from a worker thread.
results::FileResult failed_file(const walk::Candidate& c, const char* what) {
  results::FileResult f;
  f.path = c.display_path;
  f.role = file_role(c.role);
  f.problems.push_back(
      {results::RuleId::kUnreadable, "", std::string("could not be scanned: ") + what, 0, {}});
  return f;
}

// Runs scan_file over the candidates on a few threads; results keep the
// candidates' order, so the output does not depend on scheduling.
std::vector<results::FileResult> scan_all(const std::vector<walk::Candidate>& candidates,
                                          const ScanOptions& options,
                                          const identify::CompiledSignatures& signatures) {
  std::vector<results::FileResult> files(candidates.size());
  const std::vector<std::size_t> first = first_with_same_bytes(candidates);
  std::vector<std::size_t> distinct;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (first[i] == i) distinct.push_back(i);
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t n = next++; n < distinct.size(); n = next++) {
      const std::size_t i = distinct[n];
      const walk::Candidate& c = candidates[i];
      const results::FileRole role = file_role(c.role);
      if (options.cache) {
        if (auto hit = options.cache->find(c.path.string(), role, c.display_path)) {
          files[i] = std::move(*hit);
          continue;
        }
      }
      try {
        files[i] = scan_file(c, options, signatures);
      } catch (const std::exception& e) {
        files[i] = failed_file(c, e.what());
      }
      if (options.cache) options.cache->store(c.path.string(), files[i]);
    }
  };
  // A failure the worker cannot even record (out of memory in its catch
  // block) is rethrown here, once every thread has stopped.
  walk::run_on_threads(thread_count(options, distinct.size()), worker);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (first[i] == i) continue;
    files[i] = files[first[i]];
    files[i].path = candidates[i].display_path;
  }
  return files;
}

std::string last_component(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A base model found in the same scan: a folder named like the base model's
// name whose license text was identified.
model::LocalBaseLicense local_resolver(const std::vector<results::FileResult>& files,
                                       const ScanOptions& options,
                                       const signatures::SignatureSet& set) {
  std::map<std::string, std::string> by_folder;
  for (const results::FileResult& f : files) {
    const std::size_t slash = f.path.rfind('/');
    if (slash == std::string::npos) continue;
    for (const results::LicenseMatch& l : f.licenses) {
      const auto* sig = set.find(l.signature, l.version);
      if (l.binds_model() && sig && sig->kind == "license")
        by_folder.emplace(text::ascii_lower(last_component(f.path.substr(0, slash))), l.signature);
    }
  }
  return [by_folder, outer = options.local_base_license](const std::string& base) -> std::string {
    if (outer) {
      if (std::string id = outer(base); !id.empty()) return id;
    }
    const auto it = by_folder.find(text::ascii_lower(last_component(base)));
    return it == by_folder.end() ? "" : it->second;
  };
}

std::string root_name(const std::string& target, const std::string& root_on_disk) {
  boost::system::error_code ec;
  const boost::filesystem::path root =
      boost::filesystem::canonical(root_on_disk.empty() ? target : root_on_disk, ec);
  return (ec ? boost::filesystem::path(target) : root).filename().string();
}

}  // namespace

std::vector<std::size_t> first_with_same_bytes(const std::vector<walk::Candidate>& candidates) {
  std::map<std::tuple<std::string, walk::CandidateRole, bool>, std::size_t> seen;
  std::vector<std::size_t> first(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const walk::Candidate& c = candidates[i];
    const std::string& bytes = c.content_key.empty() ? c.path.string() : c.content_key;
    first[i] = seen.emplace(std::make_tuple(bytes, c.role, c.third_party), i).first->second;
  }
  return first;
}

results::TargetResult scan_target(const std::string& target, const ScanOptions& options,
                                  const identify::CompiledSignatures& signatures) {
  walk::WalkOptions walk_options;
  walk_options.allowed_root = options.allowed_root;
  walk_options.report_link_targets = options.report_link_targets;
  ScanOptions scan_options = options;
  // The folder snapshot_download() returns: its files are links into the
  // repository's blobs/, followed there only, reported at their logical paths.
  if (options.allowed_root.empty()) {
    if (const auto context = walk::snapshot_context(target)) {
      walk_options = walk::snapshot_walk_options(*context);
      if (scan_options.model_name.empty())
        scan_options.model_name =
            context->snapshot.repo_id.substr(context->snapshot.repo_id.rfind('/') + 1);
    } else if (walk::is_hf_cache_root(target)) {
      walk_options.report_link_targets = false;  // logical snapshot paths, never blobs
    }
  }
  walk_options.display_prefix = options.display_prefix;
  const walk::WalkResult walked = walk::walk(target, walk_options);
  boost::system::error_code ec;
  const boost::filesystem::path root = boost::filesystem::canonical(target, ec);
  const bool folder = !ec && boost::filesystem::is_directory(root);
  // A single file is not a model folder: no model checks for it.
  return scan_walked(target, walked, folder ? root.string() : "", scan_options, signatures, folder);
}

results::TargetResult scan_walked(const std::string& target, const walk::WalkResult& walked,
                                  const std::string& root_on_disk, const ScanOptions& options,
                                  const identify::CompiledSignatures& signatures,
                                  bool check_models) {
  results::TargetResult t;
  t.target = target;
  t.files_seen = walked.files_seen;
  for (const walk::WalkProblem& p : walked.problems)
    t.problems.push_back({p.rule, p.display_path, p.message, 0, {}});
  t.files = scan_all(walked.candidates, options, signatures);
  if (check_models) {
    model::FolderLayout layout;
    layout.weight_folders = walked.model_folders;
    layout.root_model_name =
        options.model_name.empty() ? root_name(target, root_on_disk) : options.model_name;
    layout.root_fs_path = root_on_disk;
    layout.display_prefix = options.display_prefix;
    t.models = model::check_model_folders(t.files, layout, signatures.set(),
                                          local_resolver(t.files, options, signatures.set()));
  }
  t.commercial = target_commercial_use(t, signatures.set());
  return t;
}

results::CommercialUse target_commercial_use(const results::TargetResult& t,
                                             const signatures::SignatureSet& set) {
  results::CommercialUse use = results::CommercialUse::kUnknown;
  if (!t.models.empty()) {
    for (const results::ModelResult& m : t.models)
      use = results::most_restrictive(use, m.commercial);
    return use;
  }
  for (const results::FileResult& f : t.files) {
    for (const results::LicenseMatch& l : f.licenses) {
      const auto* sig = set.find(l.signature, l.version);
      if (l.binds_model() && sig && sig->kind == "license")
        use = results::most_restrictive(use, sig->commercial_use);
    }
    use = results::most_restrictive(use, results::added_terms_use(f));
  }
  return use;
}

}  // namespace oblige::scan
