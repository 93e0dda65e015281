// libFuzzer: signature files as a user may write them for --signatures.
// A malformed one is an error value, never a crash or an escaping exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scanner/signatures/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oblige::signatures;
  Signature sig;
  const LoadResult r = parse_signature("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size), &sig);
  if (r.ok) check_patterns(sig);
  return 0;
}
