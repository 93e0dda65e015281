// The fork guard: a lock held around the few calls that take glibc's
// internal locks which a forked child may need again.
//
// PDF text is extracted in a forked child (see pdf_text.h). After fork() only
// the forking thread exists in the child, and any lock another thread held at
// that instant stays locked there for ever. glibc resets its malloc and stdio
// locks in the child, but not the gconv lock that iconv_open() and
// iconv_close() take; poppler-cpp calls both in the child. So decode.cc takes
// this lock around iconv_open/iconv_close, and pdf_text.cc holds it across
// fork(): no other thread is then inside either call.
#pragma once

#include <mutex>

namespace oblige::text {

std::mutex& fork_guard();

}  // namespace oblige::text
