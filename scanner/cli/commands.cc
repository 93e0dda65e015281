#include "scanner/cli/commands.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <iomanip>
#include <memory>
#include <optional>
#include <set>

#include "oblige_version.h"
#include "reporters/sink.h"
#include "scanner/cli/output_file.h"
#include "scanner/cli/shard_files.h"
#include "scanner/identify/compiled_signatures.h"
#include "scanner/policy/evaluate.h"
#include "scanner/policy/policy.h"
#include "scanner/render/catalogue.h"
#include "scanner/render/escape.h"
#include "scanner/render/render.h"
#include "scanner/scan/audit.h"
#include "scanner/scan/scan.h"
#include "scanner/scan/shard.h"
#include "scanner/signatures/loader.h"
#include "scanner/walk/git_source.h"
#include "scanner/walk/model_caches.h"

namespace oblige::cli {
namespace {

bool load_signatures(const Options& options, signatures::SignatureSet* set, std::ostream& err) {
  signatures::LoadResult r;
  if (options.builtin_signatures) r = signatures::load_embedded(set);
  for (const std::string& dir : options.signature_dirs) {
    if (!r.ok) break;
    r = signatures::load_directory(dir, set);
  }
  if (r.ok) r = signatures::finalize(set);
  if (!r.ok) err << "oblige: bad signature file: " << r.error << "\n";
  return r.ok;
}

// The signatures of a run, kept until the process ends: freeing thousands of
// compiled patterns at exit cost 3 % of a corpus scan for nothing. The holder
// stays reachable, so leak checkers do not count it.
struct LoadedSignatures {
  signatures::SignatureSet set;
  std::unique_ptr<identify::CompiledSignatures> compiled;
};

const identify::CompiledSignatures* load_for_run(const Options& options, std::ostream& err) {
  static auto* const runs = new std::vector<std::unique_ptr<LoadedSignatures>>;
  auto loaded = std::make_unique<LoadedSignatures>();
  if (!load_signatures(options, &loaded->set, err)) return nullptr;
  loaded->compiled = std::make_unique<identify::CompiledSignatures>(loaded->set);
  runs->push_back(std::move(loaded));
  return runs->back()->compiled.get();
}

bool use_color(const Options& options) {
  if (options.color == "always") return true;
  if (options.color == "never" || !options.output.empty()) return false;
  return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
}

std::size_t table_width(const Options& options) {
  if (options.width) return options.width;
  winsize ws{};
  if (options.output.empty() && isatty(STDOUT_FILENO) &&
      ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 60)
    return ws.ws_col;
  return 120;
}

reporters::RunInfo run_info(const Options& options, const std::string& command) {
  reporters::RunInfo info;
  info.version = OBLIGE_VERSION;
  info.command = command;
  info.category = options.category;
  info.color = use_color(options);
  info.width = table_width(options);
  info.sarif_notes = options.sarif_notes;
  info.fail_on = options.fail_on;
  return info;
}

scan::ScanOptions scan_options(const Options& options) {
  scan::ScanOptions o;
  o.max_file_size = options.max_file_size;
  o.threads = options.threads;
  return o;
}

// The policy for a run: --policy, else the nearest trusted .oblige.yml from
// the working folder upwards. False (with a message) when a policy is given
// or found but malformed; `policy` stays empty when there is none.
bool load_run_policy(const Options& options, std::optional<policy::Policy>* policy,
                     std::ostream& err) {
  if (options.no_policy) return true;
  std::string file = options.policy;
  if (file.empty()) {
    const policy::FoundPolicy found = policy::find_policy_file(".");
    if (!found.ignored.empty())
      err << "oblige: warning: " << render::escape_control(found.ignored) << "\n";
    if (found.file.empty()) return true;
    file = found.file;
  }
  policy::LoadResult r = policy::load_policy(file);
  if (!r.ok) {
    err << "oblige: bad policy: " << render::escape_control(r.error) << "\n";
    return false;
  }
  *policy = std::move(r.policy);
  return true;
}

bool fails(const render::Target& t, results::Level fail_on) {
  if (fail_on == results::Level::kNone) return false;
  for (const render::Finding& f : t.findings)
    if (f.level >= fail_on) return true;
  return false;
}

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// --changed-only: the findings in the files the commit changes, and the
// model-card, derivative and policy findings of every folder a changed file
// is in (a license text that changes can make its card wrong).
void keep_changed(const std::set<std::string>& changed, render::Target* t) {
  std::set<std::string> folders;
  for (const std::string& path : changed) folders.insert(folder_of(path));
  std::erase_if(t->findings, [&](const render::Finding& f) {
    if (changed.count(f.path)) return false;
    const bool folder_level = f.group == render::Group::kCard || f.group == render::Group::kPolicy;
    return !(folder_level && folders.count(folder_of(f.path)));
  });
  t->counts = {};
  for (const render::Finding& f : t->findings) t->counts.add(f.level);
}

}  // namespace

int run_policy_init(const Options& options, std::ostream& out, std::ostream& err) {
  const std::string file = options.paths.empty() ? ".oblige.yml" : options.paths.front();
  const std::string shown = render::escape_control(file);
  struct stat st {};
  if (::lstat(file.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode)) {
      err << "oblige: " << shown << " is a symbolic link; not written through\n";
      return 2;
    }
    if (!options.force) {
      err << "oblige: " << shown << " exists; use --force to overwrite it\n";
      return 2;
    }
    if (!S_ISREG(st.st_mode)) {
      err << "oblige: " << shown << " is not a regular file\n";
      return 2;
    }
  }
  ReportOutput output;
  if (!output.open(file, false, err)) return 2;
  output.stream() << policy::kPolicyTemplate;
  if (!output.commit(err)) return 2;
  out << "Wrote " << shown << ": describe how you use models, then run oblige scan.\n";
  return 0;
}

