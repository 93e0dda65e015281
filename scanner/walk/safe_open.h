// Opening files without following links: the one way a file under a scanned
// root is opened, so that what was checked is what is read.
//
//   open_beneath(base, relative, flags)  opens `relative` ('/'-separated, no
//       "..", no empty or "." components) below the open folder `base`,
//       refusing a symbolic link at every component: the kernel's openat2()
//       with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS where it exists (Linux 5.6),
//       otherwise one openat(O_NOFOLLOW) per component. A component swapped for
//       a link after the walk saw it fails with ELOOP instead of leading out.
//
// Files are opened O_NONBLOCK | O_NOCTTY | O_CLOEXEC: a FIFO swapped in for a
// file opens at once (and fstat() then tells it is no file) instead of
// blocking the scan forever.
#pragma once

#include <string>
#include <string_view>

namespace oblige::walk {

// An owned file descriptor; closed on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_ = -1;
};

// An open folder and its canonical path: a scanned root, or the folder its
// links may lead into (a Hugging Face repository's blobs/).
struct FolderHandle {
  UniqueFd fd;
  std::string path;  // canonical, absolute
};

enum class Resolver {
  kAuto,          // openat2() when the kernel has it, else per component
  kPerComponent,  // always one openat(O_NOFOLLOW) per component
};

// The descriptor, or -errno. `flags` are openat() flags (O_RDONLY, O_DIRECTORY);
// O_NOFOLLOW and O_CLOEXEC are always added.
int open_beneath(int base_fd, std::string_view relative, int flags,
                 Resolver resolver = Resolver::kAuto);

// Flags for reading a file found by a walk.
int file_open_flags();

}  // namespace oblige::walk
