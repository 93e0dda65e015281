// Identification: the answer to "which license is this text?".
//
// Since whole-text similarity (text_match.h), an identification also says how
// close the text is to the license's reference text (`similarity`), how much
// of the file the license explains (`coverage`), what was added or changed
// (`added`, normalized byte ranges; NormalizedText::origin and LineIndex map
// them to lines) and, for a license of the SPDX License List tier, which SPDX
// entry it is (`tier`, `reference`).
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "scanner/identify/similarity_index.h"
#include "scanner/identify/text_match.h"

namespace oblige::identify {

inline constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// Where one clause of a signature was found in a normalized text.
struct ClauseHit {
  std::size_t clause = 0;   // index into Signature::clauses
  std::size_t pattern = 0;  // index into Clause::patterns
  std::size_t begin = 0;    // normalized byte offsets of the match
  std::size_t end = 0;
  std::vector<std::string> captures;  // capture groups of the pattern, in order
};

enum class MatchStatus {
  kText,          // the file is the license's text: nothing substantive added, nothing missing
  kAltered,       // close to the license, with clauses missing or text added or changed
  kContains,      // the license's text is embedded in a larger file, at [begin, end)
  kReference,     // the text names or links to the license without holding it
  kUnrecognized,  // no license fits; `reference` is the closest text, `similarity` how close
};

const char* status_name(MatchStatus status);

// A clause kind found in text no signature explains (an unknown license, or
// text added to a known one), by similarity to the signatures' clauses
// (kind_model.h) or by a generic pattern (signatures/generic.yaml).
struct KindHit {
  std::string kind;
  std::size_t begin = 0, end = 0;  // the sentence, normalized byte offsets
  double score = 0;                // similarity to the nearest example; 1 for a pattern
  std::string example_signature;   // the nearest example: signature file stem and clause id
  std::string example_clause;
  // When a generic pattern found it: the generic signature, and the hit (its
  // captures give the parameters, e.g. the metric and number of a threshold,
  // as obligations::resolve_parameters does for any clause).
  std::size_t generic_signature = kNone;
  ClauseHit generic_hit;
};

struct Identification {
  // Index into SignatureSet::signatures; kNone for a license of the SPDX tier
  // (and for an unrecognized text whose closest reference is in that tier).
  std::size_t signature = 0;
  Tier tier = Tier::kSignature;
  std::size_t reference = kNone;  // the SimilarityIndex entry nearest to the text, if measured
  MatchStatus status = MatchStatus::kText;
  double confidence = 0;  // share of the signature's clauses found, 0..1
  std::vector<ClauseHit> hits;
  std::vector<std::size_t> missing;  // clause indices expected but not found
  std::size_t begin = 0, end = 0;    // normalized range of the evidence (kContains: the license)
  std::vector<std::size_t> ambiguous_with;  // other signatures that fit equally well
  std::vector<std::size_t>
      ambiguous_references;  // other reference texts (either tier) that fit equally

  // Whole-text similarity; `measured` is false for a signature without a
  // fingerprint (the model-card statements) and for references.
  bool measured = false;
  double similarity = 0;  // to the closest reference text, 0..1 (kContains: of the embedded range)
  double coverage = 0;    // share of the file's words this license explains, 0..1
  // False when the text fits the license but not its version or date line
  // (its `require` patterns are missing or a `reject` pattern is present):
  // the closest version is reported, with `added` showing what differs.
  bool version_certain = true;
  std::vector<TextRange> added;        // added or changed text (kText: none substantive)
  std::vector<KindHit> additional;     // clause kinds found in `added`
  std::size_t additional_omitted = 0;  // hits past kMaxHitsPerKind, not kept
};

// Everything identify_text() found: the identifications, and the parts of the
// file no identified text explains (outside every kContains range), with the
// clause kinds found there.
struct TextIdentification {
  std::vector<Identification> ids;
  std::vector<TextRange> rest;
  std::vector<KindHit> rest_kinds;
  std::size_t rest_kinds_omitted = 0;  // hits past kMaxHitsPerKind, not kept
};

}  // namespace oblige::identify
