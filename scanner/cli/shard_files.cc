#include "scanner/cli/shard_files.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "reporters/target_record.h"
#include "scanner/render/escape.h"
#include "scanner/scan/shard.h"

namespace oblige::cli {

using nlohmann::json;

// One shard's file: its summary, and its models read one at a time.
class ShardFile {
 public:
  explicit ShardFile(std::string path) : path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  std::string shown() const { return render::escape_control(path_); }
  const json& summary() const { return summary_; }

  // Reads the whole file once, checking every model, and keeps its summary.
  // `orders` collects the models' places (a place seen twice is an error).
  bool check(std::set<std::size_t>* orders, std::string* error) {
    std::ifstream in(path_, std::ios::binary);
    if (!in) return fail("cannot be read", error);
    std::string first;
    std::getline(in, first);
    const json line = json::parse(first, nullptr, false);
    lines_ = line.is_object() && line.contains("type");
    if (!lines_) {
      in.clear();
      in.seekg(0);
      whole_ = json::parse(in, nullptr, false);
      if (!whole_.is_object() || whole_.value("tool", "") != "oblige" ||
          !whole_.contains("models") || !whole_["models"].is_array())
        return fail("is not the JSON Lines or JSON output of oblige audit", error);
      summary_ = {{"root", whole_.value("root", "")},
                  {"version", whole_.value("version", "")},
                  {"shard", whole_.value("shard", json(nullptr))},
                  {"problems", whole_.value("problems", json::array())}};
      for (const json& m : whole_["models"])
        if (!check_model(m, orders, error)) return false;
      return true;
    }
    in.clear();
    in.seekg(0);
    std::string text;
    std::size_t number = 0, models = 0;
    while (std::getline(in, text)) {
      ++number;
      if (!summary_.is_null()) return fail("has lines after its summary line", error);
      const json j = json::parse(text, nullptr, false);
      const std::string type = j.is_object() ? j.value("type", "") : "";
      if (type == "summary") {
        summary_ = j;
      } else if (type == "model") {
        if (!check_model(j, orders, error)) return false;
        ++models;
      } else {
        return fail("line " + std::to_string(number) + " is not a model of an oblige audit", error);
      }
    }
    if (summary_.is_null())
      return fail("has no summary line: the audit that wrote it did not finish", error);
    if (summary_.value("command", "") != "audit")
      return fail("is not the output of an audit", error);
    if (summary_.value("targets", std::size_t{0}) != models)
      return fail("holds fewer models than its summary line says", error);
    return true;
  }

  void rewind() {
    if (lines_) {
      stream_ = std::make_unique<std::ifstream>(path_, std::ios::binary);
    }
    index_ = 0;
  }

  // The next model, or false at the end (`error` set when the file is bad).
  bool next(render::Target* t, std::string* error) {
    if (!lines_) {
      const json& models = whole_["models"];
      if (index_ >= models.size()) return false;
      if (!reporters::read_target_record(models[index_++], t, error)) return false;
      if (!t->model) *error = shown() + " holds a target that is not an audited model";
      return error->empty();
    }
    std::string text;
    while (std::getline(*stream_, text)) {
      const json j = json::parse(text, nullptr, false);
      if (!j.is_object() || j.value("type", "") != "model") continue;
      if (!reporters::read_target_record(j, t, error)) return false;
      if (!t->model) *error = shown() + " holds a target that is not an audited model";
      return error->empty();
    }
    return false;
  }

 private:
  bool fail(const std::string& why, std::string* error) const {
    *error = shown() + " " + why;
    return false;
  }

  bool check_model(const json& j, std::set<std::size_t>* orders, std::string* error) const {
    render::Target t;
    std::string why;
    if (!reporters::read_target_record(j, &t, &why)) return fail(why, error);
    if (!t.model) return fail("holds a target that is not an audited model", error);
    if (!orders->insert(t.model->order).second)
      return fail("repeats the model " + t.model->repo_id + " of another file", error);
    return true;
  }

