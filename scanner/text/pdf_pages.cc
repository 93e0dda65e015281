// oblige-pdf.so: poppler, page after page, into the pipe (pdf_pages.h).
#include "scanner/text/pdf_pages.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <string>

namespace oblige::text {
namespace {

// poppler prints parse warnings of damaged files to stderr; the caller turns
// the outcome into one finding instead.
void silence(const std::string&, void*) {}

bool write_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool write_u32(int fd, std::uint32_t value) { return write_all(fd, &value, sizeof value); }

int extract_pages(const char* data, std::size_t size, int max_pages, std::size_t max_text_bytes,
                  int out) {
  if (size > static_cast<std::size_t>(std::numeric_limits<int>::max())) return kPdfExitDamaged;
  poppler::set_debug_error_function(silence, nullptr);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(data, static_cast<int>(size)));
  if (!doc) return kPdfExitDamaged;
  if (doc->is_locked()) return kPdfExitEncrypted;
  const int pages = doc->pages();
  if (!write_u32(out, static_cast<std::uint32_t>(pages))) return kPdfExitFailed;
  std::size_t sent = 0;
  for (int i = 0; i < pages && i < max_pages && sent <= max_text_bytes; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    poppler::byte_array text;
    if (page) text = page->text().to_utf8();
    if (!write_u32(out, static_cast<std::uint32_t>(text.size())) ||
        !write_all(out, text.data(), text.size()))
      return kPdfExitFailed;
    sent += text.size() + 1;
  }
  return kPdfExitDone;
}

}  // namespace
}  // namespace oblige::text

extern "C" __attribute__((visibility("default"))) int oblige_pdf_extract_pages(
    const char* data, std::size_t size, int max_pages, std::size_t max_text_bytes, int out) {
  try {
    return oblige::text::extract_pages(data, size, max_pages, max_text_bytes, out);
  } catch (const std::bad_alloc&) {
    return oblige::text::kPdfExitOutOfMemory;
  } catch (...) {
    return oblige::text::kPdfExitFailed;
  }
}
