// Hostile text, end to end: crafted files that once made `oblige scan` burn
// gigabytes and minutes (PDF bombs, a front matter of millions of nodes, a
// base_model listed thousands of times) or give a wrong answer (a stray
// Latin-1 byte, invisible characters, "%PDF-" quoted in a card, a 28-digit
// threshold), and runs under a memory limit. Each test builds its input in a
// temporary folder and runs the real binary.
//
// Time and memory are measured with /usr/bin/time around the real process
// (its maximum resident set includes the PDF child). They are generous
// guards against a hang or a blow-up, not speed tests: the bounds are ten
// to a hundred times below what the bombs cost before.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "scanner/scan/scan.h"
#include "scanner/text/decode.h"
#include "scanner/text/pdf_text.h"
#include "scanner/text/read_file.h"
#include "support.h"
#include "tools/corpus_accuracy.h"

using namespace oblige::testing;
using nlohmann::json;
namespace fs = boost::filesystem;

namespace {

// Sanitizer builds use several times the memory; the memory guard is for
// the release build, the time and outcome checks hold for both.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Measured {
  CommandResult run;
  long max_rss_kb = 0;
  double seconds = 0;
};

// Runs oblige with `args` under /usr/bin/time.
Measured run_measured(const std::vector<std::string>& args, const TempDir& dir) {
  const fs::path stats = dir.path() / "time.txt";
  std::string line =
      "/usr/bin/time -f '%M %e' -o " + quote(stats.string()) + " " + quote(oblige_binary());
  for (const std::string& a : args) line += " " + quote(a);
  Measured m;
  m.run = run_shell(line + " </dev/null");
  std::istringstream(read_file(stats)) >> m.max_rss_kb >> m.seconds;
  fs::remove(stats);
  return m;
}

// The PDF bombs of issue 11, built with Python's zlib.
const char* const kBombScript = R"PY(
import struct, sys, zlib

def deflate_repeated(chunk, times):
    # A zlib stream of `chunk` repeated: each piece is compressed from a reset
    # dictionary (Z_FULL_FLUSH), so one piece can be repeated as it is.
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(times):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + piece * times + c.flush(zlib.Z_FINISH) + struct.pack(">I", adler)

def pdf(objects):
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out

def pages_sharing(content, filters, pages):
    # 1 catalog, 2 page tree, 3 the shared content stream, 4 font, 5... pages
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
               b"<< /Length %d /Filter [%s] >>\nstream\n" % (len(content), filters) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
                       b"/Resources << /Font << /F1 4 0 R >> >> >>")
    return pdf(objects)

kind, path = sys.argv[1], sys.argv[2]
if kind == "inflate":
    # 10 pages share one stream, deflated twice, that inflates to 1 GiB.
    once = deflate_repeated(b"q Q " * (1 << 18), 1024)
    data = pages_sharing(zlib.compress(once, 9), b"/FlateDecode /FlateDecode", 10)
elif kind == "nesting":
    # One page whose 64 MiB stream saves the graphics state again and again.
    data = pages_sharing(zlib.compress(deflate_repeated(b"q " * (1 << 19), 64), 9),
                         b"/FlateDecode /FlateDecode", 1)
else:
    # 4,000 pages share one 300 KB text stream (in a tiny font, so that
    # its lines stay on the page and all of them count as text).
    line = b"(Licensed under the terms of this agreement, page after page.) Tj T*\n"
    text = b"BT /F1 0.1 Tf 36 780 Td 0.15 TL\n" + line * (300000 // len(line)) + b"ET\n"
    data = pages_sharing(zlib.compress(text, 9), b"/FlateDecode", 4000)
open(path, "wb").write(data)
)PY";

