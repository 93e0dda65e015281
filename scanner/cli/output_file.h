// Where a report goes: standard output, or --output FILE.
//
// A regular file (or a name that does not exist yet) is written atomically:
// into a fresh temporary file created beside it with O_CREAT|O_EXCL (mkstemp:
// never through a link planted at a predictable name), then renamed over
// the target, so a failed run never leaves half a report and a link at the
// target is replaced, not written through. Anything else the user names — a
// pipe (`>(jq .)`), /dev/stdout, a terminal — is written directly, never
// replaced by a regular file.
#pragma once

#include <fstream>
#include <memory>
#include <ostream>
#include <string>

namespace oblige::cli {

class ReportOutput {
 public:
  ~ReportOutput();
  // Opens `path` ("" = standard output; `quiet` = nowhere). False, with a
  // message on `err`, when it cannot.
  bool open(const std::string& path, bool quiet, std::ostream& err);
  std::ostream& stream();
  // Finishes the report: flushes, and renames a temporary file into place.
  bool commit(std::ostream& err);

 private:
  std::string path_, temp_;
  std::unique_ptr<std::ostream> file_;
  std::unique_ptr<std::streambuf> buffer_;
  std::ofstream null_;
  bool to_stdout_ = false, quiet_ = false;
  int fd_ = -1;
};

}  // namespace oblige::cli
