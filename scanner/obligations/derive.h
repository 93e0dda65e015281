// Deriving evidence from identifications: which license a text holds (or
// names), and each clause found, located at its lines, with the signature,
// clause and pattern behind it and its parameters resolved.
//
// Nothing here is put into words: the render step does that.
#pragma once

#include <string>
#include <vector>

#include "scanner/identify/identification.h"
#include "scanner/results/evidence.h"
#include "scanner/signatures/loader.h"
#include "scanner/text/line_index.h"
#include "scanner/text/normalize.h"

namespace oblige::obligations {

// Everything needed to point back into one file.
struct FileContext {
  std::string_view source;                 // the decoded text the lines refer to
  const text::NormalizedText* normalized;  // what the patterns ran on
  const text::LineIndex* lines;
};

// A located span of the file, from normalized offsets.
results::Span locate(const FileContext& file, std::size_t begin, std::size_t end);

// The license an identification found, with every clause it matched.
results::LicenseMatch license_match(const signatures::SignatureSet& set,
                                    const identify::Identification& id, const FileContext& file);

// The clauses an identification matched (for the generic detectors: their
// hits in an unrecognized text).
std::vector<results::ClauseMatch> clause_matches(const signatures::SignatureSet& set,
                                                 const identify::Identification& id,
                                                 const FileContext& file);

// The clauses with a kind of a license that applies without its text being
// here (declared by a model card, inherited from a base model), placed at
// `line` of the card.
std::vector<results::ClauseMatch> implied_clauses(const signatures::Signature& sig,
                                                  std::size_t line);

// Parameters with capture groups filled in: {capture: 1, scale: 1000000}
// becomes a number, "$1" becomes the captured text.
nlohmann::json resolve_parameters(const nlohmann::json& parameters,
                                  const std::vector<std::string>& captures);

}  // namespace oblige::obligations
