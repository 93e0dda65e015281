// JSON Lines: one object per line, written and flushed as each target (each
// model revision, in an audit) is finished, so a huge audit streams in flat
// memory and a consumer can act on a model while the rest are scanned. Each
// line is a record (target_record.h: the audit report's fields and all the
// rest, so `oblige merge` can rebuild any report from it), with "type":
// "model" (audit) or "target" (scan); the last line, "type": "summary", has
// the run's root, shard, model count, cache problems and counts. A file
// without that last line is incomplete (the run was stopped).
#include "reporters/formats.h"
#include "reporters/json_fields.h"
#include "reporters/target_record.h"

namespace oblige::reporters {
namespace {

using nlohmann::ordered_json;

constexpr int kSchemaVersion = 2;

class JsonLinesSink : public Sink {
 public:
  JsonLinesSink(const RunInfo& info, std::ostream& out) : info_(info), out_(out) {}

  void begin() override {}

  void target(const render::Target& t) override {
    ordered_json line = {{"type", t.model ? "model" : "target"}};
    const ordered_json record = target_record(t);
    for (auto it = record.begin(); it != record.end(); ++it) line[it.key()] = it.value();
    write(line);
    ++targets_;
    total_.error += t.counts.error;
    total_.warning += t.counts.warning;
    total_.note += t.counts.note;
  }

  void end(const std::vector<RunProblem>& problems) override {
    ordered_json list = ordered_json::array();
    for (const RunProblem& p : problems) list.push_back({{"path", p.path}, {"message", p.message}});
    write({{"type", "summary"},
           {"tool", "oblige"},
           {"version", info_.version},
           {"schema_version", kSchemaVersion},
           {"command", info_.command},
           {"root", info_.root},
           {"shard", info_.shard.empty() ? ordered_json(nullptr) : ordered_json(info_.shard)},
           {"targets", targets_},
           {"problems", list},
           {"summary", counts_json(total_)}});
  }

 private:
  void write(const ordered_json& line) {
    out_ << line.dump(-1, ' ', false, ordered_json::error_handler_t::replace) << "\n";
    out_.flush();
  }

  RunInfo info_;
  std::ostream& out_;
  std::size_t targets_ = 0;
  render::Counts total_;
};

}  // namespace

std::unique_ptr<Sink> make_jsonl_sink(const RunInfo& info, std::ostream& out) {
  return std::make_unique<JsonLinesSink>(info, out);
}

}  // namespace oblige::reporters
