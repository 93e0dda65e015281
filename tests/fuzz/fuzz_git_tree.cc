// libFuzzer: `--rev` on a commit whose tree is built from the input, in a
// bare repository made once per process (and made again every few hundred
// inputs, so its objects stay few). The trees are written as raw objects,
// not through libgit2's tree builder, so that they can be what git itself
// would refuse: unsorted or repeated names, names with control bytes,
// invalid UTF-8, "..", ".git" or an empty name, and any mode string. The
// input is records separated by NUL bytes, each a mode, a space, a path
// (components separated by '/') up to a newline, and the content:
//
//   100644 LICENSE\n<blob>        a blob (any mode that does not start with 4)
//   40000 models/a\n              a tree, filled by the records below it
//   160000 vendor/x\n<anything>   a submodule: an id that names no object
//
// Every candidate is then read as the scan would (walk::read_candidate).
// Invariants: no crash, no hang; a failure says why; display paths and
// problem messages hold no control byte; read text is valid UTF-8 and a
// blob over the size limit is not read.
#include <git2.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/text/decode.h"
#include "scanner/walk/git_source.h"
#include "scanner/walk/read_candidate.h"

namespace fs = boost::filesystem;

namespace {

constexpr std::size_t kMaxRecords = 64;
constexpr std::size_t kMaxDepth = 6;
constexpr std::uintmax_t kMaxSize = 4096;
constexpr int kInputsPerRepository = 256;

// A folder of the tree being built: its entries in input order.
struct Folder {
  struct Entry {
    std::string mode, name, content;
    std::unique_ptr<Folder> folder;  // for a mode starting with '4'
  };
  std::vector<Entry> entries;

  Folder* child(const std::string& name) {
    for (Entry& e : entries)
      if (e.folder && e.name == name) return e.folder.get();
    entries.push_back({"40000", name, "", std::make_unique<Folder>()});
    return entries.back().folder.get();
  }
};

void add(Folder* root, std::string_view record) {
  const std::size_t space = record.find(' ');
  if (space == std::string_view::npos || space == 0) return;
  std::size_t newline = record.find('\n', space);
  if (newline == std::string_view::npos) newline = record.size();
  const std::string mode(record.substr(0, space));
  std::string_view path = record.substr(space + 1, newline - space - 1);
  const std::string content(newline < record.size() ? record.substr(newline + 1) : "");
  Folder* folder = root;
  for (std::size_t depth = 0; depth < kMaxDepth; ++depth) {
    const std::size_t slash = path.find('/');
    if (slash == std::string_view::npos) break;
    folder = folder->child(std::string(path.substr(0, slash)));
    path.remove_prefix(slash + 1);
  }
  Folder::Entry e{mode, std::string(path), content, nullptr};
  if (mode[0] == '4') e.folder = std::make_unique<Folder>();
  folder->entries.push_back(std::move(e));
}

// Writes `folder` as a raw tree object; its id, or false.
bool write_tree(git_odb* odb, const Folder& folder, git_oid* id) {
  std::string raw;
  for (const Folder::Entry& e : folder.entries) {
    git_oid entry{};
    bool ok = true;
    if (e.folder) {
      ok = write_tree(odb, *e.folder, &entry);
    } else if (e.mode == "160000") {
      ok = git_odb_hash(&entry, e.content.data(), e.content.size(), GIT_OBJECT_COMMIT) == 0;
    } else {
      ok = git_odb_write(&entry, odb, e.content.data(), e.content.size(), GIT_OBJECT_BLOB) == 0;
    }
    if (!ok) return false;
    raw += e.mode + " " + e.name;
    raw.push_back('\0');
    raw.append(reinterpret_cast<const char*>(entry.id), GIT_OID_RAWSZ);
  }
  return git_odb_write(id, odb, raw.data(), raw.size(), GIT_OBJECT_TREE) == 0;
}

struct Repository {
  fs::path path;
  git_repository* repo = nullptr;
  git_odb* odb = nullptr;
  int inputs = 0;

  void reset() {
    if (odb) git_odb_free(odb);
    if (repo) git_repository_free(repo);
    odb = nullptr;
    repo = nullptr;
    boost::system::error_code ec;
    fs::remove_all(path, ec);
    if (git_repository_init(&repo, path.c_str(), 1) != 0 || git_repository_odb(&odb, repo) != 0)
      std::abort();
    inputs = 0;
  }
};

Repository& repository() {
  static Repository r = [] {
    git_libgit2_init();
    char name[] = "/tmp/oblige-fuzz-git-XXXXXX";
    if (!::mkdtemp(name)) std::abort();
    Repository made;
    made.path = fs::path(name) / "repo.git";
    made.reset();
    return made;
  }();
  if (++r.inputs > kInputsPerRepository) r.reset();
  return r;
}

bool has_control(const std::string& s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oblige;
  Repository& r = repository();
  Folder root;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (std::size_t n = 0; !input.empty() && n < kMaxRecords; ++n) {
    std::size_t end = input.find('\0');
    if (end == std::string_view::npos) end = input.size();
    add(&root, input.substr(0, end));
    input.remove_prefix(end == input.size() ? end : end + 1);
  }
  git_oid tree{}, commit{};
  if (!write_tree(r.odb, root, &tree)) return 0;
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, &tree);
  const std::string raw_commit = std::string("tree ") + hex +
                                 "\nauthor A <a@example.com> 0 +0000\n"
                                 "committer A <a@example.com> 0 +0000\n\nfuzz\n";
  if (git_odb_write(&commit, r.odb, raw_commit.data(), raw_commit.size(), GIT_OBJECT_COMMIT) != 0)
    return 0;
  git_oid_tostr(hex, sizeof hex, &commit);

  walk::GitSourceOptions options;
  options.revision = hex;
  options.max_size = kMaxSize;
  const walk::GitSource source = walk::read_git_source(r.path.string(), options);
  if (!source.ok) {
    if (source.error.empty()) std::abort();
    return 0;
  }
  for (const walk::WalkProblem& p : source.walk.problems)
    if (has_control(p.display_path) || has_control(p.message)) std::abort();
  for (const walk::Candidate& c : source.walk.candidates) {
    if (has_control(c.display_path)) std::abort();
    const text::ReadResult read = walk::read_candidate(c, kMaxSize);
    if (!text::is_valid_utf8(read.text.utf8)) std::abort();
    if (c.size > kMaxSize && read.status == text::ReadResult::Status::kOk) std::abort();
  }
  return 0;
}
