// The signatures compiled into the binary.
#include <exception>

#include "scanner/signatures/compiled_form.h"
#include "scanner/signatures/embedded.h"
#include "scanner/signatures/loader.h"

namespace oblige::signatures {

LoadResult load_embedded(SignatureSet* set) {
  try {
    for (Signature& sig : from_compiled_form(compiled_signatures()))
      set->signatures.push_back(std::move(sig));
  } catch (const std::exception& e) {
    return {false, std::string("the embedded signatures are damaged: ") + e.what()};
  }
  return {};
}

}  // namespace oblige::signatures
