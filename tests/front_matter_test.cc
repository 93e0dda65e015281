#include "scanner/text/front_matter.h"

#include <catch2/catch.hpp>

#include "scanner/text/readme_sections.h"

using namespace oblige::text;

TEST_CASE("front matter: license as a string or a list, with its line", "[front-matter]") {
  const FrontMatter fm = parse_front_matter(
      "---\nlanguage: en\nlicense: other\nlicense_name: tongyi-qianwen\nlicense_link: LICENSE\n"
      "base_model:\n- Qwen/Qwen-7B\n- Qwen/Qwen-14B\nextra_gated_prompt: Accept\n---\n# Hi\n");
  REQUIRE(fm.present);
  CHECK_FALSE(fm.malformed);
  CHECK(fm.licenses == std::vector<std::string>{"other"});
  CHECK(fm.license_line == 3);
  CHECK(fm.license_name == "tongyi-qianwen");
  CHECK(fm.license_link == "LICENSE");
  CHECK(fm.base_models == std::vector<std::string>{"Qwen/Qwen-7B", "Qwen/Qwen-14B"});
  CHECK(fm.gated);
  const FrontMatter list = parse_front_matter("---\nlicense:\n  - mit\n  - cc-by-4.0\n---\n");
  CHECK(list.licenses == std::vector<std::string>{"mit", "cc-by-4.0"});
  CHECK(list.license_line == 2);  // the key's line, not the first item's
}

TEST_CASE("malformed or non-mapping front matter is reported with a line", "[front-matter]") {
  const FrontMatter bad = parse_front_matter("---\nlicense: [mit\nfoo: bar\n---\n");
  CHECK(bad.malformed);
  CHECK(bad.error_line >= 2);
  CHECK(bad.problem == FrontMatter::Problem::kSyntax);
  const FrontMatter list = parse_front_matter("---\n- a\n- b\n---\n");
  CHECK(list.malformed);
  CHECK(list.problem == FrontMatter::Problem::kNotMapping);
  CHECK_FALSE(parse_front_matter("# No front matter\nlicense: mit\n").present);
  CHECK_FALSE(parse_front_matter("---\nlicense: mit\n(no closing fence)\n").present);
}

TEST_CASE("license_sections keeps only License sections, with line numbers intact",
          "[front-matter]") {
  const std::string readme =
      "---\nlicense: mit\n---\n# Model\nIntro about licenses? no.\n## Usage\nrun it\n"
      "## License\nLicensed under MIT.\n### Details\nmore\n## Citation\ncite\n";
  const std::string kept = license_sections(readme);
  REQUIRE(kept.size() == readme.size());
  CHECK(kept.find("Licensed under MIT.") != std::string::npos);
  CHECK(kept.find("more") != std::string::npos);
  CHECK(kept.find("run it") == std::string::npos);
  CHECK(kept.find("cite") == std::string::npos);
  CHECK(kept.find("license: mit") == std::string::npos);
  CHECK(kept.find("Intro") == std::string::npos);
  const std::string zh = "# 模型\n介绍\n## 协议\n本模型的使用须遵守许可协议。\n";
  CHECK(license_sections(zh).find("须遵守") != std::string::npos);
}

TEST_CASE("front matter: a key given twice is recorded, and the last value counts",
          "[front-matter]") {
  const FrontMatter fm = parse_front_matter(
      "---\nlicense: apache-2.0\nlanguage: en\nlicense: llama3\nlicense_name: first\nlicense_name: "
      "second\n"
      "tags: [a]\n---\n");
  REQUIRE_FALSE(fm.malformed);
  // PyYAML, the Hub's parser, keeps the last one.
  CHECK(fm.licenses == std::vector<std::string>{"llama3"});
  CHECK(fm.license_line == 4);
  CHECK(fm.license_name == "second");
  REQUIRE(fm.duplicate_keys.size() == 2);
  CHECK(fm.duplicate_keys[0].key == "license");
  CHECK(fm.duplicate_keys[0].lines == std::vector<std::size_t>{2, 4});
  CHECK(fm.duplicate_keys[1].key == "license_name");
  CHECK(fm.duplicate_keys[1].lines == std::vector<std::size_t>{5, 6});
  // Nested keys with the same names are not top-level duplicates.
  const FrontMatter nested = parse_front_matter(
      "---\nlicense: mit\nmodel-index:\n- name: a\n  license: x\n- name: b\n---\n");
  CHECK(nested.duplicate_keys.empty());
  CHECK(nested.licenses == std::vector<std::string>{"mit"});
}

TEST_CASE("front matter: base_model de-duplicated and capped", "[front-matter]") {
  std::string card = "---\nbase_model:\n";
  for (int i = 0; i < 4000; ++i) card += "- org/base\n";
  card += "- org/other\n---\n";
  const FrontMatter repeated = parse_front_matter(card);
  CHECK(repeated.base_models == std::vector<std::string>{"org/base", "org/other"});
  CHECK(repeated.base_models_listed == 4001);
  CHECK_FALSE(repeated.base_models_capped);

  std::string many = "---\nbase_model:\n";
  for (int i = 0; i < 1000; ++i) many += "- org/base-" + std::to_string(i) + "\n";
  many += "---\n";
  const FrontMatter capped = parse_front_matter(many);
  CHECK(capped.base_models.size() == kMaxBaseModels);
  CHECK(capped.base_models.front() == "org/base-0");
  CHECK(capped.base_models.back() == "org/base-63");
  CHECK(capped.base_models_listed == 1000);
  CHECK(capped.base_models_capped);
}

TEST_CASE("front matter: too large or too many nodes is refused, with the reason",
          "[front-matter]") {
  std::string large = "---\nlicense: mit\ndescription: |\n";
  while (large.size() <= kMaxFrontMatterBytes) large += "  a long line of description text\n";
  large += "---\n";
  const FrontMatter too_large = parse_front_matter(large);
  CHECK(too_large.malformed);
  CHECK(too_large.problem == FrontMatter::Problem::kTooLarge);
  CHECK(too_large.error.find("too large") != std::string::npos);
  CHECK(too_large.error_line == 2);
  CHECK(too_large.licenses.empty());

  std::string nodes = "---\nlicense: mit\ntags: [";
  for (std::size_t i = 0; i <= kMaxFrontMatterNodes; ++i) nodes += "t,";
  nodes += "t]\n---\n";
  REQUIRE(nodes.size() < kMaxFrontMatterBytes);
  const FrontMatter too_many = parse_front_matter(nodes);
  CHECK(too_many.malformed);
  CHECK(too_many.problem == FrontMatter::Problem::kTooManyNodes);
  CHECK(too_many.error.find("too many YAML nodes") != std::string::npos);

  // Aliases count as nodes too: they are not expanded, but each is one.
  std::string aliases = "---\nlicense: &l mit\nmore: [";
  for (std::size_t i = 0; i <= kMaxFrontMatterNodes; ++i) aliases += "*l,";
  aliases += "*l]\n---\n";
  CHECK(parse_front_matter(aliases).problem == FrontMatter::Problem::kTooManyNodes);

  // Just under both limits it is read.
  std::string fine = "---\nlicense: mit\ntags: [";
  for (std::size_t i = 0; i < kMaxFrontMatterNodes - 10; ++i) fine += "t,";
  fine += "t]\n---\n";
  const FrontMatter ok = parse_front_matter(fine);
  CHECK_FALSE(ok.malformed);
  CHECK(ok.licenses == std::vector<std::string>{"mit"});
}
