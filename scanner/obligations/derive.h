// Deriving findings from identifications: which license a file holds, and
// the obligation or restriction each matched clause creates, pointing at the
// line of the clause and naming the signature, clause and pattern behind it.
#pragma once

#include <string>
#include <vector>

#include "scanner/findings/finding.h"
#include "scanner/identify/identification.h"
#include "scanner/signatures/loader.h"
#include "scanner/text/line_index.h"
#include "scanner/text/normalize.h"

namespace oblige::obligations {

// Everything needed to point back into one file.
struct FileContext {
  std::string display_path;
  std::string_view source;                 // the decoded text the lines refer to
  const text::NormalizedText* normalized;  // what the patterns ran on
  const text::LineIndex* lines;
};

// A located span of the file, from normalized offsets.
findings::Location locate(const FileContext& file, std::size_t begin, std::size_t end);

// The finding that says which license the file holds (or references).
findings::Finding license_finding(const signatures::SignatureSet& set,
                                  const identify::Identification& id, const FileContext& file);

// One finding per matched clause that carries an obligation kind.
std::vector<findings::Finding> clause_findings(const signatures::SignatureSet& set,
                                               const identify::Identification& id,
                                               const FileContext& file,
                                               const std::string& license_id);

// Parameters with capture groups filled in: {capture: 1, scale: 1000000}
// becomes a number, "$1" becomes the captured text.
nlohmann::json resolve_parameters(const nlohmann::json& parameters,
                                  const std::vector<std::string>& captures);

}  // namespace oblige::obligations
