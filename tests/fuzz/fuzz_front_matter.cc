// libFuzzer: model-card front matter. Never a crash or an uncaught exception.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scanner/text/decode.h"
#include "scanner/text/front_matter.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = oblige::text::sanitize_utf8(std::string(reinterpret_cast<const char*>(data), size));
  oblige::text::parse_front_matter("---\n" + text + "\n---\n");
  oblige::text::parse_front_matter(text);
  return 0;
}
