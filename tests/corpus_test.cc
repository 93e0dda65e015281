// Tests on the real license texts of ../shared/corpus (skipped cleanly where
// the corpus is absent). The texts are read where they are, never copied.
#include <catch2/catch.hpp>
#include <set>

#include "scanner/identify/identifier.h"
#include "scanner/scan/scan.h"
#include "scanner/text/decode.h"
#include "scanner/text/pdf_text.h"
#include "support.h"
#include "tools/corpus_accuracy.h"

using namespace oblige;
using oblige::testing::TempDir;

namespace {

using testing::have_corpus;

std::string label_path(const tools::LabelledFile& l) { return testing::corpus_dir() + "/" + l.file; }

// The file's text as UTF-8 (PDFs through the same extraction oblige uses).
std::string text_of(const std::string& path) {
  const std::string bytes = testing::read_file(path);
  if (text::looks_like_pdf(bytes)) return text::extract_pdf_text(bytes).utf8;
  return text::decode(bytes).utf8;
}

// Text identifications of the model's own license in `path`.
std::vector<render::License> texts_in(const std::string& path) {
  const auto report = testing::scan(path);
  std::vector<render::License> out;
  for (const auto& l : report.licenses)
    if (l.source == "text" && l.scope == "model" && l.status != "reference") out.push_back(l);
  return out;
}

// --- the transformations real repositories apply to license texts ---------

// Re-wraps at 50 columns; runs of Chinese text are broken every 37 code
// points, as PDF extraction does.
std::string rewrap(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(word);
  std::string out, line;
  for (const std::string& w : words) {
    std::vector<std::string> pieces;
    std::size_t start = 0, cps = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if ((static_cast<unsigned char>(w[i]) & 0xC0) != 0x80 && ++cps > 37) {
        pieces.push_back(w.substr(start, i - start));
        start = i;
        cps = 1;
      }
    }
    pieces.push_back(w.substr(start));
    for (std::size_t p = 0; p < pieces.size(); ++p) {
      if (!line.empty() && (line.size() + pieces[p].size() > 50 || p > 0)) {
        out += line + "\n";
        line.clear();
      }
      line += (line.empty() ? "" : " ") + pieces[p];
    }
  }
  return out + line + "\n";
}

std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += "\r\n";
    else out += c;
  }
  return out;
}

std::string utf16le_with_bom(const std::string& utf8) {
  std::string out = "\xFF\xFE";
  for (std::size_t pos = 0; pos < utf8.size();) {
    char32_t cp = text::next_code_point(utf8, pos);
    auto put = [&](char16_t u) {
      out.push_back(static_cast<char>(u & 0xFF));
      out.push_back(static_cast<char>(u >> 8));
    };
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(static_cast<char16_t>(0xD800 + (cp >> 10)));
      put(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      put(static_cast<char16_t>(cp));
    }
  }
  return out;
}

// Numbered section lines ("3. Redistribution") become Markdown headings, and
// the first line a title.
std::string markdown_headings(const std::string& text) {
  std::string out = "# ";
  bool line_start = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (line_start && i + 1 < text.size() && text[i] >= '1' && text[i] <= '9' &&
        (text[i + 1] == '.' || (text[i + 1] >= '0' && text[i + 1] <= '9')))
      out += "## ";
    out += text[i];
    line_start = text[i] == '\n';
  }
  return out;
}

struct Transform {
  const char* name;
  const char* file_name;
  std::string (*apply)(const std::string&);
};

const Transform kTransforms[] = {
    {"re-wrapped", "LICENSE", rewrap},
    {"CRLF line ends", "LICENSE", crlf},
    {"UTF-8 BOM", "LICENSE", [](const std::string& t) { return "\xEF\xBB\xBF" + t; }},
    {"UTF-16LE with BOM", "LICENSE", utf16le_with_bom},
    {"Markdown headings", "LICENSE.md", markdown_headings},
    {"copyright line on top", "LICENSE",
     [](const std::string& t) { return "Copyright (c) 2024 Example Labs. All rights reserved.\n\n" + t; }},
    {"pasted into a README License section", "README.md",
     [](const std::string& t) {
       return "---\nlicense: other\n---\n# Example model\n\nAn example.\n\n## Usage\n\nRun it.\n\n"
              "## License\n\n" + t + "\n";
     }},
};

}  // namespace

