// The signature files compiled into the binary (generated at build time from
// signatures/*.yaml by cmake/EmbedSignatures.cmake).
#pragma once

#include <string>
#include <vector>

namespace oblige::signatures {

struct EmbeddedFile {
  const char* name;
  const char* content;
};

// Every embedded file: the signatures (signatures/*.yaml, named "x.yaml") and
// the Hugging Face tables (named "huggingface/x.yaml").
const std::vector<EmbeddedFile>& embedded_signature_files();

// The content of one embedded file by name, or nullptr.
const char* embedded_file(const char* name);

}  // namespace oblige::signatures
