#include "support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>

#include "scanner/policy/evaluate.h"
#include "scanner/render/render.h"
#include "scanner/text/decode.h"

namespace oblige::testing {

TempDir::TempDir() {
  path_ = fs::temp_directory_path() / fs::unique_path("oblige-test-%%%%-%%%%-%%%%");
  fs::create_directories(path_);
  path_ = fs::canonical(path_);
}

TempDir::~TempDir() {
  boost::system::error_code ec;
  // Restore permissions a test may have removed, so everything can be deleted.
  for (fs::recursive_directory_iterator it(path_, fs::directory_options::none, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (fs::is_directory(it->symlink_status()))
      fs::permissions(it->path(), fs::owner_all | fs::add_perms, ec);
  }
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& relative, const std::string& content) const {
  const fs::path file = path_ / relative;
  fs::create_directories(file.parent_path());
  std::ofstream out(file.string(), std::ios::binary);
  out << content;
  return file;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path.string(), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

}  // namespace

CommandResult run_shell(const std::string& command_line) {
  const fs::path err_file = fs::temp_directory_path() / fs::unique_path("oblige-err-%%%%%%%%");
  const std::string full = command_line + " 2>" + shell_quote(err_file.string());
  CommandResult result;
  FILE* pipe = popen(full.c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed");
  char buffer[65536];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.err = read_file(err_file);
  fs::remove(err_file);
  return result;
}

CommandResult run_oblige(const std::vector<std::string>& args, const std::string& cwd) {
  std::string line;
  if (!cwd.empty()) line = "cd " + shell_quote(cwd) + " && ";
  line += shell_quote(oblige_binary());
  for (const std::string& a : args) line += " " + shell_quote(a);
  return run_shell(line + " </dev/null");
}

std::string make_pdf(const std::string& text) { return make_pdf_pages({text}); }

std::string make_pdf_pages(const std::vector<std::string>& pages) {
  // 1 catalog, 2 page tree, 3 font, then a page and its content per page.
  const std::size_t n = pages.size();
  std::string kids;
  for (std::size_t p = 0; p < n; ++p) kids += (p ? " " : "") + std::to_string(4 + 2 * p) + " 0 R";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  for (std::size_t p = 0; p < n; ++p) {
    std::string content = "BT /F1 9 Tf 36 770 Td 11 TL\n";
    std::stringstream lines(pages[p]);
    std::string line;
    while (std::getline(lines, line)) {
      std::string escaped;
      for (char c : line) {
        if (c == '(' || c == ')' || c == '\\') escaped += '\\';
        escaped += c;
      }
      content += "(" + escaped + ") Tj T*\n";
    }
    content += "ET\n";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " +
                      std::to_string(5 + 2 * p) + " 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "endstream");
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string source_dir() { return OBLIGE_SOURCE_DIR; }
std::string oblige_binary() { return OBLIGE_BINARY; }

namespace {

// A labelled corpus: the folder named by `env`, else `name` under ../shared.
std::string shared_corpus(const char* env, const char* name) {
  if (const char* value = std::getenv(env)) return value;
  const fs::path p = fs::path(source_dir()) / ".." / "shared" / name;
  boost::system::error_code ec;
  if (fs::is_regular_file(p / "LABELS.tsv", ec)) return fs::canonical(p).string();
  return "";
}

}  // namespace

std::string corpus_dir() { return shared_corpus("OBLIGE_CORPUS", "corpus"); }
std::string corpus_new_dir() { return shared_corpus("OBLIGE_CORPUS_NEW", "corpus-new"); }

bool have_corpus() {
  if (!corpus_dir().empty()) return true;
  const char* ci = std::getenv("CI");
  if (ci && *ci) FAIL("CI is set but ../shared/corpus (or $OBLIGE_CORPUS) is missing");
  WARN("../shared/corpus is absent: corpus test skipped");
  return false;
}

std::vector<std::string> license_texts() {
  std::vector<std::string> texts;
  for (const char* s : {"qwen-chat/LICENSE", "qwen-chat/README.md", "unknown-license/LICENSE",
                        "support-bot-8b/README.md"})
    texts.push_back(read_file(source_dir() + "/samples/" + s));
  if (!have_corpus()) return texts;
  for (fs::recursive_directory_iterator it(corpus_dir()), end; it != end; ++it)
    if (fs::is_regular_file(it->path()) && it->path().extension() != ".pdf" &&
        it->path().extension() != ".tsv")
      texts.push_back(text::decode(read_file(it->path().string())).utf8);
  return texts;
}

const signatures::SignatureSet& builtin_signatures() {
  static const signatures::SignatureSet set = [] {
    signatures::SignatureSet s;
    signatures::LoadResult r = signatures::load_embedded(&s);
    if (r.ok) r = signatures::finalize(&s);
    if (!r.ok) throw std::runtime_error(r.error);
    return s;
  }();
  return set;
}

const identify::CompiledSignatures& compiled_signatures() {
  static const identify::CompiledSignatures compiled(builtin_signatures());
  return compiled;
}

void HubCache::blob(const std::string& repo, const std::string& hash,
                    const std::string& content) const {
  dir.write("hub/" + repo + "/blobs/" + hash, content);
}

void HubCache::link(const std::string& repo, const std::string& rev, const std::string& file,
                    const std::string& hash) const {
  const fs::path snap = root() / repo / "snapshots" / rev;
  fs::create_directories((snap / file).parent_path());
  std::string up = "../../";
  for (char c : file) up += c == '/' ? "../" : "";
  fs::create_symlink(up + "blobs/" + hash, snap / file);
}

void HubCache::ref(const std::string& repo, const std::string& name, const std::string& rev) const {
  dir.write("hub/" + repo + "/refs/" + name, rev);
}

void HubCache::model(const std::string& repo, const std::string& rev,
                     const std::vector<std::pair<std::string, std::string>>& files) const {
  for (const auto& [name, content] : files) {
    const std::string hash = "b" + std::to_string(std::hash<std::string>()(repo + name + content));
    blob(repo, hash, content);
    link(repo, rev, name, hash);
  }
  ref(repo, "main", rev);
}

render::Target render(results::TargetResult target, const policy::Policy* policy) {
  if (policy) policy::apply_policy(*policy, builtin_signatures(), &target);
  return render::render_target(target, builtin_signatures());
}

render::Target scan(const std::string& path, const scan::ScanOptions& options,
                    const policy::Policy* policy) {
  return render(scan::scan_target(path, options, compiled_signatures()), policy);
}

Audited audit(const std::string& root, const policy::Policy* policy) {
  Audited out;
  out.summary = scan::audit(
      root, scan::ScanOptions{}, compiled_signatures(),
      [&](results::TargetResult&& t) { out.models.push_back(render(std::move(t), policy)); });
  return out;
}

const render::Target* Audited::model(const std::string& id, const std::string& revision) const {
  for (const render::Target& t : models)
    if (t.model && t.model->repo_id == id && t.model->revision == revision) return &t;
  return nullptr;
}

std::vector<const render::Finding*> with_rule(const render::Target& t, const std::string& rule,
                                              const std::string& path) {
  std::vector<const render::Finding*> out;
  for (const auto& f : t.findings)
    if (f.rule_id == rule && (path.empty() || f.path == path)) out.push_back(&f);
  return out;
}

const render::Finding* find_rule(const render::Target& t, const std::string& rule,
                                 const std::string& path) {
  const auto found = with_rule(t, rule, path);
  return found.empty() ? nullptr : found.front();
}

policy::Policy make_policy(const std::string& yaml) {
  const policy::LoadResult r = policy::parse_policy(".oblige.yml", yaml);
  INFO(r.error);
  REQUIRE(r.ok);
  return r.policy;
}

std::vector<std::string> sarif_validator_errors(const std::string& tool, const std::string& file,
                                                const std::string& kind) {
  const std::string out = file + "." + kind + ".validation.sarif";
  const auto r = run_shell("'" + tool + "' validate '" + file + "' -o '" + out +
                           "' --log ForceOverwrite --rule-kind " + kind + " >/dev/null");
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> errors;
  const nlohmann::json log = nlohmann::json::parse(read_file(out));
  for (const nlohmann::json& result : log["runs"][0].value("results", nlohmann::json::array())) {
    if (result.value("level", "warning") == "error")
      errors.push_back(result["ruleId"].get<std::string>() + ": " + result["message"].dump());
  }
  return errors;
}

std::string sarif_multitool() {
  const char* tool = std::getenv("OBLIGE_SARIF_MULTITOOL");
  if (tool && *tool && boost::filesystem::exists(tool)) return tool;
  const std::string local =
      source_dir() + "/.tools/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
  return boost::filesystem::exists(local) ? local : "";
}

}  // namespace oblige::testing