int run_scan(const Options& options, std::ostream& err) {
  for (const std::string& path : options.paths) {
    boost::system::error_code ec;
    if (!boost::filesystem::exists(boost::filesystem::status(path, ec))) {
      err << "oblige: " << render::escape_control(path) << ": no such file or folder\n";
      return 2;
    }
  }
  const identify::CompiledSignatures* loaded = load_for_run(options, err);
  if (!loaded) return 2;
  const identify::CompiledSignatures& compiled = *loaded;
  const signatures::SignatureSet& set = compiled.set();
  std::optional<policy::Policy> policy;
  if (!load_run_policy(options, &policy, err)) return 2;

  std::vector<render::Target> rendered;
  for (const std::string& path : options.paths) {
    results::TargetResult target;
    std::set<std::string> changed;
    if (!options.staged && options.revision.empty()) {
      if (!options.quiet && walk::is_hf_cache_root(path))
        err << "oblige: " << render::escape_control(path)
            << " is a Hugging Face cache: `oblige audit " << render::escape_control(path)
            << "` reports each model and revision\n";
      target = scan::scan_target(path, scan_options(options), compiled);
    } else {
      walk::GitSourceOptions git;
      git.staged = options.staged;
      git.revision = options.revision;
      git.max_size = options.max_file_size;
      const walk::GitSource source = walk::read_git_source(path, git);
      if (!source.ok) {
        err << "oblige: " << render::escape_control(source.error) << "\n";
        return 2;
      }
      // Paths are relative to the repository's top level.
      const std::string top = source.workdir.empty() ? "." : source.workdir;
      target = scan::scan_walked(top, source.walk, options.staged ? source.workdir : "",
                                 scan_options(options), compiled);
      changed = source.changed;
    }
    if (policy) policy::apply_policy(*policy, set, &target);
    rendered.push_back(render::render_target(target, set));
    if (options.changed_only) keep_changed(changed, &rendered.back());
  }
  ReportOutput output;
  if (!output.open(options.output, options.quiet, err)) return 2;
  auto sink = reporters::make_sink(options.format, run_info(options, "scan"), output.stream());
  sink->begin();
  bool failed = false;
  for (const render::Target& t : rendered) {
    sink->target(t);
    failed = failed || fails(t, options.fail_on);
  }
  sink->end({});
  if (!output.commit(err)) return 2;
  return failed ? 1 : 0;
}

int run_audit(const Options& options, std::ostream& err) {
  const std::string root =
      options.paths.empty() ? walk::default_hf_cache().string() : options.paths.front();
  boost::system::error_code ec;
  if (!boost::filesystem::is_directory(root, ec)) {
    err << "oblige: " << render::escape_control(root)
        << ": no such folder (give the cache folder: oblige audit DIR)\n";
    return 2;
  }
  const identify::CompiledSignatures* loaded = load_for_run(options, err);
  if (!loaded) return 2;
  const identify::CompiledSignatures& compiled = *loaded;
  const signatures::SignatureSet& set = compiled.set();
  std::optional<policy::Policy> policy;
  if (!load_run_policy(options, &policy, err)) return 2;

  ReportOutput output;
  if (!output.open(options.output, options.quiet, err)) return 2;
  reporters::RunInfo info = run_info(options, "audit");
  info.root = render::escape_control(root);
  scan::Shard shard;
  if (!options.shard.empty()) {
    scan::parse_shard(options.shard, &shard);
    info.shard = options.shard;
  }
  auto sink = reporters::make_sink(options.format, info, output.stream());
  // A progress line on a terminal, for caches with many models.
  const bool show_progress = !options.quiet && isatty(STDERR_FILENO);
  const auto progress = [&](std::size_t done, std::size_t total, const std::string& id) {
    if (!show_progress || total < 10) return;
    err << "\r\033[K[" << done + 1 << "/" << total << "] " << render::escape_control(id)
        << std::flush;
  };
  sink->begin();
  bool failed = false;
  std::size_t models = 0;
  const scan::AuditSummary summary = scan::audit(
      root, scan_options(options), compiled,
      [&](results::TargetResult&& t) {
        if (policy) policy::apply_policy(*policy, set, &t);
        const render::Target r = render::render_target(t, set);
        failed = failed || fails(r, options.fail_on);
        sink->target(r);
        ++models;
      },
      progress, shard);
  if (show_progress && models >= 10) err << "\r\033[K" << std::flush;
  std::vector<reporters::RunProblem> problems;
  for (const walk::CacheProblem& p : summary.problems)
    problems.push_back({render::escape_control(p.path), render::escape_control(p.message)});
  normalize_problems(&problems);
  sink->end(problems);
  if (!output.commit(err)) return 2;
  return failed ? 1 : 0;
}