TEST_CASE("corpus: Apache-2.0, GPL-3.0 and Tongyi Qianwen texts are identified", "[corpus]") {
  if (!have_corpus()) return;
  std::size_t checked = 0;
  for (const tools::LabelledFile& l : tools::read_labels(testing::corpus_dir())) {
    if (l.expected != "apache-2.0" && l.expected != "gpl-3.0" && l.expected != "tongyi-qianwen-2023")
      continue;
    INFO(l.file);
    CHECK(tools::primary_license(label_path(l), testing::compiled_signatures()) == l.expected);
    ++checked;
  }
  CHECK(checked >= 5);
}

TEST_CASE("corpus: the real Tongyi Qianwen agreement gives its obligations at the right lines",
          "[corpus]") {
  if (!have_corpus()) return;
  const std::string path = testing::corpus_dir() + "/qwen-tongyi-1.0/Tongyi Qianwen LICENSE AGREEMENT";
  const auto report = testing::scan(path);
  std::map<std::string, std::size_t> line_of;
  for (const auto& f : report.findings)
    if (!f.clause.empty()) line_of[f.clause] = f.span.start_line;
  CHECK(line_of["copy-of-agreement"] == 23);
  CHECK(line_of["modification-notices"] == 24);
  CHECK(line_of["notice-file"] == 25);
  CHECK(line_of["mau-threshold"] == 29);
  CHECK(line_of["no-improving-other-models"] == 33);
  CHECK(line_of["no-trademark"] == 37);
  CHECK(line_of["litigation-termination"] == 38);
  CHECK(line_of["governing-law"] == 53);
}

TEST_CASE("corpus: every labelled file gets its label, and nothing else claims it", "[corpus]") {
  if (!have_corpus()) return;
  const tools::AccuracyReport report =
      tools::measure(testing::corpus_dir(), testing::compiled_signatures());
  REQUIRE(report.verdicts.size() >= 70);
  for (const tools::Verdict& v : report.verdicts) {
    INFO(v.label.file << " expected " << v.label.expected);
    CHECK(v.found == v.label.expected);
    if (v.label.expected != "-") CHECK(v.status == "text");
    // No second license text claimed in the same file (a bilingual text is
    // one license; the Qwen NOTICE's third-party texts are scoped apart).
    std::set<std::string> ids;
    for (const auto& l : texts_in(label_path(v.label))) ids.insert(l.id);
    CHECK(ids.size() <= 1);
  }
}

TEST_CASE("corpus: transformed texts keep their identity", "[corpus]") {
  if (!have_corpus()) return;
  TempDir dir;
  for (const tools::LabelledFile& l : tools::read_labels(testing::corpus_dir())) {
    if (l.expected == "-" || l.kind == "readme-terms") continue;
    const std::string original = text_of(label_path(l));
    REQUIRE_FALSE(original.empty());
    for (const Transform& t : kTransforms) {
      const boost::filesystem::path folder = dir.path() / (std::to_string(&t - kTransforms) + l.expected);
      boost::filesystem::remove_all(folder);
      dir.write((folder.filename() / t.file_name).string(), t.apply(original));
      INFO(l.file << " " << t.name);
      CHECK(tools::primary_license(folder.string(), testing::compiled_signatures()) == l.expected);
    }
  }
}

TEST_CASE("ordinary READMEs and source files match no license text", "[corpus]") {
  // oblige's own sources and docs, which name many licenses, and model cards
  // of the corpus that are not license texts.
  std::vector<std::string> paths = {testing::source_dir() + "/scanner",
                                    testing::source_dir() + "/reporters",
                                    testing::source_dir() + "/tests"};
  for (const std::string& p : paths) {
    for (boost::filesystem::recursive_directory_iterator it(p), end; it != end; ++it) {
      if (!boost::filesystem::is_regular_file(it->path())) continue;
      INFO(it->path().string());
      CHECK(texts_in(it->path().string()).empty());
    }
  }
}
