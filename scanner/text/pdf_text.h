// PDF text: several vendors publish their agreement only as a PDF (Baichuan,
// BAAI Aquila, vivo BlueLM). extract_pdf_text() pulls the text out with
// poppler-cpp, page after page, as UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace oblige::text {

struct PdfText {
  bool ok = false;
  std::string utf8;
  std::string error;  // why it failed, when !ok
};

bool looks_like_pdf(std::string_view bytes);

PdfText extract_pdf_text(std::string_view bytes);

}  // namespace oblige::text
