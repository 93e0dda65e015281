// Reading a candidate file: bytes from disk to UTF-8 text, whatever the
// encoding, or a clear reason why not. `max_size` bounds the bytes read and,
// for a PDF, the text extracted from it (see pdf_text.h for its other limits).
#pragma once

#include <boost/filesystem.hpp>
#include <cstdint>
#include <string>

#include "scanner/text/decode.h"
#include "scanner/text/pdf_text.h"

namespace oblige::text {

struct ReadResult {
  enum class Status {
    kOk,
    kUnreadable,
    kTooLarge,
    kBinary,
    kPdfUnreadable,
    kPdfTruncated,  // a limit stopped the PDF's extraction: see pdf_limit
  } status = Status::kOk;
  DecodedText text;  // valid when status is kOk; for kPdfTruncated, the
                     // text of the pages read before the cut
  bool from_pdf = false;
  PdfLimit pdf_limit = PdfLimit::kNone;  // what cut a kPdfTruncated PDF
  std::string message;                   // why the file could not be read, or what was cut
};

ReadResult read_text_file(const boost::filesystem::path& path, std::uintmax_t max_size);

// The same, for bytes already in memory (a git blob).
ReadResult read_text_bytes(std::string bytes, std::uintmax_t max_size);

}  // namespace oblige::text
