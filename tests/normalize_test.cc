#include "scanner/text/normalize.h"

#include <catch2/catch.hpp>
#include <cctype>
#include <random>
#include <vector>

#include "scanner/text/decode.h"
#include "scanner/text/line_index.h"
#include "support.h"

using namespace oblige::text;

namespace {
std::string run(NormalizedText (*step)(const NormalizedText&), const std::string& s) {
  return step(make_normalizable(s)).text;
}
}  // namespace

TEST_CASE("strip_markup removes Markdown and HTML but keeps the words", "[normalize]") {
  CHECK(run(strip_markup, "## 3. Redistribution") == "3. Redistribution");
  CHECK(run(strip_markup, "> **You shall** give a _copy_") == "You shall give a copy");
  CHECK(run(strip_markup, "- item one") == "item one");
  CHECK(run(strip_markup, "see [the terms](https://ai.google.dev/gemma/terms)") ==
        "see the terms (https://ai.google.dev/gemma/terms)");
  CHECK(run(strip_markup, "<p>Tongyi&nbsp;Qianwen &amp; Qwen</p>") == " Tongyi Qianwen & Qwen ");
  CHECK(run(strip_markup, "MODEL_LICENSE stays") == "MODEL_LICENSE stays");
  CHECK(run(strip_markup, "|---|---|") == "");
}

TEST_CASE("fold_width turns full-width forms into ASCII", "[normalize]") {
  CHECK(run(fold_width, "协议（以下简称“本协议”）：１亿") == "协议(以下简称“本协议”):1亿");
  CHECK(run(fold_width, "ＡＢＣ　ｄ") == "ABC d");
}

TEST_CASE("unify_punctuation straightens quotes and dashes", "[normalize]") {
  CHECK(run(unify_punctuation, "“AS IS” — it’s non‑commercial") ==
        "\"AS IS\" - it's non-commercial");
}

TEST_CASE("fold_case lowers ASCII only", "[normalize]") {
  CHECK(run(fold_case, "LICENSE 许可 Ünicode") == "license 许可 Ünicode");
}

TEST_CASE("collapse_whitespace leaves single spaces between words", "[normalize]") {
  CHECK(run(collapse_whitespace,
            "  a\t\tb \n\n c\xC2\xA0"
            "d  ") == "a b c d");
}

TEST_CASE("join_cjk removes PDF line breaks inside Chinese text", "[normalize]") {
  CHECK(run(join_cjk, "本协议适用 于百川 大模型") == "本协议适用于百川大模型");
  CHECK(run(join_cjk, "超过 1 亿 月活跃用户") == "超过1亿月活跃用户");
  CHECK(run(join_cjk, "vivo 蓝心 and more") == "vivo 蓝心 and more");
}

TEST_CASE("normalize maps every byte back to its line", "[normalize]") {
  const std::string source = "# Title\n\nMore than 100\n   million  MONTHLY\nactive users\n";
  const NormalizedText n = normalize(source);
  CHECK(n.text == "title more than 100 million monthly active users");
  REQUIRE(n.origin.size() == n.text.size());
  const LineIndex lines(source);
  const std::size_t at = n.text.find("million");
  CHECK(lines.line_of(n.source_offset(at)) == 4);
  CHECK(lines.line_of(n.source_offset(n.text.find("active"))) == 5);
  CHECK(lines.line_of(n.source_offset(0)) == 1);
}

TEST_CASE("LineIndex counts CRLF, CR and LF line ends, columns in code points", "[normalize]") {
  const std::string text = "a\r\nb\rc\n许可x";
  const LineIndex lines(text);
  CHECK(lines.line_count() == 4);
  CHECK(lines.line_of(text.find('b')) == 2);
  CHECK(lines.line_of(text.find('c')) == 3);
  CHECK(lines.line_of(text.find('x')) == 4);
  CHECK(lines.column_of(text.find('x')) == 3);
  CHECK(lines.line_text(4) == "许可x");
}

TEST_CASE("LineIndex columns on long lines agree with counting from the line's start",
          "[normalize]") {
  // Lines far longer than the index's blocks, multibyte characters across
  // block boundaries, every kind of line end, and a text ending on a boundary.
  std::string text;
  for (int i = 0; i < 3000; ++i) text += i % 7 == 0 ? "许" : i % 11 == 0 ? "\r\n" : "ab";
  text += "\r" + std::string(4096 - 1, 'x');
  for (const std::size_t size : {text.size(), std::size_t{1024}, std::size_t{2048}}) {
    const std::string_view part(text.data(), size);
    const LineIndex lines(part);
    std::size_t line_start = 0;
    for (std::size_t at = 0; at <= part.size(); ++at) {
      if (at > 0 && (part[at - 1] == '\n' || (part[at - 1] == '\r' && part[at] != '\n')))
        line_start = at;
      std::size_t column = 1;
      for (std::size_t i = line_start; i < at; ++i)
        column += (static_cast<unsigned char>(part[i]) & 0xC0) != 0x80;
      INFO("size " << size << " offset " << at);
      REQUIRE(lines.column_of(at) == column);
    }
  }
}

