#include "scanner/scan/scan.h"

#include <catch2/catch.hpp>

#include "scanner/obligations/derive.h"
#include "support.h"

using namespace oblige;
using oblige::testing::TempDir;

using testing::find_rule;

namespace {

render::Target scan_path(const std::string& path) { return testing::scan(path); }

}  // namespace

TEST_CASE("the Qwen sample folder: license, obligations with lines and parameters", "[scan]") {
  const auto r = scan_path(testing::source_dir() + "/samples/qwen-chat");
  REQUIRE(r.licenses.size() >= 1);
  CHECK(r.licenses[0].id == "tongyi-qianwen-2023");
  CHECK(r.licenses[0].file == "LICENSE");
  CHECK(r.licenses[0].status == "altered");  // an abridged paraphrase of the agreement

  const render::Finding* mau = find_rule(r, "restriction/commercial-threshold");
  REQUIRE(mau);
  CHECK(mau->path == "LICENSE");
  CHECK(mau->span.start_line == 27);
  CHECK(mau->parameters["metric"] == "monthly_active_users");
  CHECK(mau->parameters["threshold"] == 100000000);
  CHECK(mau->license == "tongyi-qianwen-2023");
  CHECK(mau->clause == "mau-threshold");
  CHECK_FALSE(mau->pattern.empty());
  CHECK(mau->excerpt.find("100 million monthly active users") != std::string::npos);

  const render::Finding* court = find_rule(r, "obligation/governing-law");
  REQUIRE(court);
  CHECK(court->parameters["court"] == "People's Courts in Hangzhou City");
  CHECK(find_rule(r, "obligation/include-license-copy"));
  CHECK(find_rule(r, "obligation/attribution"));
  CHECK(find_rule(r, "restriction/no-trademark"));

  const render::Finding* declared = find_rule(r, "license/declared");
  REQUIRE(declared);
  CHECK(declared->path == "README.md");
  CHECK(declared->span.start_line == 2);
  CHECK(declared->parameters["license_name"] == "tongyi-qianwen");
  // model.safetensors and config.json are not candidates.
  for (const auto& f : r.files) CHECK(f.path != "model.safetensors");
}

TEST_CASE("findings are deterministic: two scans give identical results", "[scan]") {
  const auto a = scan_path(testing::source_dir() + "/samples");
  const auto b = scan_path(testing::source_dir() + "/samples");
  REQUIRE(a.findings.size() == b.findings.size());
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    CHECK(a.findings[i].rule_id == b.findings[i].rule_id);
    CHECK(a.findings[i].path == b.findings[i].path);
    CHECK(a.findings[i].fingerprint == b.findings[i].fingerprint);
  }
}

TEST_CASE("hostile files become findings, and the real license is still found", "[scan]") {
  TempDir dir;
  const std::string license =
      testing::read_file(testing::source_dir() + "/samples/qwen-chat/LICENSE");
  dir.write("model/LICENSE", license);
  std::string random_bytes;
  for (int i = 0; i < 4096; ++i) random_bytes.push_back(static_cast<char>((i * 2654435761u) >> 13));
  dir.write("junk/LICENSE", random_bytes);
  dir.write("empty/LICENSE", "");
  dir.write("big/NOTICE", std::string(3 * 1024 * 1024, 'a'));
  dir.write("bad-utf8/LICENSE", "Tongyi Qianwen LICENSE AGREEMENT \xff\xfe\xfd broken");
  dir.write("pdf/LICENSE.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntruncated");
  dir.write("card/README.md", "---\nlicense: [apache-2.0\n  bad: : yaml\n---\n# Card\n");
  dir.write("long/LICENSE", std::string(1024 * 1024, 'x'));

  scan::ScanOptions options;
  options.max_file_size = 2 * 1024 * 1024;
  const auto r = testing::scan(dir.path().string(), options);

  const auto text = std::find_if(r.licenses.begin(), r.licenses.end(),
                                 [](const render::License& l) { return l.status == "altered"; });
  REQUIRE(text != r.licenses.end());
  CHECK(text->id == "tongyi-qianwen-2023");
  CHECK(text->file == "model/LICENSE");
  CHECK(find_rule(r, "scan/binary-file", "junk/LICENSE"));
  CHECK(find_rule(r, "license/unrecognized", "empty/LICENSE"));
  CHECK(find_rule(r, "scan/too-large", "big/NOTICE"));
  CHECK(find_rule(r, "scan/invalid-encoding", "bad-utf8/LICENSE"));
  CHECK(find_rule(r, "scan/pdf-unreadable", "pdf/LICENSE.pdf"));
  const render::Finding* yaml = find_rule(r, "scan/front-matter-malformed", "card/README.md");
  REQUIRE(yaml);
  CHECK(yaml->span.start_line >= 2);
  CHECK(find_rule(r, "license/unrecognized", "long/LICENSE"));
}

