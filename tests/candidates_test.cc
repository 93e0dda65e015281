#include <catch2/catch.hpp>

#include "scanner/walk/candidates.h"

using namespace oblige::walk;

TEST_CASE("license file names are candidates, case-insensitively", "[candidates]") {
  for (const char* name :
       {"LICENSE", "license.txt", "LICENSE.md", "LICENCE", "COPYING", "MODEL_LICENSE",
        "LICENSE-MODEL", "LICENSE_llama2", "MODEL_LICENSE_AGREEMENT.txt",
        "Tongyi Qianwen LICENSE AGREEMENT", "baichuan-7B 模型许可协议.pdf", "南北阁大语言模型许可协议.pdf",
        "OpenAtom Model License.pdf", "aquila_license.pdf", "COMMUNITY_LICENSE", "BLOOMLICENSE.txt",
        "LICENSE-SDXL0.9", "ModelsCommunityLicenseAgreement", "GEMMA_TERMS_OF_USE.txt",
        "Llama-2-License.txt", "LICENSE.zh-CN.md"}) {
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
