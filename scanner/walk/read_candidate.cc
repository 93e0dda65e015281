#include "scanner/walk/read_candidate.h"

#include <fcntl.h>

#include <cerrno>
#include <cstring>

#include "scanner/walk/safe_open.h"

namespace oblige::walk {

using text::ReadResult;

namespace {

constexpr std::uintmax_t kMaxInflatedForPrefix = 16 * 1024 * 1024;

// The candidate's file, opened below its folder without following links; or
// why it could not be (in *failure).
int open_candidate(const Candidate& candidate, ReadResult* failure) {
  const int fd = open_beneath(candidate.base->fd.get(), candidate.relative, file_open_flags());
  if (fd >= 0) return fd;
  const int error = -fd;
  if (error == ELOOP || error == EXDEV)
    *failure =
        text::read_failure(ReadResult::Status::kReplaced,
                           "was replaced by a symbolic link while being scanned; not followed");
  else if (error == ENOENT || error == ENOTDIR)
    *failure = text::read_failure(ReadResult::Status::kReplaced,
                                  "was removed or moved while being scanned");
  else
    *failure = text::read_failure(ReadResult::Status::kUnreadable, std::strerror(error));
  return -1;
}

}  // namespace

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
  ReadResult failure;
  const int fd = open_candidate(candidate, &failure);
  if (fd < 0) return failure;
  const UniqueFd file(fd);
  return text::read_text_fd(file.get(), max_size);
}

text::ReadResult read_candidate_prefix(const Candidate& candidate, std::size_t max_bytes) {
  if (candidate.content) return text::read_text_prefix_bytes(*candidate.content, max_bytes);
  if (candidate.lazy) {
    // A blob is inflated whole or not at all: up to kMaxInflatedForPrefix,
    // so a git source reads the same card heads a folder scan does.
    if (candidate.size > kMaxInflatedForPrefix)
      return text::read_failure(ReadResult::Status::kTooLarge, "not read");
    std::string error;
    const auto bytes = candidate.lazy->bytes(&error);
    if (!bytes) return text::read_failure(ReadResult::Status::kUnreadable, error);
    return text::read_text_prefix_bytes(*bytes, max_bytes);
  }
  ReadResult failure;
  const int fd = candidate.base
                     ? open_candidate(candidate, &failure)
                     : ::open(candidate.path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0 && !candidate.base)
    return text::read_failure(ReadResult::Status::kUnreadable, std::strerror(errno));
  if (fd < 0) return failure;
  const UniqueFd file(fd);
  return text::read_text_prefix_fd(file.get(), max_bytes);
}

}  // namespace oblige::walk