TEST_CASE("words hyphenated at a line end are joined again", "[normalize]") {
  CHECK(normalize("a non-\ntransferable license").text == "a non-transferable license");
  CHECK(normalize("a non- transferable license").text == "a non- transferable license");
}

TEST_CASE("Kangxi radicals from PDFs become the ideographs they look like", "[normalize]") {
  CHECK(normalize("\u2F00\u3001\u5B9A\u4E49 \u2F06\u3001\u8BB8\u53EF").text == "一、定义二、许可");
}

TEST_CASE("invisible code points are removed, not turned into spaces", "[normalize]") {
  CHECK(
      run(remove_default_ignorables, "Li\u200Bcen\u200Cse\u200D \u2060non\u00ADcommercial\uFEFF") ==
      "License noncommercial");
  CHECK(run(remove_default_ignorables, "\u202Ebidi\u202C \u2066iso\u2069 \u061Cmark\u200E\u200F") ==
        "bidi iso mark");
  CHECK(run(remove_default_ignorables, "vs\uFE0F\U000E0041tag\U000E007F \u180Emongol\u180B") ==
        "vstag mongol");
  // Visible neighbours are kept: NBSP, ideographic space, Chinese text.
  CHECK(run(remove_default_ignorables, "a\u00A0b\u3000许可") == "a\u00A0b\u3000许可");
  CHECK(normalize("Com\u200Bmer\u00ADcial use by li\u2060censees").text ==
        "commercial use by licensees");
  // So is U+FFFD, the mark a stray undecodable byte left.
  CHECK(normalize("non-commercial\uFFFD use only").text == "non-commercial use only");
}

TEST_CASE("the Default_Ignorable table matches Unicode's", "[normalize]") {
  for (char32_t cp : {0xADu,    0x34Fu,   0x61Cu,   0x115Fu,  0x17B5u,  0x180Eu,  0x200Bu,
                      0x200Fu,  0x202Au,  0x202Eu,  0x2060u,  0x2064u,  0x2066u,  0x2069u,
                      0x206Fu,  0x3164u,  0xFE00u,  0xFE0Fu,  0xFEFFu,  0xFFA0u,  0xFFF0u,
                      0x1BCA0u, 0x1D173u, 0xE0000u, 0xE0001u, 0xE007Fu, 0xE0100u, 0xE0FFFu})
    CHECK(is_default_ignorable(cp));
  for (char32_t cp : {0x20u, 0xA0u, 0xACu, 0xAEu, 0x2000u, 0x200Au, 0x2010u, 0x2028u, 0x202Fu,
                      0x205Fu, 0x3000u, 0xFE10u, 0xFFFDu, 0x1D172u, 0xE1000u, 0x4E00u})
    CHECK_FALSE(is_default_ignorable(cp));
  CHECK(has_default_ignorable("x\u00ADy"));
  CHECK(has_default_ignorable("许可协议许可协议\u200B许可"));
  CHECK(has_default_ignorable("\xE4\xE2\x80\x8B"));  // a broken sequence does not hide one
  CHECK_FALSE(has_default_ignorable("许可 “quoted” — ©"));
}

TEST_CASE("removing invisible characters keeps every byte's line", "[normalize]") {
  const std::string source =
      "First\u200B line\nSecond\u00AD\u00AD line with li\u200Bcense\n\u2060Third";
  const NormalizedText n = normalize(source);
  CHECK(n.text == "first line second line with license third");
  REQUIRE(n.origin.size() == n.text.size());
  const LineIndex lines(source);
  CHECK(lines.line_of(n.source_offset(n.text.find("second"))) == 2);
  CHECK(lines.line_of(n.source_offset(n.text.find("license"))) == 2);
  CHECK(lines.line_of(n.source_offset(n.text.find("third"))) == 3);
  // "license" starts at the source's "li", its end maps to the source's "e".
  const std::size_t at = n.text.find("license");
  CHECK(source.substr(n.source_offset(at), 2) == "li");
  CHECK(source[n.source_offset(at + 6)] == 'e');
}

TEST_CASE("is_ascii: one byte of 0x80 or more anywhere, at every length around a word of eight",
          "[normalize]") {
  CHECK(is_ascii(""));
  for (std::size_t size = 1; size <= 19; ++size) {
    const std::string plain(size, 'a');
    CHECK(is_ascii(plain));
    for (std::size_t at = 0; at < size; ++at) {
      std::string t = plain;
      t[at] = static_cast<char>(0x80);
      INFO(size << " bytes, high byte at " << at);
      CHECK_FALSE(is_ascii(t));
    }
  }
  CHECK_FALSE(is_ascii("license 许可"));
  CHECK(is_ascii(std::string("\x7f\x01 ~", 4)));
}

