#include "scanner/walk/resolve_link.h"

#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <deque>

namespace oblige::walk {
namespace {

constexpr int kMaxLinks = 40;  // as the kernel (MAXSYMLINKS)

std::string join(const std::string& folder, std::string_view name) {
  std::string out = folder;
  if (out != "/") out += '/';
  out += name;
  return out;
}

std::string parent_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

// Prepends the components of `text` to `todo`.
void push_components(std::string_view text, std::deque<std::string>* todo) {
  std::deque<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t slash = text.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? text.size() : slash;
    if (end > start) parts.emplace_back(text.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  todo->insert(todo->begin(), parts.begin(), parts.end());
}

// Under a Hugging Face repository's .no_exist/, or an .incomplete blob.
bool unfinished(const std::string& target, const LinkZone& zone) {
  const std::string& base = is_inside(target, zone.root) ? zone.root : zone.allowed;
  const std::string_view below = std::string_view(target).substr(base.size());
  if (below.find("/.no_exist/") != std::string_view::npos) return true;
  const std::string_view suffix = ".incomplete";
  return below.size() >= suffix.size() && below.substr(below.size() - suffix.size()) == suffix;
}

}  // namespace

bool is_inside(std::string_view path, std::string_view root) {
  if (root == "/") return !path.empty() && path.front() == '/';
  return path.size() >= root.size() && path.compare(0, root.size(), root) == 0 &&
         (path.size() == root.size() || path[root.size()] == '/');
}

ResolvedLink resolve_link(const LinkZone& zone, const std::string& folder,
                          std::string_view link_text) {
  ResolvedLink out;
  if (link_text.empty()) return out;  // kBroken
  std::string current = link_text.front() == '/' ? "/" : folder;
  std::deque<std::string> todo;
  push_components(link_text, &todo);
  int links = 0;
  bool checked = false;  // `current` was lstat'd (else it is a folder)
  mode_t mode = S_IFDIR;
  while (!todo.empty()) {
    const std::string name = std::move(todo.front());
    todo.pop_front();
    if (name == ".") continue;
    if (checked && !S_ISDIR(mode)) return out;  // "file/...": kBroken
    if (name == "..") {
      current = parent_of(current);  // exact: `current` is canonical
      checked = false;
      mode = S_IFDIR;
      continue;
    }
    const std::string next = join(current, name);
    const bool in_zone = is_inside(next, zone.root) || is_inside(next, zone.allowed);
    if (!in_zone) {
      // An ancestor of a root is canonical and a folder; anything else is out.
      if (is_inside(zone.root, next) || is_inside(zone.allowed, next)) {
        current = next;
        checked = false;
        mode = S_IFDIR;
        continue;
      }
      out.end = ResolvedLink::End::kOutside;
      return out;
    }
    struct stat st {};
    if (::lstat(next.c_str(), &st) != 0) return out;  // kBroken
    if (S_ISLNK(st.st_mode)) {
      if (++links > kMaxLinks) {
        out.end = ResolvedLink::End::kLoop;
        return out;
      }
      char buffer[PATH_MAX];
      const ssize_t n = ::readlink(next.c_str(), buffer, sizeof buffer);
      if (n <= 0 || n >= static_cast<ssize_t>(sizeof buffer)) return out;
      const std::string_view text(buffer, static_cast<std::size_t>(n));
      if (text.front() == '/') {
        current = "/";
        checked = false;
        mode = S_IFDIR;
      }
      push_components(text, &todo);
      continue;
    }
    current = next;
    checked = true;
    mode = st.st_mode;
  }
  out.target = current;
  if (!is_inside(current, zone.root) && !is_inside(current, zone.allowed)) {
    out.end = ResolvedLink::End::kFolder;  // an ancestor of a root
  } else if (S_ISDIR(mode)) {
    out.end = ResolvedLink::End::kFolder;
  } else if (!S_ISREG(mode)) {
    out.end = ResolvedLink::End::kSpecial;
  } else {
    out.end = unfinished(current, zone) ? ResolvedLink::End::kUnfinished : ResolvedLink::End::kFile;
  }
  return out;
}

}  // namespace oblige::walk