TEST_CASE("a model card over the size limit still declares its license", "[scan]") {
  TempDir dir;
  std::string body;
  while (body.size() < 200 * 1024) body += "Benchmarks and examples of the model's output.\n";
  dir.write("model/README.md", "---\nlicense: cc-by-nc-4.0\n---\n# Model\n\n" + body);
  dir.write("plain/README.md", "# No front matter\n\n" + body);
  scan::ScanOptions options;
  options.max_file_size = 64 * 1024;
  const auto r = testing::scan(dir.path().string(), options);
  const render::Finding* head = find_rule(r, "scan/too-large", "model/README.md");
  REQUIRE(head);
  CHECK(head->message.find("only its front matter was read") != std::string::npos);
  const render::Finding* plain = find_rule(r, "scan/too-large", "plain/README.md");
  REQUIRE(plain);
  CHECK(plain->message.find("not read") != std::string::npos);
  // The declaration reaches the verdict: non-commercial, from README.md:2.
  const auto declared =
      std::find_if(r.licenses.begin(), r.licenses.end(),
                   [](const render::License& l) { return l.id == "cc-by-nc-4.0"; });
  REQUIRE(declared != r.licenses.end());
  CHECK(declared->file == "model/README.md");
  CHECK(declared->start_line == 2);
}

TEST_CASE("a license PDF is read and identified", "[scan]") {
  TempDir dir;
  const std::string text = testing::read_file(testing::source_dir() + "/samples/qwen-chat/LICENSE");
  dir.write("Model License Agreement.pdf", testing::make_pdf(text));
  // pdftotext (poppler-utils) reads it too: the PDF is a real one.
  const auto check = testing::run_shell(
      "pdftotext '" + (dir.path() / "Model License Agreement.pdf").string() + "' -");
  CHECK(check.out.find("Tongyi Qianwen LICENSE AGREEMENT") != std::string::npos);
  const auto r = scan_path(dir.path().string());
  REQUIRE_FALSE(r.licenses.empty());
  CHECK(r.licenses[0].id == "tongyi-qianwen-2023");
  CHECK(r.files[0].encoding == "pdf");
}

TEST_CASE("capture parameters become numbers", "[obligations]") {
  const nlohmann::json params = {{"metric", "monthly_active_users"},
                                 {"threshold", {{"capture", 1}, {"scale", 1000000}}},
                                 {"law", "$2"}};
  const auto resolved = obligations::resolve_parameters(params, {"1,5", "singapore"});
  CHECK(resolved["threshold"] == 1500000);  // "1,5" is a decimal comma, not a group of thousands
  CHECK(resolved["law"] == "singapore");
  CHECK(resolved["metric"] == "monthly_active_users");
  const auto half = obligations::resolve_parameters(params, {"0.5"});
  CHECK(half["threshold"] == 500000);
}

TEST_CASE("a model card statement is a license in README.md, a quotation elsewhere", "[scan]") {
  const std::string statement =
      "## License\n\nThe code is licensed under Apache-2.0, while model weights are fully open for "
      "academic research and also allow free commercial usage. To apply for a commercial license, "
      "please fill in the application form.\n";
  TempDir card;
  card.write("README.md", "# InternLM-7B\n\n" + statement);
  const auto in_card = scan_path(card.path().string());
  REQUIRE_FALSE(in_card.licenses.empty());
  CHECK(in_card.licenses[0].id == "internlm");
  CHECK(in_card.licenses[0].status == "text");
  CHECK(find_rule(in_card, "obligation/commercial-registration"));

  TempDir blog;
  blog.write("survey-LICENSE-notes.md", "# Survey of model licenses\n\n" + statement);
  const auto quoted = scan_path(blog.path().string());
  REQUIRE_FALSE(quoted.licenses.empty());
  CHECK(quoted.licenses[0].id == "internlm");
  CHECK(quoted.licenses[0].status == "reference");
  for (const auto& f : quoted.findings) CHECK_FALSE((f.license == "internlm" && !f.clause.empty()));
}

TEST_CASE("clauses long before a license's title belong to something else", "[scan]") {
  // A document quoting another license's court clause, then much later the
  // Qwen sample: the early clause is not counted as part of the Qwen text.
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "Unrelated notes about training data and evaluation.\n";
  TempDir dir;
  dir.write("LICENSE",
            "Other terms: The People's Courts in Hangzhou City shall have exclusive "
            "jurisdiction.\n\n" +
                filler + "\n" +
                testing::read_file(testing::source_dir() + "/samples/qwen-chat/LICENSE"));
  const auto r = scan_path(dir.path().string());
  REQUIRE_FALSE(r.licenses.empty());
  CHECK(r.licenses[0].start_line > 60);
  const render::Finding* court = find_rule(r, "obligation/governing-law");
  REQUIRE(court);
  CHECK(court->span.start_line > 60);
}

TEST_CASE("license terms stated in a model card's own words are found", "[scan]") {
  TempDir dir;
  dir.write(
      "README.md",
      "---\nlicense: other\nlicense_name: acme\n---\n# ACME-7B\n\n## Usage\n\nThe weights are for "
      "research only.\n\n"
      "## License\n\nThe weights are for research only. Commercial use requires an application "
      "with written permission from ACME.\n");
  const auto r = scan_path(dir.path().string());
  const render::Finding* research = find_rule(r, "restriction/research-only");
  REQUIRE(research);
  CHECK(research->span.start_line == 13);  // the License section, not the Usage one
  CHECK(find_rule(r, "obligation/commercial-registration"));
  CHECK_FALSE(find_rule(r, "license/unrecognized"));  // a card is not a license file
}
