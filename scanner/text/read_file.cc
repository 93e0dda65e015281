#include "scanner/text/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "scanner/text/pdf_text.h"
#include "scanner/text/sha256.h"

namespace oblige::text {

ReadResult read_failure(ReadResult::Status status, std::string message) {
  ReadResult r;
  r.status = status;
  r.message = std::move(message);
  return r;
}

std::string too_large_message(std::uintmax_t max_size) {
  return "larger than the limit of " + std::to_string(max_size) + " bytes; not read";
}

ReadResult read_text_fd(int fd, std::uintmax_t max_size) {
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return read_failure(ReadResult::Status::kUnreadable, std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    return read_failure(ReadResult::Status::kSpecialFile,
                        "is a FIFO, socket, device or folder, not a regular file; not read");
  // A file the size of a model is not read at all.
  if (static_cast<std::uintmax_t>(st.st_size) > max_size)
    return read_failure(ReadResult::Status::kTooLarge, too_large_message(max_size));
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return read_failure(ReadResult::Status::kUnreadable,
                          std::string("read error: ") + std::strerror(errno));
    if (n == 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
    if (bytes.size() > max_size)
      return read_failure(ReadResult::Status::kTooLarge, too_large_message(max_size));
  }
  return read_text_bytes(std::move(bytes), max_size);
}

ReadResult read_text_file(const boost::filesystem::path& path, std::uintmax_t max_size) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return read_failure(ReadResult::Status::kUnreadable, std::strerror(errno));
  ReadResult r = read_text_fd(fd, max_size);
  ::close(fd);
  return r;
}

ReadResult read_text_prefix_bytes(std::string_view bytes, std::size_t max_bytes) {
  std::string_view prefix = bytes.substr(0, max_bytes);
  if (prefix.size() < bytes.size()) {
    const std::size_t end = prefix.rfind('\n');
    prefix = prefix.substr(0, end == std::string_view::npos ? 0 : end + 1);
  }
  if (looks_like_pdf(prefix))
    return read_failure(ReadResult::Status::kBinary, "is a PDF, not a model card");
  ReadResult result;
  result.text = decode(prefix);
  if (result.text.encoding == Encoding::kBinary ||
      (prefix.size() > 64 && result.text.replaced * 10 > prefix.size()))
    return read_failure(ReadResult::Status::kBinary, "holds binary data, not text; not scanned");
  return result;
}

ReadResult read_text_prefix_fd(int fd, std::size_t max_bytes) {
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return read_failure(ReadResult::Status::kUnreadable, std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    return read_failure(ReadResult::Status::kSpecialFile,
                        "is a FIFO, socket, device or folder, not a regular file; not read");
  std::string bytes(max_bytes + 1, '\0');
  std::size_t have = 0;
  while (have < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + have, bytes.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return read_failure(ReadResult::Status::kUnreadable,
                          std::string("read error: ") + std::strerror(errno));
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  bytes.resize(have);
  return read_text_prefix_bytes(bytes, max_bytes);
}

ReadResult read_text_bytes(std::string bytes, std::uintmax_t max_size) {
  if (bytes.size() > max_size)
    return read_failure(ReadResult::Status::kTooLarge, too_large_message(max_size));
  ReadResult result;
  result.sha256 = sha256_hex(bytes);
  if (looks_like_pdf(bytes)) {
    PdfLimits limits;
    limits.max_text_bytes =
        static_cast<std::size_t>(max_size);  // --max-file-size bounds the text too
    PdfText pdf = extract_pdf_text(bytes, limits);
    if (pdf.status == PdfStatus::kUnreadable)
      return read_failure(ReadResult::Status::kPdfUnreadable, pdf.message);
    if (pdf.status == PdfStatus::kTruncated) {
      result = read_failure(ReadResult::Status::kPdfTruncated, pdf.message);
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
    return read_failure(ReadResult::Status::kBinary, "holds binary data, not text; not scanned");
  return result;
}

}  // namespace oblige::text
