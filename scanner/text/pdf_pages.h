// The part of PDF extraction that runs poppler, in the module oblige-pdf.so
// (module_loader.h): called in the forked child of pdf_text.cc, it writes a
// 4-byte page count once the document is loaded, then one frame per page (a
// 4-byte length and the page's UTF-8 text) to `out`, and returns the child's
// exit status.
#pragma once

#include <cstddef>

namespace oblige::text {

inline constexpr int kPdfExitDone = 0;
inline constexpr int kPdfExitDamaged = 3;
inline constexpr int kPdfExitEncrypted = 4;
inline constexpr int kPdfExitOutOfMemory = 5;
inline constexpr int kPdfExitFailed = 6;

inline constexpr const char* kPdfModule = "oblige-pdf.so";
inline constexpr const char* kPdfEntry = "oblige_pdf_extract_pages";

// Stops after `max_pages` pages or once more than `max_text_bytes` were sent.
using PdfExtractPages = int (*)(const char* data, std::size_t size, int max_pages,
                                std::size_t max_text_bytes, int out);

}  // namespace oblige::text
