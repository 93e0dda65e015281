// libFuzzer: any bytes as a candidate file. A PDF goes to the bounded
// extraction child (with tight limits, so that a mutated bomb costs a second
// at most); anything else to decoding. Invariants: the text is valid UTF-8
// and within its budget, a cut or failed read says why, and no exception
// escapes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "scanner/text/decode.h"
#include "scanner/text/pdf_text.h"
#include "scanner/text/read_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace oblige::text;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  if (looks_like_pdf(bytes)) {
    PdfLimits tight;
    tight.max_text_bytes = 4096;
    tight.max_pages = 8;
    tight.cpu_seconds = 1;
    tight.wall_seconds = 3;
    const PdfText pdf = extract_pdf_text(bytes, tight);
    if (!is_valid_utf8(pdf.utf8)) std::abort();
    if (pdf.utf8.size() > tight.max_text_bytes || pdf.pages_read > tight.max_pages) std::abort();
    if (pdf.status != PdfStatus::kOk && pdf.message.empty()) std::abort();
    if ((pdf.status == PdfStatus::kTruncated) != (pdf.limit != PdfLimit::kNone)) std::abort();
    return 0;
  }
  const ReadResult r = read_text_bytes(bytes, 64 * 1024);
  if (!is_valid_utf8(r.text.utf8)) std::abort();
  if (r.status != ReadResult::Status::kOk && r.message.empty()) std::abort();
  return 0;
}
