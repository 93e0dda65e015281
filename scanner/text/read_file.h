// Reading a candidate file: bytes from disk to UTF-8 text, whatever the
// encoding, or a clear reason why not.
#pragma once

#include <cstdint>
#include <string>

#include <boost/filesystem.hpp>

#include "scanner/text/decode.h"

namespace oblige::text {

struct ReadResult {
  enum class Status { kOk, kUnreadable, kTooLarge, kBinary, kPdfUnreadable } status = Status::kOk;
  DecodedText text;        // valid when status is kOk
  bool from_pdf = false;
  std::string message;     // why the file could not be read
};

ReadResult read_text_file(const boost::filesystem::path& path, std::uintmax_t max_size);

// The same, for bytes already in memory (a git blob).
ReadResult read_text_bytes(std::string bytes, std::uintmax_t max_size);

}  // namespace oblige::text
