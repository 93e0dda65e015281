// Tests on the real license texts of ../shared/corpus (skipped cleanly where
// the corpus is absent). The texts are read where they are, never copied.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <set>

#include "license_transforms.h"
#include "scanner/identify/identifier.h"
#include "scanner/scan/scan.h"
#include "support.h"
#include "tools/corpus_accuracy.h"

using namespace oblige;
using oblige::testing::kTransforms;
using oblige::testing::TempDir;
using oblige::testing::Transform;

namespace {

using testing::have_corpus;

std::string label_path(const tools::LabelledFile& l) {
  return testing::corpus_dir() + "/" + l.file;
}

std::string text_of(const std::string& path) { return testing::license_text_of(path); }

// Text identifications of the model's own license in `path`.
std::vector<render::License> texts_in(const std::string& path) {
  const auto report = testing::scan(path);
  std::vector<render::License> out;
  for (const auto& l : report.licenses)
    if (l.source == "text" && l.scope == "model" && l.status != "reference") out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("corpus: Apache-2.0, GPL-3.0 and Tongyi Qianwen texts are identified", "[corpus]") {
  if (!have_corpus()) return;
  std::size_t checked = 0;
  for (const tools::LabelledFile& l : tools::read_labels(testing::corpus_dir())) {
    if (l.expected != "apache-2.0" && l.expected != "gpl-3.0" &&
        l.expected != "tongyi-qianwen-2023")
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
  const std::string path =
      testing::corpus_dir() + "/qwen-tongyi-1.0/Tongyi Qianwen LICENSE AGREEMENT";
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
      const boost::filesystem::path folder =
          dir.path() / (std::to_string(&t - kTransforms) + l.expected);
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