int run_merge(const Options& options, std::ostream& err) {
  ShardSet shards;
  if (!shards.open(options.paths, err)) return 2;
  ReportOutput output;
  if (!output.open(options.output, options.quiet, err)) return 2;
  reporters::RunInfo info = run_info(options, "audit");
  info.root = shards.root();
  auto sink = reporters::make_sink(options.format, info, output.stream());
  sink->begin();
  bool failed = false;
  const bool read = shards.each_model(
      [&](const render::Target& t) {
        failed = failed || fails(t, options.fail_on);
        sink->target(t);
      },
      err);
  if (!read) return 2;
  sink->end(shards.problems());
  if (!output.commit(err)) return 2;
  return failed ? 1 : 0;
}

int run_explain(const Options& options, std::ostream& out, std::ostream& err) {
  signatures::SignatureSet set;
  if (!load_signatures(options, &set, err)) return 2;
  const signatures::Signature* sig = set.find(options.paths[0]);
  if (!sig) {
    err << "oblige: no license with id or alias '" << render::escape_control(options.paths[0])
        << "' (see: oblige signatures)\n";
    return 2;
  }
  out << sig->name << "\n";
  out << "  id: " << sig->id << "   spdx: " << sig->spdx;
  if (!sig->scancode.empty()) out << "   scancode: " << sig->scancode;
  out << "\n  family: " << sig->family;
  if (!sig->version.empty()) out << "   version: " << sig->version;
  out << "   kind: " << sig->kind << "\n";
  if (!sig->aliases.empty()) {
    out << "  aliases:";
    for (const std::string& a : sig->aliases) out << " " << a;
    out << "\n";
  }
  if (!sig->publisher.empty()) out << "  publisher: " << sig->publisher << "\n";
  if (!sig->url.empty()) out << "  url: " << sig->url << "\n";
  out << "  commercial use: " << results::commercial_word(sig->commercial_use) << "\n";
  out << "  signature file: " << sig->file << "\n\nObligations and restrictions:\n";
  for (const signatures::Clause& c : sig->clauses) {
    if (c.type == results::ClauseKind::kNone) continue;
    out << "  [" << results::rule_id(results::rule_for(c.type)) << "] " << c.summary << "\n";
    out << "      clause " << c.id << ", found by: " << c.patterns.front() << "\n";
    if (!c.parameters.empty()) out << "      parameters: " << c.parameters.dump() << "\n";
  }
  return 0;
}

int run_signatures(const Options& options, std::ostream& out, std::ostream& err) {
  signatures::SignatureSet set;
  if (!load_signatures(options, &set, err)) return 2;
  if (options.format == Format::kJson) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const signatures::Signature& s : set.signatures) {
      if (s.generic) continue;
      list.push_back({{"id", s.id},
                      {"name", s.name},
                      {"family", s.family},
                      {"version", s.version},
                      {"kind", s.kind},
                      {"spdx", s.spdx},
                      {"scancode", s.scancode},
                      {"aliases", s.aliases},
                      {"commercial_use", results::commercial_word(s.commercial_use)}});
    }
    out << list.dump(2) << "\n";
    return 0;
  }
  out << std::left << std::setw(34) << "ID" << std::setw(16) << "FAMILY"
      << "NAME / ALIASES\n";
  for (const signatures::Signature& s : set.signatures) {
    if (s.generic) continue;
    std::string aliases;
    for (const std::string& a : s.aliases) aliases += (aliases.empty() ? "" : ", ") + a;
    out << std::setw(34) << s.id << std::setw(16) << s.family << s.name
        << (aliases.empty() ? "" : "  [" + aliases + "]") << "\n";
  }
  return 0;
}

}  // namespace oblige::cli
