// Reading a candidate, whichever way the walk found it: bytes already in
// memory, a git blob fetched on demand, or a file opened once, below the
// folder it was found in, with no symbolic link allowed on the way
// (safe_open.h), then checked with fstat() (a regular file within the size
// limit) before a byte is read.
#pragma once

#include <cstdint>

#include "scanner/text/read_file.h"
#include "scanner/walk/walker.h"

namespace oblige::walk {

text::ReadResult read_candidate(const Candidate& candidate, std::uintmax_t max_size);

// The first `max_bytes` of a candidate too large to read whole, cut after a
// line (text::read_text_prefix_fd). A git blob is inflated whole to take
// its head, so only one of at most 16 MB has one (larger: kTooLarge).
text::ReadResult read_candidate_prefix(const Candidate& candidate, std::size_t max_bytes);

}  // namespace oblige::walk