namespace {

// Every step of normalize(), one after another, none skipped.
NormalizedText all_steps(const std::string& source) {
  NormalizedText t = remove_default_ignorables(make_normalizable(source));
  for (auto step :
       {strip_markup, fold_width, unify_punctuation, fold_case, collapse_whitespace, join_cjk})
    t = step(t);
  return t;
}

// Text made of the pieces normalization treats specially, at random.
std::string random_markup(std::mt19937& random, std::size_t pieces) {
  static const std::vector<std::string> kPieces = {"Word",
                                                   "word",
                                                   " ",
                                                   "  ",
                                                   "\n",
                                                   "\r\n",
                                                   "\t",
                                                   "-",
                                                   "non-\n",
                                                   "## ",
                                                   "> ",
                                                   "- ",
                                                   "* ",
                                                   "**",
                                                   "_",
                                                   "snake_case",
                                                   "`",
                                                   "[",
                                                   "](",
                                                   ")",
                                                   "|",
                                                   "---\n",
                                                   "<p>",
                                                   "</a>",
                                                   "<year>",
                                                   "&amp;",
                                                   "&nbsp;",
                                                   "&copy;",
                                                   "\\*",
                                                   "\\",
                                                   "A",
                                                   "Z",
                                                   "9",
                                                   ".",
                                                   ",",
                                                   "\x0b",
                                                   "\f",
                                                   "é",
                                                   "通义",
                                                   "千问",
                                                   "“",
                                                   "”",
                                                   "—",
                                                   "。",
                                                   "\xe2\x80\x8b",
                                                   "\xc2\xad",
                                                   "ＡＢ",
                                                   "\xe3\x80\x80",
                                                   "\xc2\xa0",
                                                   "\xef\xbb\xbf",
                                                   "\xe2\xbc\x80"};
  std::uniform_int_distribution<std::size_t> pick(0, kPieces.size() - 1);
  std::string out;
  for (std::size_t i = 0; i < pieces; ++i) out += kPieces[pick(random)];
  return out;
}

// collapse_whitespace's rules, a code point at a time: runs of white space
// become one space (the first one's origin) between two words, none at
// either end, none where a line break follows a letter and a hyphen.
NormalizedText collapse_reference(const NormalizedText& in) {
  NormalizedText out;
  bool pending = false, broke_line = false;
  std::uint32_t space_origin = 0;
  for (std::size_t r = 0; r < in.text.size();) {
    std::size_t next = r;
    const char32_t cp = next_code_point(in.text, next);
    const bool space = cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0 ||
                       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
                       cp == 0x3000;
    if (space) {
      if (!pending) space_origin = in.origin[r];
      pending = true;
      broke_line = broke_line || cp == '\n' || cp == '\r';
      r = next;
      continue;
    }
    const std::string& t = out.text;
    const bool hyphenated = t.size() >= 2 && t.back() == '-' &&
                            std::isalpha(static_cast<unsigned char>(t[t.size() - 2]));
    if (pending && !t.empty() && !(broke_line && hyphenated)) {
      out.text += ' ';
      out.origin.push_back(space_origin);
    }
    pending = broke_line = false;
    for (; r < next; ++r) {
      out.text += in.text[r];
      out.origin.push_back(in.origin[r]);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("collapse_whitespace gives what its rules give a character at a time", "[normalize]") {
  // Random texts, and runs of words long enough for the sixteen-byte scan:
  // single spaces inside a run, double ones, a space before a line break or
  // a non-ASCII space at every place of a block.
  std::vector<std::string> texts = oblige::testing::license_texts();
  std::mt19937 random(20261208);
  for (int i = 0; i < 3000; ++i) texts.push_back(random_markup(random, 1 + i % 60));
  const std::string words = "the licensee shall not use the materials to improve any other model";
  for (std::size_t at = 0; at < 40; ++at)
    for (const char* odd : {"  ", " \n", "\n", "\xc2\xa0", " \xe3\x80\x80", " \t", "é ", "-\n"}) {
      std::string t = words;
      t.insert(at, odd);
      texts.push_back(t);
    }
  for (const std::string& text : texts) {
    const NormalizedText in = make_normalizable(text);
    const NormalizedText fast = collapse_whitespace(in);
    const NormalizedText slow = collapse_reference(in);
    INFO("[" << text << "]");
    REQUIRE(fast.text == slow.text);
    REQUIRE(
        std::equal(fast.origin.begin(), fast.origin.end(), slow.origin.begin(), slow.origin.end()));
  }
}

TEST_CASE("normalize gives what its steps give one after another, with the same offsets",
          "[normalize]") {
  std::vector<std::string> texts = oblige::testing::license_texts();
  std::mt19937 random(20261207);
  for (int i = 0; i < 3000; ++i) texts.push_back(random_markup(random, 1 + i % 60));
  // ASCII only (the one-pass path), and with a letter to lower at the start.
  for (int i = 0; i < 1000; ++i) {
    std::string t = random_markup(random, 1 + i % 40);
    std::erase_if(t, [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    texts.push_back(t);
  }
  std::size_t ascii = 0;
  for (const std::string& text : texts) {
    const NormalizedText fast = normalize(text);
    const NormalizedText steps = all_steps(text);
    INFO("[" << text << "]");
    REQUIRE(fast.text == steps.text);
    REQUIRE(fast.origin == steps.origin);
    ascii += is_ascii(text);
  }
  CHECK(ascii > 1000);
}
