#include "scanner/text/module_loader.h"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace oblige::text {
namespace {

// The running program's path, or "" (/proc not mounted).
std::string program_path() {
  char buffer[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

std::vector<std::string> places_for(const std::string& file_name) {
  std::vector<std::string> out;
  const std::string program = program_path();
  if (program.empty()) return out;
  const std::string build = OBLIGE_BUILD_DIR;
  if (program.compare(0, build.size() + 1, build + "/") == 0)
    out.push_back(build + "/" + file_name);
  out.push_back(folder_of(program) + "/" OBLIGE_MODULE_DIR_FROM_BIN "/" + file_name);
  return out;
}

struct Loaded {
  void* handle = nullptr;
  std::string error;
};

Loaded open_module(const std::string& file_name) {
  Loaded out;
  std::string tried;
  for (const std::string& path : places_for(file_name)) {
    if (::access(path.c_str(), F_OK) != 0) {
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    out.handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!out.handle) {
      const char* why = ::dlerror();
      out.error = why ? why : "dlopen failed on " + path;
    }
    return out;
  }
  out.error =
      file_name + " is not installed (looked for " + (tried.empty() ? "nothing" : tried) + ")";
  return out;
}

}  // namespace

std::string module_path(const std::string& file_name) {
  for (const std::string& path : places_for(file_name))
    if (::access(path.c_str(), F_OK) == 0) return path;
  return "";
}

void* module_symbol(const std::string& file_name, const char* symbol, std::string* error) {
  static std::mutex mutex;
  static auto* const modules = new std::map<std::string, Loaded>;  // never unloaded
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = modules->find(file_name);
  if (it == modules->end()) it = modules->emplace(file_name, open_module(file_name)).first;
  if (!it->second.handle) {
    *error = it->second.error;
    return nullptr;
  }
  void* address = ::dlsym(it->second.handle, symbol);
  if (!address) *error = file_name + " has no " + symbol;
  return address;
}

}  // namespace oblige::text
