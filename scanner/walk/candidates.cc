#include "scanner/walk/candidates.h"

#include <algorithm>
#include <array>

namespace oblige::walk {
namespace {

// The patterns are matched byte by byte, folding ASCII letters only: no
// lower-case copy of the name, no regular expression, one pass per pattern
// over names that are a few dozen bytes long.
constexpr char fold(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

// `literal` is lower case (or not ASCII at all).
bool equals_at(std::string_view name, std::size_t at, std::string_view literal) {
  if (at > name.size() || name.size() - at < literal.size()) return false;
  for (std::size_t i = 0; i < literal.size(); ++i)
    if (fold(name[at + i]) != literal[i]) return false;
  return true;
}

bool starts_with(std::string_view name, std::string_view literal) {
  return equals_at(name, 0, literal);
}

bool contains(std::string_view name, std::string_view literal) {
  if (literal.size() > name.size()) return false;
  for (std::size_t at = 0; at + literal.size() <= name.size(); ++at)
    if (equals_at(name, at, literal)) return true;
  return false;
}

bool is_any_of(char c, std::string_view set) { return set.find(c) != std::string_view::npos; }

// "licence" or "license" at `at`.
bool licen_se_at(std::string_view name, std::size_t at) {
  return at + 7 <= name.size() && equals_at(name, at, "licen") &&
         (fold(name[at + 5]) == 'c' || fold(name[at + 5]) == 's') && fold(name[at + 6]) == 'e';
}

bool contains_licen_se(std::string_view name) {
  for (std::size_t at = 0; at + 7 <= name.size(); ++at)
    if (licen_se_at(name, at)) return true;
  return false;
}

// `first`, a separator (_, space, -), `second`, ... anywhere in the name.
bool contains_separated(std::string_view name, std::initializer_list<std::string_view> words) {
  const std::string_view first = *words.begin();
  for (std::size_t at = 0; at + first.size() <= name.size(); ++at) {
    std::size_t pos = at;
    bool ok = true;
    for (auto w = words.begin(); ok && w != words.end(); ++w) {
      if (w != words.begin()) {
        ok = pos < name.size() && is_any_of(name[pos], "_ -");
        ++pos;
      }
      ok = ok && equals_at(name, pos, *w);
      pos += w->size();
    }
    if (ok) return true;
  }
  return false;
}

// "[_ -]aup" followed by the end of the name or one of "._-".
bool has_aup_word(std::string_view name) {
  for (std::size_t at = 0; at + 4 <= name.size(); ++at) {
    if (!is_any_of(name[at], "_ -") || !equals_at(name, at + 1, "aup")) continue;
    if (at + 4 == name.size() || is_any_of(name[at + 4], "._-")) return true;
  }
  return false;
}

CandidateRole role_of(std::string_view name) {
  if (starts_with(name, "readme")) return CandidateRole::kReadme;
  if (has_aup_word(name) || contains_separated(name, {"use", "policy"}))
    return CandidateRole::kPolicy;
  if (starts_with(name, "notice") || starts_with(name, "disclaimer")) return CandidateRole::kNotice;
  if (starts_with(name, "copying") || contains_licen_se(name) || contains(name, "协议") ||
      contains(name, "许可证") || contains_separated(name, {"terms", "of", "use"}) ||
      contains(name, "eula") || contains(name, "copyright") || contains(name, "agreement"))
    return CandidateRole::kLicense;
  return CandidateRole::kNone;
}

constexpr std::array<std::string_view, 24> kWeightExtensions = {
    ".safetensors", ".bin",     ".gguf",   ".ggml", ".pt",      ".pth",   ".onnx",       ".h5",
    ".ckpt",        ".msgpack", ".tflite", ".npz",  ".npy",     ".pkl",   ".pickle",     ".mlmodel",
    ".model",       ".tar",     ".zip",    ".gz",   ".parquet", ".arrow", ".incomplete", ".lock"};

// Source, data and image files that merely contain "license" in their names
// (license_check.py, licenses.json) are not license documents.
constexpr std::array<std::string_view, 29> kCodeExtensions = {
    ".py",  ".js",  ".ts",    ".json", ".yaml", ".yml",  ".toml", ".cc",    ".cpp", ".h",
    ".hpp", ".c",   ".go",    ".rs",   ".java", ".rb",   ".sh",   ".ipynb", ".css", ".xml",
    ".csv", ".tsv", ".jsonl", ".cfg",  ".ini",  ".lock", ".svg",  ".png",   ".jpg"};

template <std::size_t N>
bool extension_in(std::string_view extension, const std::array<std::string_view, N>& list) {
  return std::any_of(list.begin(), list.end(), [&](std::string_view e) {
    return e.size() == extension.size() && equals_at(extension, 0, e);
  });
}

// From the last dot; empty when there is none (or the name is only an
// extension, as ".bin", which is not a weight file).
std::string_view extension_of(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : name.substr(dot);
}

}  // namespace

const char* role_name(CandidateRole role) {
  switch (role) {
    case CandidateRole::kNone:
      return "none";
    case CandidateRole::kLicense:
      return "license";
    case CandidateRole::kNotice:
      return "notice";
    case CandidateRole::kPolicy:
      return "policy";
    case CandidateRole::kReadme:
      return "readme";
  }
  return "none";
}

FileSelection select_file(std::string_view name) {
  FileSelection out;
  if (name.empty()) return out;
  const std::string_view extension = extension_of(name);
  const bool weights = extension.size() < name.size() && extension_in(extension, kWeightExtensions);
  out.model_file = weights || name == "config.json" || name == "model_index.json";
  if (weights || (!extension.empty() && extension_in(extension, kCodeExtensions))) return out;
  out.role = role_of(name);
  out.third_party = out.role == CandidateRole::kNotice;
  return out;
}

const std::vector<std::string>& default_skipped_folders() {
  static const std::vector<std::string> folders = {".git",   ".hg",          ".svn",
                                                   ".cache", "node_modules", "__pycache__"};
  return folders;
}

bool is_skipped_folder(std::string_view folder_name, const std::vector<std::string>& skipped) {
  return std::find(skipped.begin(), skipped.end(), folder_name) != skipped.end();
}

bool in_skipped_folder(std::string_view path, const std::vector<std::string>& skipped) {
  std::size_t start = 0;
  for (std::size_t slash; (slash = path.find('/', start)) != std::string_view::npos;
       start = slash + 1)
    if (is_skipped_folder(path.substr(start, slash - start), skipped)) return true;
  return false;
}

FileSelection select_path(std::string_view path, const std::vector<std::string>& skipped) {
  if (in_skipped_folder(path, skipped)) return {};
  const std::size_t slash = path.rfind('/');
  return select_file(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

CandidateRole classify_name(std::string_view file_name) { return select_file(file_name).role; }

bool is_weight_file(std::string_view file_name) {
  const std::string_view extension = extension_of(file_name);
  return !extension.empty() && extension.size() < file_name.size() &&
         extension_in(extension, kWeightExtensions);
}

}  // namespace oblige::walk
