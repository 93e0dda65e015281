#include <catch2/catch.hpp>

#include "scanner/text/front_matter.h"
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
  const FrontMatter list = parse_front_matter("---\n- a\n- b\n---\n");
  CHECK(list.malformed);
  CHECK_FALSE(parse_front_matter("# No front matter\nlicense: mit\n").present);
  CHECK_FALSE(parse_front_matter("---\nlicense: mit\n(no closing fence)\n").present);
}

TEST_CASE("license_sections keeps only License sections, with line numbers intact", "[front-matter]") {
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
