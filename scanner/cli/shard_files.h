// Shard files: the outputs of `oblige audit --shard I/N` (JSON Lines, or
// JSON), read back for `oblige merge`. open_shards() reads every file once
// to check it (each line a record, the summary line last, every shard of
// one audit there exactly once, no model twice); each_model() then reads
// them again and hands the models on in the order of the unsharded audit
// (a k-way merge on ModelIdentity::order), one at a time for JSON Lines.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "reporters/sink.h"
#include "scanner/render/rendered.h"

namespace oblige::cli {

class ShardFile;

class ShardSet {
 public:
  ShardSet();
  ~ShardSet();
  ShardSet(ShardSet&&) noexcept;
  // False, with a message on `err`, when a file is missing, malformed,
  // incomplete or not a part of the same audit as the others.
  bool open(const std::vector<std::string>& files, std::ostream& err);
  const std::string& root() const { return root_; }
  // The cache's problems, each once, sorted.
  const std::vector<reporters::RunProblem>& problems() const { return problems_; }
  // False, with a message, when a file changed since open().
  bool each_model(const std::function<void(const render::Target&)>& sink, std::ostream& err);

 private:
  std::vector<std::unique_ptr<ShardFile>> files_;
  std::string root_;
  std::vector<reporters::RunProblem> problems_;
};

// Sorts `problems` and drops repeats (a sharded audit's shards each report
// the cache's own problems).
void normalize_problems(std::vector<reporters::RunProblem>* problems);

}  // namespace oblige::cli