  std::string path_;
  bool lines_ = true;
  json whole_;  // a JSON report, whole
  json summary_;
  std::unique_ptr<std::ifstream> stream_;
  std::size_t index_ = 0;
};

ShardSet::ShardSet() = default;
ShardSet::~ShardSet() = default;
ShardSet::ShardSet(ShardSet&&) noexcept = default;

void normalize_problems(std::vector<reporters::RunProblem>* problems) {
  const auto key = [](const reporters::RunProblem& p) { return std::tie(p.path, p.message); };
  std::sort(problems->begin(), problems->end(),
            [&](const auto& a, const auto& b) { return key(a) < key(b); });
  problems->erase(std::unique(problems->begin(), problems->end(),
                              [&](const auto& a, const auto& b) { return key(a) == key(b); }),
                  problems->end());
}

bool ShardSet::open(const std::vector<std::string>& paths, std::ostream& err) {
  std::set<std::size_t> orders;
  std::set<unsigned> indexes;
  unsigned count = 0;
  std::string version;
  for (const std::string& path : paths) {
    auto file = std::make_unique<ShardFile>(path);
    std::string error;
    if (!file->check(&orders, &error)) {
      err << "oblige: " << error << "\n";
      return false;
    }
    const json& s = file->summary();
    const std::string root = s.value("root", "");
    if (files_.empty()) {
      root_ = root;
      version = s.value("version", "");
    } else if (root != root_ || s.value("version", "") != version) {
      err << "oblige: " << file->shown() << " is from another audit (root "
          << render::escape_control(root) << ", oblige "
          << render::escape_control(s.value("version", "")) << ") than " << files_.front()->shown()
          << "\n";
      return false;
    }
    // "I/N", or null for a whole audit.
    scan::Shard shard;
    if (s.contains("shard") && !s["shard"].is_null() &&
        !(s["shard"].is_string() && scan::parse_shard(s["shard"].get<std::string>(), &shard))) {
      err << "oblige: " << file->shown() << " names no shard I/N in its summary\n";
      return false;
    }
    const unsigned index = shard.index + 1, n = shard.count;
    if ((count && n != count) || !indexes.insert(index).second) {
      err << "oblige: " << file->shown() << " is not another shard of the same split (shard "
          << (shard.all() ? "none" : std::to_string(index) + "/" + std::to_string(n)) << ")\n";
      return false;
    }
    count = n;
    for (const json& p : s.value("problems", json::array()))
      if (p.is_object()) problems_.push_back({p.value("path", ""), p.value("message", "")});
    files_.push_back(std::move(file));
  }
  if (count > 1 && indexes.size() != count) {
    std::string missing;
    for (unsigned i = 1; i <= count; ++i)
      if (!indexes.count(i))
        missing += (missing.empty() ? "" : ", ") + std::to_string(i) + "/" + std::to_string(count);
    err << "oblige: shards missing: " << missing << "\n";
    return false;
  }
  normalize_problems(&problems_);
  return true;
}

bool ShardSet::each_model(const std::function<void(const render::Target&)>& sink,
                          std::ostream& err) {
  struct Head {
    bool live = false;
    render::Target target;
  };
  std::vector<Head> heads(files_.size());
  std::string error;
  const auto advance = [&](std::size_t i) {
    heads[i].live = files_[i]->next(&heads[i].target, &error);
    return error.empty();
  };
  for (std::size_t i = 0; i < files_.size(); ++i) {
    files_[i]->rewind();
    if (!advance(i)) break;
  }
  while (error.empty()) {
    std::size_t best = files_.size();
    for (std::size_t i = 0; i < heads.size(); ++i)
      if (heads[i].live &&
          (best == files_.size() || heads[i].target.model->order < heads[best].target.model->order))
        best = i;
    if (best == files_.size()) return true;
    sink(heads[best].target);
    advance(best);
  }
  err << "oblige: " << error << " (changed while merged?)\n";
  return false;
}

}  // namespace oblige::cli
