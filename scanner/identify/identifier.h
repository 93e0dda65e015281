// Identifier: scores a normalized text against the signatures.
//
// identify() works two ways and combines them. By whole-text similarity
// (text_match.h): the reference texts the file holds, placed over the runs of
// words they explain; one text over most of the file makes the file that
// license (kText when nothing substantive is added or missing, kAltered
// otherwise, with the added ranges and the missing clauses), several or a
// small one are embedded (kContains). The clause patterns then confirm the
// version (`require`, `reject`: when they do not fit, the closest version is
// reported with version_certain false) and locate the obligations. By
// patterns alone, as before, for signatures without a fingerprint (the
// model-card statements) and for references: the prefilter, then each
// candidate's reject, require and clause patterns. A pattern match the whole
// text does not support becomes a reference; a reference inside an
// identified text (a list of other licenses) is dropped. A file that holds no
// license gets kUnrecognized, with its closest reference text.
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

// The same, with the parts of the file outside every identified text and the
// clause kinds found there (`with_rest`; identify() leaves them out).
TextIdentification identify_text(std::string_view normalized, const CompiledSignatures& compiled,
                                 bool with_rest = true);

// Outside a model card, a "statement: model-card" signature's text is a
// quotation unless a clause only the full agreement has is found: such
// identifications become references.
void demote_quoted_statements(std::vector<Identification>* ids, const CompiledSignatures& compiled);

// Every generic signature's clause hits, one Identification per generic
// signature with at least one hit.
std::vector<Identification> find_generic_clauses(std::string_view normalized,
                                                 const CompiledSignatures& compiled);

}  // namespace oblige::identify