fs::path make_bomb(const TempDir& dir, const std::string& kind, const std::string& relative) {
  const fs::path script = dir.write("bombs.py", kBombScript);
  const fs::path out = dir.path() / relative;
  fs::create_directories(out.parent_path());
  const auto r =
      run_shell("python3 " + quote(script.string()) + " " + kind + " " + quote(out.string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  fs::remove(script);
  return out;
}

const json* finding_for(const json& report, const std::string& file, const std::string& words) {
  for (const json& f : report["targets"][0]["findings"])
    if (f["file"] == file && f["message"].get<std::string>().find(words) != std::string::npos)
      return &f;
  return nullptr;
}

bool license_found(const json& report, const std::string& id) {
  for (const json& l : report["targets"][0]["licenses"])
    if (l["id"] == id) return true;
  return false;
}

// A folder with a real license beside the hostile file, scanned as JSON.
json scan_bounded(const TempDir& dir, const std::vector<std::string>& extra = {}) {
  dir.write("LICENSE", read_file(source_dir() + "/samples/qwen-chat/LICENSE"));
  std::vector<std::string> args = {"scan", dir.path().string(), "--format",
                                   "json", "--fail-on",         "none"};
  args.insert(args.end(), extra.begin(), extra.end());
  const Measured m = run_measured(args, dir);
  INFO(m.run.err);
  INFO("max RSS " << m.max_rss_kb << " KB, " << m.seconds << " s");
  REQUIRE(m.run.exit_code == 0);
  CHECK(m.seconds < 20);
  if (!kSanitized) CHECK(m.max_rss_kb < 100 * 1024);
  const json report = json::parse(m.run.out);
  CHECK(license_found(report, "tongyi-qianwen-2023"));
  return report;
}

}  // namespace

TEST_CASE("a license on one 4 MB line with 80,000 clause hits costs linear work",
          "[hostile-text][large-text]") {
  // Each hit used to be checked against every hit before it, and its column
  // counted from the line's start: 37 s for 1.9 MB, minutes for 4 MB.
  TempDir dir;
  const std::string sentence =
      "You may use the model for non-commercial purposes only. You must include a copy of "
      "this license. ";
  std::string text;
  // Just under the default limit (4 MB).
  while (text.size() + sentence.size() < oblige::scan::ScanOptions{}.max_file_size)
    text += sentence;
  dir.write("model/LICENSE", text);
  const json report = scan_bounded(dir);
  const json* restriction = nullptr;
  for (const json& f : report["targets"][0]["findings"])
    if (f["file"] == "model/LICENSE" && f["rule_id"] == "restriction/non-commercial")
      restriction = &f;
  REQUIRE(restriction != nullptr);
  CHECK((*restriction)["line"] == 1);
}

TEST_CASE("the default size limit bounds what the most costly texts can cost",
          "[hostile-text][large-text]") {
  // Just under the limit, the shapes that cost most per byte: the most words
  // (two letters and a space), one word per byte-triple with no sentence end
  // (random Chinese characters), and one clause repeated. 16 MB of them cost
  // 190-290 MB and 5-12 s before the default went from 16 MB to 4 MB.
  const std::size_t limit = oblige::scan::ScanOptions{}.max_file_size;
  std::string words, chinese, clauses;
  while (words.size() + 3 < limit - 64) words += "ab ";
  std::uint32_t seed = 12345;
  while (chinese.size() + 3 < limit - 64) {
    seed = seed * 1103515245u + 12345u;
    const char32_t cp = 0x4E00 + (seed >> 8) % 0x5000;
    chinese += static_cast<char>(0xE0 | (cp >> 12));
    chinese += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    chinese += static_cast<char>(0x80 | (cp & 0x3F));
  }
  const std::string clause = "You may use the model for non-commercial purposes only.\n";
  while (clauses.size() + clause.size() < limit - 64) clauses += clause;
  for (const std::string* text : {&words, &chinese, &clauses}) {
    TempDir dir;
    dir.write("model/LICENSE", *text);
    const json report = scan_bounded(dir);
    CHECK(finding_for(report, "model/LICENSE", "larger than the limit") == nullptr);
  }
  // One byte over: not read, and said so.
  TempDir dir;
  dir.write("model/LICENSE", std::string(limit + 1, 'x'));
  const json report = scan_bounded(dir);
  const json* skipped = finding_for(report, "model/LICENSE", "larger than the limit");
  REQUIRE(skipped != nullptr);
  CHECK((*skipped)["rule_id"] == "scan/too-large");
}

TEST_CASE(
    "a license repeating one clause 20,000 times lists 32 of each kind and says how many more",
    "[hostile-text][large-text]") {
  // 40,000 findings and 28 MB of JSON before, and quadratic work after them.
  TempDir dir;
  std::string text;
  for (int i = 0; i < 20000; ++i)
    text +=
        "You may use the model for non-commercial purposes only. You must include a copy of this "
        "license.\n";
  dir.write("model/LICENSE", text);
  const json report = scan_bounded(dir);
  std::map<std::string, int> per_rule;
  for (const json& f : report["targets"][0]["findings"])
    if (f["file"] == "model/LICENSE") ++per_rule[f["rule_id"]];
  CHECK(per_rule["restriction/non-commercial"] == 32);
  CHECK(per_rule["obligation/include-license-copy"] == 32);
  const json* cut = finding_for(report, "model/LICENSE", "more clause passages were found");
  REQUIRE(cut != nullptr);
  CHECK((*cut)["rule_id"] == "scan/too-large");
  const std::string message = (*cut)["message"];
  const std::size_t count = message.find("at least ");
  REQUIRE(count != std::string::npos);
  // A floor: past the cap a pattern is searched no further.
  CHECK(std::stoi(message.substr(count + 9)) > 0);
}

TEST_CASE("PDF bomb: 10 pages sharing a stream that inflates to 1 GiB are cut by the time limit",
          "[hostile-text][pdf]") {
  TempDir dir;
  const fs::path bomb = make_bomb(dir, "inflate", "LICENSE.pdf");
  CHECK(fs::file_size(bomb) < 8 * 1024);
  const json report = scan_bounded(dir);
  CHECK(finding_for(report, "LICENSE.pdf", "PDF text extraction stopped") != nullptr);
  CHECK(finding_for(report, "LICENSE.pdf", "CPU time") != nullptr);
}

TEST_CASE("PDF bomb: 4,000 pages sharing one text stream are cut at the text budget",
          "[hostile-text][pdf]") {
  TempDir dir;
  make_bomb(dir, "pages", "terms/LICENSE.pdf");
  // With the default budget (--max-file-size, 4 MiB) the CPU time runs out
  // first (2.7 GB of content to parse); with 1 MiB the text budget cuts.
  // Under a sanitizer the 3 s of CPU time can run out before the first page
  // or the text budget (1 run in 3 here): then the time limit must be named.
  const auto cut_by_time = [](const std::string& message) {
    return kSanitized && message.find("s of CPU time") != std::string::npos;
  };
  const json by_default = scan_bounded(dir);
  const json* cut = finding_for(by_default, "terms/LICENSE.pdf", "PDF text extraction stopped");
  REQUIRE(cut != nullptr);
  const std::string first = (*cut)["message"];
  INFO(first);
  CHECK((first.find("of 4000 pages were read") != std::string::npos || cut_by_time(first)));
  const json small = scan_bounded(dir, {"--max-file-size", "1M"});
  cut = finding_for(small, "terms/LICENSE.pdf", "PDF text extraction stopped");
  REQUIRE(cut != nullptr);
  const std::string message = (*cut)["message"];
  INFO(message);
  if (!cut_by_time(message)) {
    CHECK(message.find("its text exceeds the limit of 1048576 bytes") != std::string::npos);
    CHECK(message.find("of 4000 pages were read") != std::string::npos);
  }
}

TEST_CASE("PDF bomb: --max-file-size bounds the text read from a small PDF",
          "[hostile-text][pdf]") {
  TempDir dir;
  const fs::path bomb = make_bomb(dir, "pages", "LICENSE.pdf");
  const std::string bytes = read_file(bomb);
  REQUIRE(bytes.size() < 1u << 20);
  const oblige::text::ReadResult r = oblige::text::read_text_bytes(bytes, 1u << 20);
  CHECK(r.status == oblige::text::ReadResult::Status::kPdfTruncated);
  CHECK(r.pdf_limit == oblige::text::PdfLimit::kText);
  CHECK(r.from_pdf);
  // Whole pages only, within the budget.
  CHECK(r.text.utf8.size() <= 1u << 20);
  CHECK(r.text.utf8.find("page after page") != std::string::npos);
  CHECK(r.message.find("of 4000 pages were read") != std::string::npos);
}

TEST_CASE("PDF bomb: nested graphics states are cut by the memory limit", "[hostile-text][pdf]") {
  TempDir dir;
  make_bomb(dir, "nesting", "LICENSE.pdf");
  const json report = scan_bounded(dir);
  CHECK(finding_for(report, "LICENSE.pdf", "PDF text extraction stopped") != nullptr);
}

TEST_CASE("front matter of millions of small nodes is refused before yaml-cpp builds it",
          "[hostile-text][front-matter]") {
  TempDir dir;
  // 8 MB of one-character list items: 1.27 GB of yaml-cpp nodes before (the
  // card is over the size limit too: only its first megabyte is looked at).
  std::string card = "---\nlicense: apache-2.0\ntags:\n";
  while (card.size() < 8u << 20) card += "- a\n";
  card += "---\n# Model\n";
  dir.write("model/README.md", card);
  // Under the size limit but over the node limit: 600 KB of flow items.
  std::string dense = "---\nlicense: mit\ntags: [";
  while (dense.size() < 600u << 10) dense += "a,";
  dense += "a]\n---\n";
  dir.write("dense/README.md", dense);
  const json report = scan_bounded(dir);
  CHECK(finding_for(report, "model/README.md", "too large") != nullptr);
  CHECK(finding_for(report, "dense/README.md", "too many YAML nodes") != nullptr);
}

TEST_CASE("a base_model listed 4,000 times is read as one", "[hostile-text][front-matter]") {
  TempDir dir;
  std::string card = "---\nlicense: apache-2.0\nbase_model:\n";
  for (int i = 0; i < 4000; ++i) card += "- example/base-model\n";
  card += "---\n# Fine-tune\n";
  dir.write("model/README.md", card);
  const json report = scan_bounded(dir);
  const json& declared = report["targets"][0]["declared"];
  REQUIRE(declared.size() == 1);
  CHECK(declared[0]["base_models"] == json::array({"example/base-model"}));
  CHECK(report["targets"][0]["findings"].size() < 100);
}

TEST_CASE("100 distinct base models: the first 64 are checked, and the card is told so",
          "[hostile-text][front-matter]") {
  TempDir dir;
  std::string card = "---\nlicense: apache-2.0\nbase_model:\n";
  for (int i = 0; i < 100; ++i) card += "- example/base-" + std::to_string(i) + "\n";
  card += "---\n# Merge\n";
  dir.write("model/README.md", card);
  const json report = scan_bounded(dir);
  const json& declared = report["targets"][0]["declared"];
  REQUIRE(declared.size() == 1);
  CHECK(declared[0]["base_models"].size() == 64);
  const json* capped = finding_for(report, "model/README.md", "lists 100 base_model entries");
  REQUIRE(capped != nullptr);
  CHECK((*capped)["rule_id"] == "scan/front-matter-malformed");
  CHECK((*capped)["line"] == 3);
}

TEST_CASE("a license key given twice: malformed, and the Hub's value (the last) is read",
          "[hostile-text][front-matter]") {
  TempDir dir;
  dir.write("model/README.md",
            "---\nlicense: apache-2.0\ntags: [chat]\nlicense: cc-by-nc-4.0\n---\n# Model\n");
  const json report = scan_bounded(dir);
  const json& declared = report["targets"][0]["declared"];
  REQUIRE(declared.size() == 1);
  CHECK(declared[0]["licenses"] == json::array({"cc-by-nc-4.0"}));
  const json* twice = finding_for(report, "model/README.md", "the key license is given 2 times");
  REQUIRE(twice != nullptr);
  CHECK((*twice)["rule_id"] == "scan/front-matter-malformed");
  CHECK((*twice)["message"].get<std::string>().find("lines 2, 4") != std::string::npos);
  CHECK((*twice)["message"].get<std::string>().find("the Hub uses the last one, on line 4") !=
        std::string::npos);
}

TEST_CASE("a model card quoting %PDF-1.7 near its top is read as text", "[hostile-text][pdf]") {
  TempDir dir;
  dir.write(
      "model/README.md",
      "---\nlicense: cc-by-nc-4.0\n---\n%PDF-1.7 files are what the model reads.\n# Reader\n");
  const auto r = run_oblige({"scan", dir.path().string(), "--format", "json", "--fail-on", "none"});
  REQUIRE(r.exit_code == 0);
  const json report = json::parse(r.out);
  const json& declared = report["targets"][0]["declared"];
  REQUIRE(declared.size() == 1);
  CHECK(declared[0]["licenses"] == json::array({"cc-by-nc-4.0"}));
  CHECK(finding_for(report, "model/README.md", "PDF") == nullptr);
}

TEST_CASE("a 28-digit threshold saturates instead of wrapping, so 5 users are not over it",
          "[hostile-text]") {
  TempDir dir;
  for (const std::string& digits :
       {std::string("1") + std::string(27, '0'), std::string(401, '9')}) {
    INFO(digits.size() << " digits");
    dir.write("model/LICENSE",
              "Example Model License\n\nCommercial use by a licensee with more than " + digits +
                  " million monthly active users requires a separate license.\n");
    dir.write("policy.yml", "use: {commercial: true}\nscale: {monthly_active_users: 5}\n");
    const auto r =
        run_oblige({"scan", (dir.path() / "model").string(), "--format", "json", "--fail-on",
                    "none", "--policy", (dir.path() / "policy.yml").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json report = json::parse(r.out);
    bool threshold = false;
    for (const json& f : report["targets"][0]["findings"]) {
      CHECK(f["rule_id"] != "policy/threshold-exceeded");
      if (f["rule_id"] == "restriction/commercial-threshold") {
        threshold = true;
        CHECK(f["parameters"]["threshold"].get<std::int64_t>() == std::int64_t{1} << 53);
      }
    }
    CHECK(threshold);
  }
}

TEST_CASE("memory limits end in a clean exit and never in an abort", "[hostile-text][memory]") {
  if (kSanitized) return;  // ASan reserves terabytes of address space
  if (run_shell("command -v prlimit").exit_code != 0) {
    WARN("prlimit missing: skipped");
    return;
  }
  TempDir dir;
  for (const std::string sample : {"qwen-chat", "unknown-license", "support-bot-8b"})
    dir.write(sample + "/README.md", read_file(source_dir() + "/samples/" + sample + "/README.md"));
  dir.write("qwen-chat/LICENSE", read_file(source_dir() + "/samples/qwen-chat/LICENSE"));
  dir.write("pdf/LICENSE.pdf", make_pdf("Licensed under the Apache License, Version 2.0"));
  for (int mb = 20; mb <= 120; mb += 5) {
    const auto r = run_shell("prlimit --as=" + std::to_string(mb << 20) + " " +
                             quote(oblige_binary()) + " scan " + quote(dir.path().string()) +
                             " --format json --fail-on none </dev/null");
    INFO(mb << " MB: exit " << r.exit_code << ", " << r.err);
    CHECK((r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2 || r.exit_code == 127));
    if (r.exit_code == 2) CHECK(r.err.find("oblige: ") != std::string::npos);
    // 127: the dynamic loader cannot even map the libraries, before main.
    if (r.exit_code == 127)
      CHECK(r.err.find("error while loading shared libraries") != std::string::npos);
    if (r.exit_code == 0) CHECK(json::parse(r.out)["targets"].size() == 1);
  }
}

namespace {

// The first identification's id and status, and the line of each clause.
struct Identity {
  std::string id, status;
  std::map<std::string, std::size_t> clause_lines;
};

Identity identity_of(const std::string& path) {
  Identity out;
  out.id = oblige::tools::primary_license(path, compiled_signatures(), &out.status);
  const oblige::render::Target report = scan(path);
  for (const oblige::render::Finding& f : report.findings)
    if (!f.clause.empty()) out.clause_lines.emplace(f.license + "/" + f.clause, f.span.start_line);
  return out;
}

// `text` with `insert` after every `every`-th code point.
std::string interleave(const std::string& text, const std::string& insert, std::size_t every) {
  std::string out;
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out.push_back(text[i]);
    const bool ends_code_point =
        i + 1 == text.size() || (static_cast<unsigned char>(text[i + 1]) & 0xC0) != 0x80;
    if (ends_code_point && ++count % every == 0) out += insert;
  }
  return out;
}

// `text` with a soft hyphen inside `n` words (between two ASCII letters),
// spread over the whole text.
std::string soft_hyphens(const std::string& text, std::size_t n) {
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::string out;
  const std::size_t step = text.size() / (n + 1);
  std::size_t next = step, placed = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out.push_back(text[i]);
    if (placed < n && i >= next && i + 1 < text.size() && letter(text[i]) && letter(text[i + 1])) {
      out += "\u00AD";
      ++placed;
      next += step;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("corpus: one stray Latin-1 byte leaves every identification as it was",
          "[hostile-text][corpus]") {
  if (!have_corpus()) return;
  using oblige::text::Encoding;
  TempDir dir;
  std::size_t checked = 0;
  for (const oblige::tools::LabelledFile& l : oblige::tools::read_labels(corpus_dir())) {
    const std::string path = corpus_dir() + "/" + l.file;
    const std::string bytes = read_file(path);
    const Encoding encoding = oblige::text::decode(bytes).encoding;
    if (oblige::text::looks_like_pdf(bytes) || encoding == Encoding::kUtf16Le ||
        encoding == Encoding::kUtf16Be || encoding == Encoding::kBinary)
      continue;
    std::size_t at = bytes.find(' ', bytes.size() / 2);
    if (at == std::string::npos) at = bytes.size();
    const std::string stray = bytes.substr(0, at) + "\xE9" + bytes.substr(at);
    const fs::path copy =
        dir.write(std::to_string(checked) + "/" + fs::path(l.file).filename().string(), stray);
    INFO(l.file << " (" << oblige::text::encoding_name(encoding) << ")");
    CHECK(oblige::text::decode(stray).encoding == encoding);
    const Identity before = identity_of(path), after = identity_of(copy.string());
    CHECK(after.id == before.id);
    CHECK(after.status == before.status);
    CHECK(after.clause_lines == before.clause_lines);
    ++checked;
  }
  CHECK(checked >= 50);
}

TEST_CASE(
    "corpus: Llama 3 with zero-width spaces and soft hyphens is still Llama 3, at the same lines",
    "[hostile-text][corpus]") {
  if (!have_corpus()) return;
  const std::string path = corpus_dir() + "/llama3/LICENSE";
  const Identity original = identity_of(path);
  REQUIRE(original.id == "llama3");
  REQUIRE(original.status == "text");
  TempDir dir;
  const std::string text = read_file(path);
  const std::vector<std::pair<std::string, std::string>> variants = {
      {"zero-width space after every 3rd character and 60 soft hyphens",
       interleave(soft_hyphens(text, 60), "\u200B", 3)},
      {"word joiners, zero-width joiners, BOMs and bidi marks",
       interleave(text, "\u2060\u200D\uFEFF\u202A\u2066", 5)},
      {"variation selectors and tag characters", interleave(text, "\uFE0F\U000E0041", 7)},
  };
  for (std::size_t i = 0; i < variants.size(); ++i) {
    INFO(variants[i].first);
    const fs::path file = dir.write(std::to_string(i) + "/LICENSE", variants[i].second);
    const Identity found = identity_of(file.string());
    CHECK(found.id == "llama3");
    CHECK(found.status == "text");
    CHECK(found.clause_lines == original.clause_lines);
  }
}
