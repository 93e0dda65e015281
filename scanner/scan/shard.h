// Shards: a deterministic split of an audit's models over N runs. A
// repository (all its revisions) belongs to shard shard_of(id, N), from a
// stable hash (FNV-1a, 64 bits) of its lower-cased id, so every machine of a
// CI matrix or a Kubernetes Indexed Job computes the same split without
// talking to the others, and every model is in exactly one shard.
#pragma once

#include <cstddef>
#include <string>

namespace oblige::scan {

struct Shard {
  unsigned index = 0;  // 0-based; the command line says index + 1
  unsigned count = 1;  // 1: no sharding
  bool all() const { return count <= 1; }
};

// The shard (0-based, below `count`) of the repository `repo_id`.
unsigned shard_of(const std::string& repo_id, unsigned count);

// Parses "I/N" (1 <= I <= N <= 100000) into `shard`; false when malformed.
bool parse_shard(const std::string& text, Shard* shard);

}  // namespace oblige::scan
