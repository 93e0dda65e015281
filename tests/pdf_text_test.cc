// PDF detection and the bounds of PDF text extraction, on PDFs made by the
// tests (support.cc's make_pdf). The PDF bombs are in hostile_text_test.cc.
#include "scanner/text/pdf_text.h"

#include <catch2/catch.hpp>

#include "support.h"

using namespace oblige::text;
using oblige::testing::make_pdf;
using oblige::testing::make_pdf_pages;

TEST_CASE("PDF: the header at the start, or after binary junk, and nowhere else", "[pdf]") {
  CHECK(looks_like_pdf("%PDF-1.7\n..."));
  const std::string macbinary_junk("\0\0\x05MacBinary\x80\x81\0%PDF-1.4\n", 24);
  CHECK(looks_like_pdf(macbinary_junk));
  CHECK(looks_like_pdf("\xFF\xFE\x01junk%PDF-2.0\n"));
  // Text that quotes a header is text, wherever the quote is.
  CHECK_FALSE(looks_like_pdf("---\nlicense: mit\n---\n%PDF-1.7 files are read.\n"));
  CHECK_FALSE(looks_like_pdf("Reads PDF files (%PDF-1.4 to %PDF-2.0).\n"));
  CHECK_FALSE(looks_like_pdf("%PDF-"));
  CHECK_FALSE(looks_like_pdf("%PDF-x\n"));
  CHECK_FALSE(looks_like_pdf(std::string(1100, ' ') + std::string("\0%PDF-1.4", 9)));
}

TEST_CASE("PDF: a page of text is extracted in full", "[pdf]") {
  const PdfText pdf = extract_pdf_text(make_pdf("Licensed under the Apache License\nVersion 2.0"));
  CHECK(pdf.status == PdfStatus::kOk);
  CHECK(pdf.page_count == 1);
  CHECK(pdf.pages_read == 1);
  CHECK(pdf.utf8.find("Licensed under the Apache License") != std::string::npos);
  CHECK(pdf.message.empty());
}

TEST_CASE("PDF: damaged and empty PDFs are unreadable, with the reason", "[pdf]") {
  const PdfText truncated = extract_pdf_text(make_pdf("text").substr(0, 120));
  CHECK(truncated.status == PdfStatus::kUnreadable);
  CHECK_FALSE(truncated.message.empty());
  const PdfText blank = extract_pdf_text(make_pdf(""));
  CHECK(blank.status == PdfStatus::kUnreadable);
  CHECK(blank.message.find("no extractable text") != std::string::npos);
}

TEST_CASE("PDF: the text budget cuts, with what was read and why", "[pdf]") {
  std::string text;
  for (int i = 0; i < 60; ++i)
    text += "Line " + std::to_string(i) + " of a long license agreement.\n";
  PdfLimits limits;
  limits.max_text_bytes = 100;
  const PdfText pdf = extract_pdf_text(make_pdf(text), limits);
  CHECK(pdf.status == PdfStatus::kTruncated);
  CHECK(pdf.limit == PdfLimit::kText);
  CHECK(pdf.pages_read == 0);
  CHECK(pdf.utf8.empty());
  CHECK(pdf.message.find("exceeds the limit of 100 bytes") != std::string::npos);
  CHECK(std::string(pdf_limit_name(pdf.limit)) == "text");
}

TEST_CASE("PDF: whole pages within the budget are kept, the page cap cuts too", "[pdf]") {
  std::vector<std::string> pages;
  for (int p = 1; p <= 5; ++p) pages.push_back("Page " + std::to_string(p) + " of the agreement.");
  const std::string pdf = make_pdf_pages(pages);
  const PdfText all = extract_pdf_text(pdf);
  CHECK(all.status == PdfStatus::kOk);
  CHECK(all.page_count == 5);
  CHECK(all.utf8.find("Page 5 of the agreement.") != std::string::npos);

  PdfLimits budget;
  budget.max_text_bytes = 70;  // two pages of 26 bytes and their line breaks, not three
  const PdfText two = extract_pdf_text(pdf, budget);
  CHECK(two.status == PdfStatus::kTruncated);
  CHECK(two.limit == PdfLimit::kText);
  CHECK(two.pages_read == 2);
  CHECK(two.utf8.find("Page 2 of") != std::string::npos);
  CHECK(two.utf8.find("Page 3 of") == std::string::npos);
  CHECK(two.message.find("only the first 2 of 5 pages were read") != std::string::npos);

  PdfLimits cap;
  cap.max_pages = 3;
  const PdfText three = extract_pdf_text(pdf, cap);
  CHECK(three.status == PdfStatus::kTruncated);
  CHECK(three.limit == PdfLimit::kPages);
  CHECK(three.pages_read == 3);
  CHECK(three.message.find("more than 3 pages") != std::string::npos);
}
