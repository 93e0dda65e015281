// PDF text: several vendors publish their agreement only as a PDF (Baichuan,
// BAAI Aquila, vivo BlueLM). extract_pdf_text() pulls the text out with
// poppler-cpp, page after page, as UTF-8.
//
// A PDF is a program as much as a document: a 3 KB file can hold a stream
// that inflates to a gigabyte, and 4,000 pages can share one content stream.
// poppler offers no way to stop a page half-way, so the extraction runs in a
// forked child process that the operating system bounds (PdfLimits): the
// memory it may add to what it inherits (RLIMIT_DATA, RLIMIT_AS), its CPU
// time (RLIMIT_CPU) and, watched by the parent, its wall-clock time. The
// child sends the text page by page through a pipe; the parent stops reading
// at the text budget and the page cap, and kills the child. What was cut is
// reported as kTruncated with the limit that cut it, the text of the pages
// read before and a message; the caller decides whether to use that partial
// text (a license text that stops half-way is not "the text of" anything).
//
// Costs: one fork() per PDF (about a millisecond for a scanner of 50 MB), and
// poppler's start-up in the child. poppler lives in the module oblige-pdf.so
// (module_loader.h), loaded on the first PDF; none of it runs in the scanning
// process itself. Linux and glibc only (fork, setrlimit, /proc/self/status).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace oblige::text {

struct PdfLimits {
  std::size_t max_text_bytes = 16u << 20;  // UTF-8 text of all pages together
  int max_pages = 1000;
  std::size_t max_memory_bytes = 48u << 20;  // memory the child may add (pdftotext
                                             // needs 11 MB for the largest agreement)
  int cpu_seconds = 3;
  int wall_seconds = 10;  // a child that sleeps or deadlocks
};

enum class PdfStatus {
  kOk,          // every page read
  kTruncated,   // a limit stopped the extraction (see PdfText::limit)
  kUnreadable,  // damaged, encrypted, without text, or poppler failed
};

enum class PdfLimit { kNone, kText, kPages, kMemory, kTime };

const char* pdf_limit_name(PdfLimit limit);  // "text", "pages", "memory", "time"

struct PdfText {
  PdfStatus status = PdfStatus::kUnreadable;
  PdfLimit limit = PdfLimit::kNone;  // when kTruncated
  std::string utf8;                  // the pages read (all of them when kOk)
  std::string message;               // why, when not kOk
  int page_count = 0;                // pages in the document, when it loaded
  int pages_read = 0;
};

// True when the bytes are a PDF: "%PDF-" and a version digit at the start,
// or after binary junk (a MacBinary header, a NUL-padded prefix) within the
// first kilobyte, which readers accept. A text that only mentions "%PDF-1.7"
// is not a PDF.
bool looks_like_pdf(std::string_view bytes);

PdfText extract_pdf_text(std::string_view bytes, const PdfLimits& limits = PdfLimits{});

}  // namespace oblige::text
