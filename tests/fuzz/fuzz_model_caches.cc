// libFuzzer: the audit's cache reader (scanner/walk/model_caches.h) on a
// folder tree built from the input, in a scratch folder made once per
// process and emptied for each input. The input is records separated by NUL
// bytes; each record is a kind byte, a path (up to a newline), and the rest:
//
//   f models--org--name/refs/main\n<content>      a regular file
//   d models--org--name/snapshots/abc\n           a folder
//   l models--org--name/refs\n<link target>       a symbolic link (anywhere)
//   p org/name/.mv\n                              a FIFO (never to be opened)
//
// so the Hugging Face layout (refs, blobs, snapshots), ModelScope's .mv and
// .mdl, and snapshot_download()'s .cache/huggingface/download/*.metadata can
// all be written, as can links out of the cache and FIFOs where a ref or a
// .mv is expected. Invariants: no hang, no crash; every snapshot lies below
// the root (no link followed out of it); every revision, model id and ref that
// would be shown holds no control byte; a ref is a revision hash; every
// snapshot_context() of a found snapshot agrees with it.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/filesystem.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "scanner/walk/model_caches.h"

namespace fs = boost::filesystem;

namespace {

constexpr std::size_t kMaxRecords = 64;
constexpr std::size_t kMaxDepth = 8;

const fs::path& scratch() {
  static const fs::path root = [] {
    char name[] = "/tmp/oblige-fuzz-caches-XXXXXX";
    if (!::mkdtemp(name)) std::abort();
    return fs::path(name);
  }();
  return root;
}

// `path` made relative and kept inside the scratch folder: no leading '/',
// no "." or ".." component, at most kMaxDepth components; "" when nothing is
// left.
std::string inside(std::string_view path) {
  std::string out;
  std::size_t depth = 0;
  std::size_t start = 0;
  while (start <= path.size() && depth < kMaxDepth) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view part = path.substr(start, slash - start);
    if (!part.empty() && part != "." && part != "..") {
      out += (out.empty() ? "" : "/") + std::string(part);
      ++depth;
    }
    start = slash + 1;
  }
  return out;
}

void build(const fs::path& root, std::string_view data) {
  std::size_t records = 0;
  while (!data.empty() && records++ < kMaxRecords) {
    std::size_t end = data.find('\0');
    if (end == std::string_view::npos) end = data.size();
    const std::string_view record = data.substr(0, end);
    data.remove_prefix(end == data.size() ? end : end + 1);
    if (record.size() < 2) continue;
    const char kind = record[0];
    std::size_t newline = record.find('\n');
    if (newline == std::string_view::npos) newline = record.size();
    const std::string rel = inside(record.substr(1, newline - 1));
    const std::string_view rest =
        newline < record.size() ? record.substr(newline + 1) : std::string_view();
    if (rel.empty()) continue;
    const fs::path path = root / rel;
    boost::system::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) continue;  // a file or a link is in the way
    if (kind == 'd') {
      fs::create_directories(path, ec);
    } else if (kind == 'l') {
      fs::create_symlink(std::string(rest), path, ec);
    } else if (kind == 'p') {
      ::mkfifo(path.c_str(), 0600);
    } else {
      std::ofstream(path.string(), std::ios::binary).write(rest.data(), rest.size());
    }
  }
}

bool has_control(const std::string& s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return true;
  return false;
}

bool below(const fs::path& path, const fs::path& root) {
  const std::string p = path.lexically_normal().string(), r = root.string();
  return p == r || (p.compare(0, r.size(), r) == 0 && p.size() > r.size() && p[r.size()] == '/');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oblige::walk;
  const fs::path root = scratch() / "cache";
  boost::system::error_code ec;
  fs::remove_all(root, ec);  // removes links, never what they point at
  fs::create_directory(root);
  build(root, std::string_view(reinterpret_cast<const char*>(data), size));

  std::vector<CacheProblem> problems;
  const std::vector<ModelSnapshot> found = discover_models(root, &problems);
  for (const ModelSnapshot& s : found) {
    if (!below(s.path, root)) std::abort();
    if (!s.allowed_root.empty() && !below(s.allowed_root, root)) std::abort();
    if (has_control(s.repo_id) || has_control(s.revision) || has_control(s.logical_path))
      std::abort();
    for (const std::string& ref : s.refs)
      if (has_control(ref)) std::abort();
    if (s.layout == "hf-cache" && !s.refs.empty() && !is_revision_hash(s.revision)) std::abort();
    if (s.layout == "hf-cache") {
      const std::optional<SnapshotContext> context = snapshot_context(s.path);
      if (context && context->snapshot.revision != s.revision) std::abort();
    }
  }
  for (const CacheProblem& p : problems)
    if (has_control(p.path) || has_control(p.message)) std::abort();
  is_hf_cache_root(root);
  return 0;
}
