// Reading a candidate file: bytes from disk to UTF-8 text, whatever the
// encoding, or a clear reason why not.
//
//   read_text_fd(fd, max)     the file already open (the walk opens it, once,
//                             without following links): fstat() first, so that
//                             only a regular file within `max` bytes is read
//   read_text_bytes(b, max)   bytes already in memory (a git blob)
//   read_text_file(path, max) a path named by the user (links followed)
//
// At most `max` + 1 bytes are ever read: the size fstat() gives may be wrong
// (procfs, a file still growing), what is read is the truth. For a PDF `max`
// also bounds the text extracted from it (see pdf_text.h for its other
// limits).
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
    kUnreadable,  // the open or a read failed (message: why)
    kTooLarge,    // over the size limit: not read at all
    kBinary,
    kPdfUnreadable,
    kPdfTruncated,  // a limit stopped the PDF's extraction: see pdf_limit
    kSpecialFile,   // a FIFO, socket, device or folder where a file was expected
    kReplaced,      // changed while scanned: now a symbolic link, or gone
  } status = Status::kOk;
  DecodedText text;  // valid when status is kOk; for kPdfTruncated, the
                     // text of the pages read before the cut
  bool from_pdf = false;
  PdfLimit pdf_limit = PdfLimit::kNone;  // what cut a kPdfTruncated PDF
  std::string sha256;                    // of the bytes as read (kOk only)
  std::string message;                   // why the file could not be read, or what was cut
};

ReadResult read_text_fd(int fd, std::uintmax_t max_size);

ReadResult read_text_bytes(std::string bytes, std::uintmax_t max_size);

ReadResult read_text_file(const boost::filesystem::path& path, std::uintmax_t max_size);

// The first lines of a text too large to read whole (a model card over the
// limit, for its front matter): at most `max_bytes` from the start of a
// regular file, cut after the last complete line; decoded like a whole text
// (a PDF or binary data is no card: kBinary). No sha256: it is not the file.
ReadResult read_text_prefix_fd(int fd, std::size_t max_bytes);
ReadResult read_text_prefix_bytes(std::string_view bytes, std::size_t max_bytes);

// A result for a file that could not be read.
ReadResult read_failure(ReadResult::Status status, std::string message);

// The message for kTooLarge.
std::string too_large_message(std::uintmax_t max_size);

}  // namespace oblige::text
