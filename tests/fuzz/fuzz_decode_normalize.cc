// libFuzzer: any bytes through decoding and normalization. Invariants: the
// output is valid UTF-8, every normalized byte maps back into the source, and
// every line number is a real line.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "scanner/text/decode.h"
#include "scanner/text/line_index.h"
#include "scanner/text/normalize.h"
#include "scanner/text/readme_sections.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oblige::text;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const DecodedText decoded = decode(bytes);
  if (!is_valid_utf8(decoded.utf8)) std::abort();
  for (const std::string& source : {decoded.utf8, license_sections(decoded.utf8)}) {
    const NormalizedText n = normalize(source);
    if (n.origin.size() != n.text.size() || !is_valid_utf8(n.text)) std::abort();
    const LineIndex lines(source);
    for (std::size_t i = 0; i < n.origin.size(); i += 7) {
      if (n.origin[i] > source.size()) std::abort();
      if (lines.line_of(n.origin[i]) < 1 || lines.line_of(n.origin[i]) > lines.line_count()) std::abort();
      lines.column_of(n.origin[i]);
    }
  }
  return 0;
}
