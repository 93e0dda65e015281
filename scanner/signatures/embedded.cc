#include "scanner/signatures/embedded.h"

#include <cstring>

namespace oblige::signatures {

const char* embedded_file(const char* name) {
  for (const EmbeddedFile& f : embedded_signature_files())
    if (std::strcmp(f.name, name) == 0) return f.content;
  return nullptr;
}

}  // namespace oblige::signatures
