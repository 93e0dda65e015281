#include "reporters/sink.h"

#include "reporters/formats.h"

namespace oblige::reporters {

std::unique_ptr<Sink> make_sink(Format format, const RunInfo& info, std::ostream& out) {
  switch (format) {
    case Format::kJson:
      return make_json_sink(info, out);
    case Format::kSarif:
      return make_sarif_sink(info, out);
    case Format::kCycloneDx:
      return make_cyclonedx_sink(info, out);
    case Format::kHtml:
      return make_html_sink(info, out);
    case Format::kJsonLines:
      return make_jsonl_sink(info, out);
    case Format::kText:
      break;
  }
  return info.command == "audit" ? make_audit_table_sink(info, out) : make_text_sink(info, out);
}

}  // namespace oblige::reporters
