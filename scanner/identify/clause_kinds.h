// Clause kinds in text no signature explains: an unknown license, the text
// added to a known one, the rest of a file around an embedded license.
//
// Each sentence of the given ranges (long sentences in overlapping windows of
// 40 words) is scored against the clause-kind model (kind_model.h); every
// kind scoring at least kKindThreshold is a hit at that sentence. The generic
// patterns (signatures/generic.yaml) run over the same ranges, every match
// counted, so each stated threshold comes out with its metric and number. A
// kind found both ways in one sentence is reported once, with the pattern's
// parameters.
#pragma once

#include <string_view>
#include <vector>

#include "scanner/identify/compiled_signatures.h"
#include "scanner/identify/identification.h"

namespace oblige::identify {

// Calibrated by leave-one-out over the corpus (signatures/README.md).
inline constexpr double kKindThreshold = 0.30;
// The hits kept of one kind, the first in the text: a real license states a
// kind a few times; a text repeating one sentence 20,000 times gave 40,000
// findings (28 MB of JSON) and quadratic work after this step.
inline constexpr std::size_t kMaxHitsPerKind = 32;

// `omitted`, when given, counts the hits dropped past kMaxHitsPerKind (at
// least that many: similar sentences past the cap are not counted).
// `exclude_family`: leave out the examples of one license family (for
// measuring on a text whose own signature would otherwise recognise it).
std::vector<KindHit> find_clause_kinds(std::string_view normalized,
                                       const std::vector<TextRange>& ranges,
                                       const CompiledSignatures& compiled,
                                       std::string_view exclude_family = {},
                                       double threshold = kKindThreshold,
                                       std::size_t* omitted = nullptr);

}  // namespace oblige::identify
