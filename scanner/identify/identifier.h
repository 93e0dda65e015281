// Identifier: scores a normalized text against the signatures.
//
// identify() runs the prefilter, then, for each candidate signature, checks
// its reject and require patterns and looks for every clause. A signature
// whose required patterns are present and enough of whose clauses are found
// is the text of that license (kText, or kAltered when clauses are missing);
// one that is only named is a reference. Among identifications of one family
// over the same text, the best wins; equal scores are reported as ambiguous.
//
// find_generic_clauses() runs the generic detectors (signatures of kind
// "generic") on a text no signature recognised.
#pragma once

#include <string_view>
#include <vector>

#include "scanner/identify/compiled_signatures.h"
#include "scanner/identify/identification.h"

namespace oblige::identify {

std::vector<Identification> identify(std::string_view normalized,
                                     const CompiledSignatures& compiled);

// Outside a model card, a "statement: model-card" signature's text is a
// quotation unless a clause only the full agreement has is found: such
// identifications become references.
void demote_quoted_statements(std::vector<Identification>* ids, const CompiledSignatures& compiled);

// Every generic signature's clause hits, one Identification per generic
// signature with at least one hit.
std::vector<Identification> find_generic_clauses(std::string_view normalized,
                                                 const CompiledSignatures& compiled);

}  // namespace oblige::identify
