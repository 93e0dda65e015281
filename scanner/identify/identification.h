// Identification: the answer to "which license is this text?".
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace oblige::identify {

// Where one clause of a signature was found in a normalized text.
struct ClauseHit {
  std::size_t clause = 0;    // index into Signature::clauses
  std::size_t pattern = 0;   // index into Clause::patterns
  std::size_t begin = 0;     // normalized byte offsets of the match
  std::size_t end = 0;
  std::vector<std::string> captures;  // capture groups of the pattern, in order
};

enum class MatchStatus {
  kText,       // the license's text, every clause present
  kAltered,    // the license's text with clauses missing
  kReference,  // the text names or links to the license without holding it
};

const char* status_name(MatchStatus status);

struct Identification {
  std::size_t signature = 0;  // index into SignatureSet::signatures
  MatchStatus status = MatchStatus::kText;
  double confidence = 0;      // share of the signature's clauses found, 0..1
  std::vector<ClauseHit> hits;
  std::vector<std::size_t> missing;         // clause indices expected but not found
  std::size_t begin = 0, end = 0;           // normalized range of the evidence
  std::vector<std::size_t> ambiguous_with;  // other signatures that fit equally well
};

}  // namespace oblige::identify
