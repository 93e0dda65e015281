#include "scanner/text/pdf_text.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>
#include <vector>

#include "scanner/text/decode.h"

namespace oblige::text {
namespace {

// poppler prints parse warnings of damaged files to stderr; they are turned
// into one finding instead.
void silence(const std::string&, void*) {}

}  // namespace

bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

PdfText extract_pdf_text(std::string_view bytes) {
  static const bool quiet = (poppler::set_debug_error_function(silence, nullptr), true);
  (void)quiet;
  PdfText out;
  std::vector<char> data(bytes.begin(), bytes.end());
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_data(&data));
  if (!doc) {
    out.error = "not a readable PDF (damaged or truncated)";
    return out;
  }
  if (doc->is_locked()) {
    out.error = "the PDF is encrypted";
    return out;
  }
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    const poppler::byte_array text = page->text().to_utf8();
    out.utf8.append(text.begin(), text.end());
    out.utf8.push_back('\n');
  }
  out.utf8 = sanitize_utf8(out.utf8);
  bool has_words = false;
  for (char c : out.utf8) has_words = has_words || !(c == ' ' || c == '\n' || c == '\r' || c == '\f' || c == '\t');
  if (!has_words) {
    out.error = "the PDF holds no extractable text (scanned images?)";
    return out;
  }
  out.ok = true;
  return out;
}

}  // namespace oblige::text
