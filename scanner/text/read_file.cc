#include "scanner/text/read_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "scanner/text/pdf_text.h"

namespace oblige::text {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

ReadResult failure(ReadResult::Status status, std::string message) {
  ReadResult r;
  r.status = status;
  r.message = std::move(message);
  return r;
}

}  // namespace

ReadResult read_text_file(const boost::filesystem::path& path, std::uintmax_t max_size) {
  // A file the size of a model is not read at all.
  boost::system::error_code ec;
  const std::uintmax_t size = boost::filesystem::file_size(path, ec);
  if (!ec && size > max_size)
    return failure(ReadResult::Status::kTooLarge,
                   "larger than the limit of " + std::to_string(max_size) + " bytes; not read");
  errno = 0;
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return failure(ReadResult::Status::kUnreadable, std::strerror(errno));
  // Read at most max_size + 1 bytes: the size on disk may be wrong (procfs,
  // a file still growing), what we read is the truth.
  std::string bytes;
  char buffer[65536];
  while (true) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    bytes.append(buffer, n);
    if (bytes.size() > max_size)
      return failure(ReadResult::Status::kTooLarge,
                     "larger than the limit of " + std::to_string(max_size) + " bytes; not read");
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file.get())) return failure(ReadResult::Status::kUnreadable, "read error");
  return read_text_bytes(std::move(bytes), max_size);
}

ReadResult read_text_bytes(std::string bytes, std::uintmax_t max_size) {
  if (bytes.size() > max_size)
    return failure(ReadResult::Status::kTooLarge,
                   "larger than the limit of " + std::to_string(max_size) + " bytes; not read");
  ReadResult result;
  if (looks_like_pdf(bytes)) {
    PdfLimits limits;
    limits.max_text_bytes =
        static_cast<std::size_t>(max_size);  // --max-file-size bounds the text too
    PdfText pdf = extract_pdf_text(bytes, limits);
    if (pdf.status == PdfStatus::kUnreadable)
      return failure(ReadResult::Status::kPdfUnreadable, pdf.message);
    if (pdf.status == PdfStatus::kTruncated) {
      result = failure(ReadResult::Status::kPdfTruncated, pdf.message);
      result.pdf_limit = pdf.limit;
    }
    result.from_pdf = true;
    result.text.utf8 = std::move(pdf.utf8);
    return result;
  }
  result.text = decode(bytes);
  // Mostly undecodable bytes are binary data that happens to have no NULs.
  if (result.text.encoding == Encoding::kBinary ||
      (bytes.size() > 64 && result.text.replaced * 10 > bytes.size()))
    return failure(ReadResult::Status::kBinary, "holds binary data, not text; not scanned");
  return result;
}

}  // namespace oblige::text
