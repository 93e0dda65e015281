// libFuzzer: the matcher and the obligation finder on any text, with every
// built-in signature. Findings must point at real lines.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "scanner/identify/identifier.h"
#include "scanner/obligations/derive.h"
#include "scanner/signatures/loader.h"
#include "scanner/text/decode.h"
#include "scanner/text/line_index.h"
#include "scanner/text/normalize.h"

namespace {
const oblige::identify::CompiledSignatures& compiled() {
  static const oblige::signatures::SignatureSet set = [] {
    oblige::signatures::SignatureSet s;
    if (!oblige::signatures::load_embedded(&s).ok || !oblige::signatures::finalize(&s).ok) std::abort();
    return s;
  }();
  static const oblige::identify::CompiledSignatures c(set);
  return c;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oblige;
  const std::string source = text::decode(std::string(reinterpret_cast<const char*>(data), size)).utf8;
  const text::NormalizedText n = text::normalize(source);
  const text::LineIndex lines(source);
  const obligations::FileContext file{source, &n, &lines};
  auto ids = identify::identify(n.text, compiled());
  identify::demote_quoted_statements(&ids, compiled());
  for (const auto& id : ids) {
    const auto l = obligations::license_match(compiled().set(), id, file);
    if (l.span.start_line < 1 || l.span.start_line > lines.line_count()) std::abort();
    for (const auto& c : l.clauses)
      if (c.span.start_line < 1 || c.span.end_line > lines.line_count()) std::abort();
  }
  for (const auto& id : identify::find_generic_clauses(n.text, compiled()))
    obligations::clause_matches(compiled().set(), id, file);
  return 0;
}
