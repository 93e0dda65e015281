#include "scanner/text/pdf_text.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <new>

#include "scanner/text/decode.h"
#include "scanner/text/fork_guard.h"
#include "scanner/text/module_loader.h"
#include "scanner/text/pdf_pages.h"

namespace oblige::text {
namespace {

// --- the child: poppler (oblige-pdf.so), writing frames to the pipe ----------
//
// The child writes a 4-byte page count once the document is loaded, then one
// frame per page: a 4-byte length and the page's UTF-8 text (pdf_pages.h). Its
// exit status says how it ended (kPdfExit*); a signal means a limit (SIGXCPU:
// CPU time) or a crash.

// AddressSanitizer's allocator (which poppler's malloc calls reach too)
// keeps freed memory in quarantine and pads every block: its builds get a
// larger memory budget.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kSanitizerOverhead = 8;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr std::size_t kSanitizerOverhead = 8;
#else
constexpr std::size_t kSanitizerOverhead = 1;
#endif
#else
constexpr std::size_t kSanitizerOverhead = 1;
#endif

// This process's address space and its private writable memory (VmSize and
// VmData), in bytes, 0 if unknown: the child starts as a copy of it, so its
// limits are these plus the budget. RLIMIT_DATA is what bounds the memory
// the child can touch (brk, mmap and mprotect to writable all count, also
// inside a malloc arena reserved before the fork); RLIMIT_AS bounds the rest.
struct MemoryUse {
  std::size_t address_space = 0, data = 0;
};

MemoryUse current_memory_use() {
  MemoryUse use;
  const int fd = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return use;
  char buffer[4096] = {};
  const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
  ::close(fd);
  if (n <= 0) return use;
  const auto kilobytes = [&](const char* field) -> std::size_t {
    const char* at = std::strstr(buffer, field);
    if (!at) return 0;
    at += std::strlen(field);
    while (*at == ' ' || *at == '\t') ++at;
    std::size_t kb = 0;
    for (; *at >= '0' && *at <= '9'; ++at) kb = kb * 10 + static_cast<std::size_t>(*at - '0');
    return kb * 1024;
  };
  use.address_space = kilobytes("VmSize:");
  use.data = kilobytes("VmData:");
  return use;
}

void limit(int resource, rlim_t soft, rlim_t hard) {
  const rlimit r{soft, hard};
  ::setrlimit(resource, &r);
}

[[noreturn]] void run_child(std::string_view bytes, const PdfLimits& limits, MemoryUse base,
                            int out, PdfExtractPages extract_pages) {
  // Only fd 3 (the pipe) stays open besides stdin/stdout; stderr goes to
  // /dev/null so neither poppler nor an abort() writes into the report.
  if (out != 3) {
    ::dup2(out, 3);
    out = 3;
  }
  ::close_range(4, ~0u, 0);
  const int null = ::open("/dev/null", O_WRONLY);
  if (null >= 0) ::dup2(null, 2);
  if (null > 2) ::close(null);
  limit(RLIMIT_CORE, 0, 0);
  limit(RLIMIT_CPU, static_cast<rlim_t>(limits.cpu_seconds),
        static_cast<rlim_t>(limits.cpu_seconds + 1));
  const std::size_t budget = limits.max_memory_bytes * kSanitizerOverhead;
  if (base.data > 0) limit(RLIMIT_DATA, base.data + budget, base.data + budget);
  if (base.address_space > 0)
    limit(RLIMIT_AS, base.address_space + 2 * budget, base.address_space + 2 * budget);
  ::_exit(extract_pages(bytes.data(), bytes.size(), limits.max_pages, limits.max_text_bytes,
                        out));  // no atexit handlers, no flushing of the parent's buffers
}

// --- the parent: reading frames within the budget ----------------------------

class FrameReader {
 public:
  FrameReader(int fd, const PdfLimits& limits, PdfText* out)
      : fd_(fd),
        limits_(limits),
        out_(out),
        deadline_(std::chrono::steady_clock::now() + std::chrono::seconds(limits.wall_seconds)) {}

  // Reads until the child is done, a limit is reached (out_->limit set) or
  // the pipe breaks. True when the stream ended cleanly.
  bool run() {
    std::uint32_t count = 0;
    if (!read_exact(&count, sizeof count)) return false;
    out_->page_count = static_cast<int>(count);
    while (out_->pages_read < out_->page_count) {
      if (out_->pages_read >= limits_.max_pages) return stop(PdfLimit::kPages);
      std::uint32_t size = 0;
      if (!read_exact(&size, sizeof size)) return false;
      if (out_->utf8.size() + size + 1 > limits_.max_text_bytes) return stop(PdfLimit::kText);
      const std::size_t at = out_->utf8.size();
      out_->utf8.resize(at + size);
      if (!read_exact(out_->utf8.data() + at, size)) {
        out_->utf8.resize(at);
        return false;
      }
      out_->utf8.push_back('\n');
      ++out_->pages_read;
    }
    return true;
  }

 private:
  bool stop(PdfLimit limit) {
    out_->limit = limit;
    return false;
  }

  bool read_exact(void* data, std::size_t size) {
    char* p = static_cast<char*>(data);
    while (size > 0) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline_ - std::chrono::steady_clock::now());
      if (left.count() <= 0) return stop(PdfLimit::kTime);
      pollfd pfd{fd_, POLLIN, 0};
      const int ready = ::poll(&pfd, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0) return false;
      if (ready == 0) return stop(PdfLimit::kTime);
      const ssize_t n = ::read(fd_, p, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;  // the child is gone
      p += n;
      size -= static_cast<std::size_t>(n);
    }
    return true;
  }

