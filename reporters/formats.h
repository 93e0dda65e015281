// The sinks of each format (make_sink() in sink.h picks one).
#pragma once

#include "reporters/sink.h"

namespace oblige::reporters {

std::unique_ptr<Sink> make_json_sink(const RunInfo& info, std::ostream& out);
std::unique_ptr<Sink> make_sarif_sink(const RunInfo& info, std::ostream& out);
std::unique_ptr<Sink> make_text_sink(const RunInfo& info, std::ostream& out);
std::unique_ptr<Sink> make_cyclonedx_sink(const RunInfo& info, std::ostream& out);
std::unique_ptr<Sink> make_html_sink(const RunInfo& info, std::ostream& out);
std::unique_ptr<Sink> make_jsonl_sink(const RunInfo& info, std::ostream& out);
std::unique_ptr<Sink> make_audit_table_sink(const RunInfo& info, std::ostream& out);

}  // namespace oblige::reporters
