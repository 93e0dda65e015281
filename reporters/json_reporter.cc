// JSON: oblige's own stable schema (README.md, "JSON output"), written as the
// targets arrive. Keys and ordering are deterministic; no timestamps.
#include "reporters/formats.h"
#include "reporters/json_fields.h"
#include "reporters/target_record.h"

namespace oblige::reporters {
namespace {

using nlohmann::ordered_json;

constexpr int kSchemaVersion = 2;

class JsonSink : public Sink {
 public:
  JsonSink(const RunInfo& info, std::ostream& out) : info_(info), out_(out) {}

  void begin() override {
    out_ << "{\n  \"tool\": \"oblige\",\n  \"version\": " << ordered_json(info_.version).dump()
         << ",\n  \"schema_version\": " << kSchemaVersion << ",\n";
    if (audit()) out_ << "  \"root\": " << dump(ordered_json(info_.root)) << ",\n";
    if (!info_.shard.empty()) out_ << "  \"shard\": " << dump(ordered_json(info_.shard)) << ",\n";
    out_ << "  \"" << (audit() ? "models" : "targets") << "\": [";
  }

  void target(const render::Target& t) override {
    // An audit's models are whole records, so that oblige merge can read them.
    write_element(out_, audit() ? target_record(t) : target_json(t), 4, first_);
    first_ = false;
    total_.error += t.counts.error;
    total_.warning += t.counts.warning;
    total_.note += t.counts.note;
  }

  void end(const std::vector<RunProblem>& problems) override {
    out_ << (first_ ? "]" : "\n  ]");
    if (audit()) {
      ordered_json list = ordered_json::array();
      for (const RunProblem& p : problems)
        list.push_back({{"path", p.path}, {"message", p.message}});
      out_ << ",\n  \"problems\": ";
      write_inline(list);
    }
    out_ << ",\n  \"summary\": ";
    write_inline(counts_json(total_));
    out_ << "\n}\n";
  }

 private:
  bool audit() const { return info_.command == "audit"; }

  void write_inline(const ordered_json& value) {
    for (char c : dump(value)) {
      out_ << c;
      if (c == '\n') out_ << "  ";
    }
  }

  RunInfo info_;
  std::ostream& out_;
  bool first_ = true;
  render::Counts total_;
};

}  // namespace

std::unique_ptr<Sink> make_json_sink(const RunInfo& info, std::ostream& out) {
  return std::make_unique<JsonSink>(info, out);
}

}  // namespace oblige::reporters
