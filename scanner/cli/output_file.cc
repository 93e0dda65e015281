#include "scanner/cli/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ext/stdio_filebuf.h>
#include <iostream>
#include <vector>

namespace oblige::cli {
namespace {

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string name_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

ReportOutput::~ReportOutput() {
  file_.reset();
  buffer_.reset();
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

bool ReportOutput::open(const std::string& path, bool quiet, std::ostream& err) {
  path_ = path;
  if (path.empty()) {
    quiet_ = quiet;
    to_stdout_ = !quiet;
    return true;
  }
  struct stat st {};
  int fd = -1;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      err << "oblige: cannot write " << path << ": it is a folder\n";
      return false;
    }
    // A pipe, a terminal, /dev/stdout: write into it as it is.
    fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  } else {
    std::string pattern = folder_of(path) + "/." + name_of(path) + ".oblige-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd >= 0) {
      temp_ = name.data();
      // mkstemp creates 0600; a report is as readable as any file the user makes.
      const mode_t mask = ::umask(0);
      ::umask(mask);
      ::fchmod(fd, 0666 & ~mask);
    }
  }
  if (fd < 0) {
    err << "oblige: cannot write " << path << ": " << std::strerror(errno) << "\n";
    return false;
  }
  fd_ = fd;
  buffer_ = std::make_unique<__gnu_cxx::stdio_filebuf<char>>(fd, std::ios::out | std::ios::binary,
                                                             1 << 16);
  file_ = std::make_unique<std::ostream>(buffer_.get());
  return true;
}

std::ostream& ReportOutput::stream() {
  if (to_stdout_) return std::cout;
  if (file_) return *file_;
  null_.setstate(std::ios::badbit);  // --quiet: written nowhere
  return null_;
}

bool ReportOutput::commit(std::ostream& err) {
  if (quiet_) return true;
  if (to_stdout_) {
    std::cout.flush();
    if (!std::cout) err << "oblige: cannot write the report to standard output\n";
    return static_cast<bool>(std::cout);
  }
  file_->flush();
  const bool written = static_cast<bool>(*file_);
  file_.reset();
  buffer_.reset();  // closes the descriptor
  if (!written) {
    err << "oblige: cannot write " << path_ << "\n";
    return false;
  }
  if (temp_.empty()) return true;
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    err << "oblige: cannot write " << path_ << ": " << std::strerror(errno) << "\n";
    return false;
  }
  temp_.clear();
  return true;
}

}  // namespace oblige::cli
