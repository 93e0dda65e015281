// Listing an open folder with getdents64(): each entry's name and type as
// the file system gives them (d_type), an fstatat() without following links
// only where it gives none (DT_UNKNOWN). "." and ".." are left out; the order
// is the file system's.
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <string_view>
#include <vector>

namespace oblige::walk {

// DT_DIR, DT_REG, DT_LNK, or DT_FIFO for anything else (never opened).
inline unsigned char entry_type(mode_t mode) {
  if (S_ISDIR(mode)) return DT_DIR;
  if (S_ISREG(mode)) return DT_REG;
  if (S_ISLNK(mode)) return DT_LNK;
  return DT_FIFO;
}

// Calls on_entry(std::string_view name, unsigned char type) for each entry of
// the open folder `fd`, reading through `buffer`. Returns 0, or the errno of
// the listing error (entries before it were given).
template <typename OnEntry>
int for_each_entry(int fd, std::vector<char>* buffer, OnEntry&& on_entry) {
  if (buffer->size() < 4096) buffer->resize(32768);
  while (true) {
    const ssize_t n = ::getdents64(fd, buffer->data(), buffer->size());
    if (n == 0) return 0;
    if (n < 0) return errno;
    for (ssize_t at = 0; at < n;) {
      const auto* entry = reinterpret_cast<const dirent64*>(buffer->data() + at);
      at += entry->d_reclen;
      const std::string_view name(entry->d_name);
      if (name == "." || name == "..") continue;
      unsigned char type = entry->d_type;
      if (type != DT_DIR && type != DT_REG && type != DT_LNK) {
        if (type != DT_UNKNOWN) {
          type = DT_FIFO;
        } else {
          struct stat st {};
          if (::fstatat(fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone
          type = entry_type(st.st_mode);
        }
      }
      on_entry(name, type);
    }
  }
}

}  // namespace oblige::walk