  int fd_;
  const PdfLimits& limits_;
  PdfText* out_;
  std::chrono::steady_clock::time_point deadline_;
};

std::string megabytes(std::size_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// The limit the child ran into, from how it ended.
PdfLimit limit_of_exit(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    const int sig = WTERMSIG(wait_status);
    if (sig == SIGXCPU) return PdfLimit::kTime;
    // poppler's allocator aborts when memory runs out.
    if (sig == SIGABRT) return PdfLimit::kMemory;
  }
  if (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == kPdfExitOutOfMemory)
    return PdfLimit::kMemory;
  return PdfLimit::kNone;
}

std::string limit_message(const PdfText& r, const PdfLimits& limits) {
  switch (r.limit) {
    case PdfLimit::kText:
      return "its text exceeds the limit of " + std::to_string(limits.max_text_bytes) + " bytes";
    case PdfLimit::kPages:
      return "it has more than " + std::to_string(limits.max_pages) + " pages";
    case PdfLimit::kMemory:
      return "reading it needs more than " + megabytes(limits.max_memory_bytes) + " of memory";
    case PdfLimit::kTime:
      return "reading it takes more than " + std::to_string(limits.cpu_seconds) +
             " s of CPU time (or " + std::to_string(limits.wall_seconds) + " s in all)";
    case PdfLimit::kNone:
      break;
  }
  return "";
}

// Turns what the child sent and how it ended into the result.
void conclude(PdfText* r, bool complete, int wait_status, const PdfLimits& limits) {
  if (r->limit == PdfLimit::kNone && !complete) r->limit = limit_of_exit(wait_status);
  if (r->limit != PdfLimit::kNone) {
    r->status = PdfStatus::kTruncated;
    r->message = "PDF text extraction stopped: " + limit_message(*r, limits) + "; " +
                 (r->pages_read == 0 ? "no page was read"
                                     : "only the first " + std::to_string(r->pages_read) + " of " +
                                           std::to_string(r->page_count) + " pages were read");
    return;
  }
  if (complete) {  // every page arrived, however the child ended after
    r->status = PdfStatus::kOk;
    return;
  }
  const int code = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  r->status = PdfStatus::kUnreadable;
  if (code == kPdfExitDamaged)
    r->message = "not a readable PDF (damaged or truncated)";
  else if (code == kPdfExitEncrypted)
    r->message = "the PDF is encrypted";
  else if (WIFSIGNALED(wait_status))
    r->message = "poppler failed on the PDF (signal " + std::to_string(WTERMSIG(wait_status)) + ")";
  else
    r->message = "poppler failed on the PDF";
}

bool has_words(const std::string& text) {
  for (char c : text)
    if (!(c == ' ' || c == '\n' || c == '\r' || c == '\f' || c == '\t')) return true;
  return false;
}

bool is_text_byte(unsigned char c) {
  return c >= 0x20 || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

}  // namespace

const char* pdf_limit_name(PdfLimit limit) {
  switch (limit) {
    case PdfLimit::kNone:
      return "none";
    case PdfLimit::kText:
      return "text";
    case PdfLimit::kPages:
      return "pages";
    case PdfLimit::kMemory:
      return "memory";
    case PdfLimit::kTime:
      return "time";
  }
  return "none";
}

bool looks_like_pdf(std::string_view bytes) {
  // ISO 32000 puts the header on the first line; readers (Acrobat, poppler)
  // look for it in the first 1024 bytes, to skip junk such as a MacBinary
  // header. Junk is binary: a text that quotes a header is still text.
  const std::string_view head = bytes.substr(0, 1024);
  for (std::size_t at = head.find("%PDF-"); at != std::string_view::npos;
       at = head.find("%PDF-", at + 1)) {
    if (at + 5 >= bytes.size() || bytes[at + 5] < '1' || bytes[at + 5] > '9') continue;
    const std::string_view junk = head.substr(0, at);
    bool binary = !is_valid_utf8(junk);
    for (char c : junk)
      binary = binary || !is_text_byte(static_cast<unsigned char>(c)) || c == '\x7F';
    return at == 0 || binary;
  }
  return false;
}

PdfText extract_pdf_text(std::string_view bytes, const PdfLimits& limits) {
  PdfText out;
  // Loaded here, in the parent and before any fork, so that no child starts
  // while another thread holds the dynamic loader's lock.
  std::string missing;
  const auto extract_pages =
      reinterpret_cast<PdfExtractPages>(module_symbol(kPdfModule, kPdfEntry, &missing));
  if (!extract_pages) {
    out.message = "PDF text cannot be read: " + missing;
    return out;
  }
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    out.message = std::string("cannot start PDF extraction: ") + std::strerror(errno);
    return out;
  }
  const MemoryUse base = current_memory_use();
  pid_t child;
  {
    const std::lock_guard<std::mutex> lock(fork_guard());
    child = ::fork();
  }
  if (child == 0) {
    ::close(fds[0]);
    run_child(bytes, limits, base, fds[1], extract_pages);
  }
  ::close(fds[1]);
  if (child < 0) {
    out.message = std::string("cannot start PDF extraction: ") + std::strerror(errno);
    ::close(fds[0]);
    return out;
  }
  FrameReader reader(fds[0], limits, &out);
  const bool complete = reader.run();
  if (!complete) ::kill(child, SIGKILL);
  ::close(fds[0]);
  int wait_status = 0;
  while (::waitpid(child, &wait_status, 0) < 0 && errno == EINTR) {
  }
  conclude(&out, complete, wait_status, limits);
  if (out.status == PdfStatus::kOk && !has_words(out.utf8)) {
    out.status = PdfStatus::kUnreadable;
    out.message = "the PDF holds no extractable text (scanned images?)";
  }
  out.utf8 = sanitize_utf8(out.utf8);
  return out;
}

}  // namespace oblige::text
