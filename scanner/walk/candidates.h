// Candidate selection: which files might hold license terms, decided from the
// file name alone, case-insensitively, before anything is read.
//
// The table in candidates.cc lists the name patterns (LICENSE*, MODEL_LICENSE*,
// *LICENSE_AGREEMENT*, names with 许可协议, NOTICE*, USE_POLICY*, README*, ...)
// and the role each gives a file. Weight files (*.safetensors, *.bin, *.gguf,
// ...) are never candidates whatever their names.
#pragma once

#include <string>
#include <string_view>

namespace oblige::walk {

enum class CandidateRole {
  kNone,     // not a candidate
  kLicense,  // a license or agreement text
  kNotice,   // NOTICE, DISCLAIMER: attribution and disclaimers
  kPolicy,   // acceptable use policy
  kReadme,   // model card: front matter and License section only
};

const char* role_name(CandidateRole role);

CandidateRole classify_name(std::string_view file_name);

// True for model weight and other large binary formats that are never read.
bool is_weight_file(std::string_view file_name);

}  // namespace oblige::walk
