#include "scanner/walk/candidates.h"

#include <re2/re2.h>

#include <catch2/catch.hpp>
#include <memory>

#include "scanner/text/normalize.h"

using namespace oblige::walk;

TEST_CASE("license file names are candidates, case-insensitively", "[candidates]") {
  for (const char* name : {"LICENSE",
                           "license.txt",
                           "LICENSE.md",
                           "LICENCE",
                           "COPYING",
                           "MODEL_LICENSE",
                           "LICENSE-MODEL",
                           "LICENSE_llama2",
                           "MODEL_LICENSE_AGREEMENT.txt",
                           "Tongyi Qianwen LICENSE AGREEMENT",
                           "baichuan-7B 模型许可协议.pdf",
                           "南北阁大语言模型许可协议.pdf",
                           "OpenAtom Model License.pdf",
                           "aquila_license.pdf",
                           "COMMUNITY_LICENSE",
                           "BLOOMLICENSE.txt",
                           "LICENSE-SDXL0.9",
                           "ModelsCommunityLicenseAgreement",
                           "GEMMA_TERMS_OF_USE.txt",
                           "Llama-2-License.txt",
                           "LICENSE.zh-CN.md"}) {
    INFO(name);
    CHECK(classify_name(name) == CandidateRole::kLicense);
  }
}

TEST_CASE("notices, policies and model cards get their roles", "[candidates]") {
  CHECK(classify_name("NOTICE") == CandidateRole::kNotice);
  CHECK(classify_name("Notice.txt") == CandidateRole::kNotice);
  CHECK(classify_name("DISCLAIMER") == CandidateRole::kNotice);
  CHECK(classify_name("USE_POLICY.md") == CandidateRole::kPolicy);
  CHECK(classify_name("README.md") == CandidateRole::kReadme);
  CHECK(classify_name("readme_zh.md") == CandidateRole::kReadme);
}

TEST_CASE("weights, code and data are never candidates", "[candidates]") {
  for (const char* name : {"model.safetensors", "LICENSE.bin", "pytorch_model.bin", "model.gguf",
                           "license_check.py", "licenses.json", "config.json", "tokenizer.model",
                           "model-00001-of-00002.safetensors", "README.onnx", "train.py"}) {
    INFO(name);
    CHECK(classify_name(name) == CandidateRole::kNone);
  }
}

TEST_CASE("names are matched as bytes: invalid UTF-8 and newlines do not hide a license",
          "[candidates]") {
  // RE2's '.' matches neither: such names were skipped by --rev and --staged.
  CHECK(classify_name("LICENSE-FRAN\xC7"
                      "AIS") == CandidateRole::kLicense);
  CHECK(classify_name("LICENSE\nold") == CandidateRole::kLicense);
  CHECK(classify_name("\xFF"
                      "license") == CandidateRole::kLicense);
  CHECK(classify_name("README\xE9.md") == CandidateRole::kReadme);
  CHECK(classify_name("NOTICE\r") == CandidateRole::kNotice);
  CHECK(classify_name("LiCeNcE") == CandidateRole::kLicense);
  CHECK(classify_name("model\xC7.safetensors") == CandidateRole::kNone);
}

TEST_CASE("one selection for every source: skipped folders, model files, third-party scope",
          "[candidates]") {
  const auto& skipped = default_skipped_folders();
  CHECK(select_path("node_modules/dep/LICENSE", skipped).role == CandidateRole::kNone);
  CHECK(select_path("a/.git/LICENSE", skipped).role == CandidateRole::kNone);
  CHECK(select_path("a/.cache/huggingface/LICENSE", skipped).role == CandidateRole::kNone);
  CHECK(in_skipped_folder("x/__pycache__/NOTICE", skipped));
  CHECK_FALSE(in_skipped_folder("node_modules", skipped));  // a file named so
  CHECK(select_path("models/qwen/LICENSE", skipped).role == CandidateRole::kLicense);
  CHECK(select_path("NOTICE", skipped).third_party);
  CHECK_FALSE(select_path("LICENSE", skipped).third_party);
  for (const char* name : {"config.json", "model_index.json", "model.safetensors", "x.GGUF"}) {
    INFO(name);
    CHECK(select_file(name).model_file);
    CHECK(select_file(name).role == CandidateRole::kNone);
  }
  CHECK_FALSE(select_file("tokenizer_config.json").model_file);
  CHECK_FALSE(select_file(".bin").model_file);  // only an extension
}

TEST_CASE("the byte matcher selects exactly what the former regular expressions did",
          "[candidates]") {
  // The former table, as RE2 patterns over the lower-cased name, and its
  // extension lists: every name built from these fragments must get the role
  // it got then.
  const std::vector<std::pair<std::string, CandidateRole>> former = {
      {R"(readme.*)", CandidateRole::kReadme},
      {R"((use_policy|acceptable[_ -]use[_ -]policy|.*[_ -]aup)([._-].*)?)",
       CandidateRole::kPolicy},
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
  };
  std::vector<std::unique_ptr<re2::RE2>> patterns;
  for (const auto& [p, role] : former) patterns.push_back(std::make_unique<re2::RE2>(p));
  const std::vector<std::string> weights = {
      ".safetensors", ".bin", ".gguf",    ".ggml",    ".pt",         ".pth",
      ".onnx",        ".h5",  ".ckpt",    ".msgpack", ".tflite",     ".npz",
      ".npy",         ".pkl", ".pickle",  ".mlmodel", ".model",      ".tar",
      ".zip",         ".gz",  ".parquet", ".arrow",   ".incomplete", ".lock"};
  const std::vector<std::string> code = {
      ".py",  ".js",  ".ts",    ".json", ".yaml", ".yml",  ".toml", ".cc",    ".cpp", ".h",
      ".hpp", ".c",   ".go",    ".rs",   ".java", ".rb",   ".sh",   ".ipynb", ".css", ".xml",
      ".csv", ".tsv", ".jsonl", ".cfg",  ".ini",  ".lock", ".svg",  ".png",   ".jpg"};
  const auto ends_with = [](const std::string& s, const std::string& e) {
    return s.size() > e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
  };
  const auto former_role = [&](const std::string& name) {
    const std::string lower = oblige::text::ascii_lower(name);
    for (const auto& w : weights)
      if (ends_with(lower, w)) return CandidateRole::kNone;
    const std::size_t dot = lower.rfind('.');
    if (dot != std::string::npos)
      for (const auto& c : code)
        if (lower.substr(dot) == c) return CandidateRole::kNone;
    for (std::size_t i = 0; i < former.size(); ++i)
      if (re2::RE2::FullMatch(lower, *patterns[i])) return former[i].second;
    return CandidateRole::kNone;
  };
  const std::vector<std::string> parts = {
      "",           "LICENSE",    "licence",   "Model",    "_",         "-",
      " ",          ".",          "aup",       "AUP",      "use",       "Policy",
      "notice",     "Disclaimer", "copying",   "readme",   "agreement", "terms",
      "of",         "EULA",       "copyright", "许可协议", "协议",      "许可证",
      "txt",        "md",         "pdf",       "json",     "py",        "bin",
      "acceptable", "x",          "licens",    "e",        "s",         "c"};
  std::size_t compared = 0;
  for (const std::string& a : parts)
    for (const std::string& b : parts)
      for (const std::string& c : parts) {
        const std::string name = a + b + c;
        if (name.empty()) continue;
        INFO(name);
        CHECK(classify_name(name) == former_role(name));
        ++compared;
      }
  CHECK(compared > 40000);
}
