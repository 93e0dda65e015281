// Helpers for the tests: real temporary folders, real files, the real binary.
#pragma once

#include <boost/filesystem.hpp>
#include <string>
#include <vector>

#include "scanner/identify/compiled_signatures.h"
#include "scanner/policy/policy.h"
#include "scanner/render/rendered.h"
#include "scanner/scan/audit.h"
#include "scanner/scan/scan.h"
#include "scanner/signatures/loader.h"

namespace oblige::testing {

namespace fs = boost::filesystem;

// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  // Writes `content` to `relative` (folders are created) and returns the path.
  fs::path write(const std::string& relative, const std::string& content) const;

 private:
  fs::path path_;
};

std::string read_file(const fs::path& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

// Runs the built oblige binary with `args` (each passed as one argument).
CommandResult run_oblige(const std::vector<std::string>& args, const std::string& cwd = "");
// Runs a shell command line.
CommandResult run_shell(const std::string& command_line);

// A real one-page PDF (Helvetica text, one line per line of `text`), written
// by hand so the tests need no PDF tool.
std::string make_pdf(const std::string& text);
// The same with one page per element of `pages`.
std::string make_pdf_pages(const std::vector<std::string>& pages);

std::string source_dir();
std::string oblige_binary();
// ../shared/corpus beside the project, or $OBLIGE_CORPUS; empty if absent.
std::string corpus_dir();
// ../shared/corpus-new beside the project, or $OBLIGE_CORPUS_NEW; empty if absent.
std::string corpus_new_dir();
// For a test that needs the corpus: true when it is there. When it is absent
// the test is skipped with a warning (returns false) — unless the variable
// CI is set, where a missing corpus fails the test instead of hiding it.
bool have_corpus();
// Four samples (two licenses, two model cards), and every text file of
// ../shared/corpus when it is there (have_corpus()), decoded.
std::vector<std::string> license_texts();

// The embedded signatures, loaded and compiled once for all tests.
const signatures::SignatureSet& builtin_signatures();
const identify::CompiledSignatures& compiled_signatures();

// A Hugging Face hub cache as huggingface_hub lays it out: refs, blobs, and
// snapshots whose files are relative links into blobs/.
struct HubCache {
  TempDir dir;
  fs::path root() const { return dir.path() / "hub"; }
  void blob(const std::string& repo, const std::string& hash, const std::string& content) const;
  void link(const std::string& repo, const std::string& rev, const std::string& file,
            const std::string& hash) const;
  void ref(const std::string& repo, const std::string& name, const std::string& rev) const;
  // A repository with one snapshot `rev` (ref main) holding `files` (name -> content).
  void model(const std::string& repo, const std::string& rev,
             const std::vector<std::pair<std::string, std::string>>& files) const;
};

// A real scan of `path` (with the policy, when given), rendered as every
// reporter sees it.
render::Target scan(const std::string& path, const scan::ScanOptions& options = {},
                    const policy::Policy* policy = nullptr);
// Evidence through the policy (when given) and the render step.
render::Target render(results::TargetResult target, const policy::Policy* policy = nullptr);

// A real audit of `root`: each model revision rendered, in order.
struct Audited {
  std::vector<render::Target> models;
  scan::AuditSummary summary;
  const render::Target* model(const std::string& id, const std::string& revision) const;
};
Audited audit(const std::string& root, const policy::Policy* policy = nullptr);

// The findings of `t` with rule `rule` (and at `path`, when given). They
// point into `t`: a temporary target is refused, as its findings would be
// gone by the next statement.
std::vector<const render::Finding*> with_rule(const render::Target& t, const std::string& rule,
                                              const std::string& path = "");
std::vector<const render::Finding*> with_rule(render::Target&& t, const std::string& rule,
                                              const std::string& path = "") = delete;
const render::Finding* find_rule(const render::Target& t, const std::string& rule,
                                 const std::string& path = "");
const render::Finding* find_rule(render::Target&& t, const std::string& rule,
                                 const std::string& path = "") = delete;

// Microsoft's SARIF Multitool: $OBLIGE_SARIF_MULTITOOL, else the one
// scripts/install-sarif-validator.sh put in .tools/; "" when absent.
std::string sarif_multitool();
// Errors the Multitool reports for `file` with the given rule kind (Sarif:
// the spec's rules; Gh: GitHub code scanning's ingestion rules).
std::vector<std::string> sarif_validator_errors(const std::string& tool, const std::string& file,
                                                const std::string& kind);

// A policy parsed from YAML; fails the test when it does not parse.
policy::Policy make_policy(const std::string& yaml);

}  // namespace oblige::testing
