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

const std::vector<EmbeddedFile>& embedded_signature_files();

}  // namespace oblige::signatures
