// Loading signatures: from the files embedded in the binary and from folders
// given with --signatures.
//
// A malformed file is an error that names the file and the field
// ("signatures/x.yaml: clauses[2].kind: unknown kind 'atribution'"); loading
// stops at the first error, because a half-loaded signature set would give
// silently wrong answers.
#pragma once

#include <string>
#include <vector>

#include "scanner/signatures/signature.h"

namespace oblige::signatures {

struct SignatureSet {
  std::vector<Signature> signatures;  // sorted by id

  const Signature* find(const std::string& id_or_alias) const;
  // The signature with exactly this id and version (several versions may
  // share an id), else find(id).
  const Signature* find(const std::string& id, const std::string& version) const;
};

struct LoadResult {
  bool ok = true;
  std::string error;
};

// Parses one YAML document. `file` is used in error messages.
LoadResult parse_signature(const std::string& file, const std::string& yaml, Signature* out);

// Checks that every pattern of `sig` compiles with RE2.
LoadResult check_patterns(const Signature& sig);

// Appends the embedded signatures.
LoadResult load_embedded(SignatureSet* set);

// Appends every *.yaml file in `dir` (patterns are checked eagerly).
LoadResult load_directory(const std::string& dir, SignatureSet* set);

// Rejects duplicate ids and aliases, then sorts by id.
LoadResult finalize(SignatureSet* set);

}  // namespace oblige::signatures
