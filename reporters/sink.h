// Reporters: where rendered results meet an output format. A run opens a
// Sink, hands it each rendered target as soon as it is ready (an audit
// streams one model revision at a time, so memory stays flat however large
// the cache), and closes it. Sinks format; they decide nothing: rule ids,
// levels, messages, groups and verdicts all come from render/.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "scanner/render/rendered.h"

namespace oblige::reporters {

enum class Format { kText, kJson, kSarif, kCycloneDx, kHtml, kJsonLines };

struct RunInfo {
  std::string version;
  std::string command = "scan";  // scan | audit
  std::string root;              // audit: the cache root
  std::string shard;             // audit --shard: "I/N"; "" for the whole cache
  std::string category;          // SARIF automationDetails.id prefix
  bool color = false;            // text only
  std::size_t width = 120;       // audit table
  bool sarif_notes = false;      // SARIF: also the informational notes
  results::Level fail_on = results::Level::kError;
};

// A problem with the cache itself (audit), outside any model.
struct RunProblem {
  std::string path, message;
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void begin() = 0;
  virtual void target(const render::Target& target) = 0;
  virtual void end(const std::vector<RunProblem>& problems) = 0;
};

// The sink of `format` for `oblige scan` (or `oblige audit` when
// info.command is "audit"), writing to `out`.
std::unique_ptr<Sink> make_sink(Format format, const RunInfo& info, std::ostream& out);

}  // namespace oblige::reporters
