#include "scanner/walk/safe_open.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>

namespace oblige::walk {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

// Unknown until the first call; false once the kernel (or a seccomp filter)
// refused the system call.
std::atomic<bool> openat2_works{true};

int open_with_openat2(int base_fd, const std::string& relative, int flags) {
#ifdef SYS_openat2
  open_how how{};
  how.flags = static_cast<unsigned long long>(flags);
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  while (true) {
    const long fd = ::syscall(SYS_openat2, base_fd, relative.c_str(), &how, sizeof how);
    if (fd >= 0) return static_cast<int>(fd);
    // EAGAIN: a concurrent rename made the kernel give up; ENOSYS or EPERM
    // (seccomp): no openat2 here.
    if (errno == EAGAIN) continue;
    if (errno == ENOSYS || errno == EPERM) {
      openat2_works = false;
      return -ENOSYS;
    }
    return -errno;
  }
#else
  (void)base_fd, (void)relative, (void)flags;
  openat2_works = false;
  return -ENOSYS;
#endif
}

int open_per_component(int base_fd, std::string_view relative, int flags) {
  UniqueFd folder;  // the folder reached so far; base_fd before the first
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = relative.find('/', start);
    const std::string name(relative.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (name.empty() || name == "." || name == "..") return -EINVAL;
    const int at = folder.valid() ? folder.get() : base_fd;
    const bool last = slash == std::string_view::npos;
    const int fd =
        ::openat(at, name.c_str(),
                 last ? flags : O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      const int error = errno;
      // O_DIRECTORY | O_NOFOLLOW on a link gives ENOTDIR: say ELOOP, as openat2.
      struct stat st {};
      if (error == ENOTDIR && ::fstatat(at, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISLNK(st.st_mode))
        return -ELOOP;
      return -error;
    }
    if (last) return fd;
    folder = UniqueFd(fd);
    start = slash + 1;
  }
}

}  // namespace

int open_beneath(int base_fd, std::string_view relative, int flags, Resolver resolver) {
  flags |= O_NOFOLLOW | O_CLOEXEC;
  if (relative.empty() || relative.front() == '/') return -EINVAL;
  if (resolver == Resolver::kAuto && openat2_works) {
    const int fd = open_with_openat2(base_fd, std::string(relative), flags);
    if (fd != -ENOSYS) return fd;
  }
  return open_per_component(base_fd, relative, flags);
}

int file_open_flags() { return O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW; }

}  // namespace oblige::walk
