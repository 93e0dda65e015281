#include "scanner/walk/read_candidate.h"

#include <cerrno>
#include <cstring>

#include "scanner/walk/safe_open.h"

namespace oblige::walk {

using text::ReadResult;

text::ReadResult read_candidate(const Candidate& candidate, std::uintmax_t max_size) {
  if (candidate.content) return text::read_text_bytes(*candidate.content, max_size);
  if (candidate.lazy) {
    // Over the limit: not even inflated.
    if (candidate.size > max_size)
      return text::read_failure(ReadResult::Status::kTooLarge, text::too_large_message(max_size));
    std::string error;
    const auto bytes = candidate.lazy->bytes(&error);
    if (!bytes) return text::read_failure(ReadResult::Status::kUnreadable, error);
    return text::read_text_bytes(*bytes, max_size);
  }
  if (!candidate.base) return text::read_text_file(candidate.path, max_size);
  const int fd = open_beneath(candidate.base->fd.get(), candidate.relative, file_open_flags());
  if (fd < 0) {
    const int error = -fd;
    if (error == ELOOP || error == EXDEV)
      return text::read_failure(
          ReadResult::Status::kReplaced,
          "was replaced by a symbolic link while being scanned; not followed");
    if (error == ENOENT || error == ENOTDIR)
      return text::read_failure(ReadResult::Status::kReplaced,
                                "was removed or moved while being scanned");
    return text::read_failure(ReadResult::Status::kUnreadable, std::strerror(error));
  }
  const UniqueFd file(fd);
  return text::read_text_fd(file.get(), max_size);
}

}  // namespace oblige::walk
