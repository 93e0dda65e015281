#include "scanner/walk/candidates.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <memory>
#include <vector>
#include "scanner/text/normalize.h"

namespace oblige::walk {
namespace {

struct NameRule {
  const char* pattern;  // RE2, matched against the whole lower-cased file name
  CandidateRole role;
};

// First matching rule wins.
constexpr std::array<NameRule, 16> kNameRules = {{
    {R"(readme.*)", CandidateRole::kReadme},
    {R"((use_policy|acceptable[_ -]use[_ -]policy|.*[_ -]aup)([._-].*)?)", CandidateRole::kPolicy},
    {R"(.*use[_ -]policy.*)", CandidateRole::kPolicy},
    {R"(notice.*)", CandidateRole::kNotice},
    {R"(disclaimer.*)", CandidateRole::kNotice},
    {R"(licen[cs]e.*)", CandidateRole::kLicense},
    {R"(copying.*)", CandidateRole::kLicense},
    {R"(model[_-]licen[cs]e.*)", CandidateRole::kLicense},
    {R"(.*licen[cs]e[_ ]agreement.*)", CandidateRole::kLicense},
    {R"(.*licen[cs]e.*)", CandidateRole::kLicense},
    {R"(.*许可协议.*)", CandidateRole::kLicense},
    {R"(.*协议.*)", CandidateRole::kLicense},
    {R"(.*许可证.*)", CandidateRole::kLicense},
    {R"(.*terms[_ -]of[_ -]use.*)", CandidateRole::kLicense},
    {R"(.*(eula|copyright).*)", CandidateRole::kLicense},
    {R"(.*agreement.*)", CandidateRole::kLicense},
}};

const char* const kWeightExtensions[] = {".safetensors", ".bin",  ".gguf", ".ggml", ".pt",
                                         ".pth",         ".onnx", ".h5",   ".ckpt", ".msgpack",
                                         ".tflite",      ".npz",  ".npy",  ".pkl",  ".pickle",
                                         ".mlmodel",     ".model", ".tar", ".zip", ".gz",
                                         ".parquet",     ".arrow", ".incomplete", ".lock"};

struct CompiledRules {
  std::vector<std::pair<std::unique_ptr<RE2>, CandidateRole>> rules;
};

const CompiledRules& compiled() {
  static const CompiledRules rules = [] {
    CompiledRules r;
    for (const NameRule& rule : kNameRules) {
      r.rules.emplace_back(std::make_unique<RE2>(rule.pattern), rule.role);
    }
    return r;
  }();
  return rules;
}

// Source, data and image files that merely contain "license" in their names
// (license_check.py, licenses.json) are not license documents.
bool has_document_extension(const std::string& name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string::npos) return true;
  const std::string ext = name.substr(dot);
  static const char* const kCode[] = {".py", ".js", ".ts", ".json", ".yaml", ".yml", ".toml",
                                      ".cc", ".cpp", ".h", ".hpp", ".c", ".go", ".rs", ".java",
                                      ".rb", ".sh", ".ipynb", ".css", ".xml", ".csv", ".tsv",
                                      ".jsonl", ".cfg", ".ini", ".lock", ".svg", ".png", ".jpg"};
  for (const char* code : kCode)
    if (ext == code) return false;
  return true;
}

}  // namespace

const char* role_name(CandidateRole role) {
  switch (role) {
    case CandidateRole::kNone: return "none";
    case CandidateRole::kLicense: return "license";
    case CandidateRole::kNotice: return "notice";
    case CandidateRole::kPolicy: return "policy";
    case CandidateRole::kReadme: return "readme";
  }
  return "none";
}

bool is_weight_file(std::string_view file_name) {
  const std::string name = text::ascii_lower(file_name);
  return std::any_of(std::begin(kWeightExtensions), std::end(kWeightExtensions),
                     [&](const char* ext) {
                       const std::string_view e(ext);
                       return name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
                     });
}

CandidateRole classify_name(std::string_view file_name) {
  if (file_name.empty() || is_weight_file(file_name)) return CandidateRole::kNone;
  const std::string name = text::ascii_lower(file_name);
  if (!has_document_extension(name)) return CandidateRole::kNone;
  for (const auto& [re, role] : compiled().rules) {
    if (RE2::FullMatch(name, *re)) return role;
  }
  return CandidateRole::kNone;
}

}  // namespace oblige::walk
