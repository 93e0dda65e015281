#include "scanner/identify/pattern.h"

#include <catch2/catch.hpp>
#include <deque>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "scanner/identify/prefilter_guards.h"
#include "scanner/signatures/pattern_options.h"
#include "scanner/text/decode.h"
#include "scanner/text/normalize.h"
#include "support.h"

using namespace oblige;
using identify::as_literal;
using identify::Pattern;

namespace {

std::string utf8(char32_t cp) {
  std::string out;
  text::append_utf8(out, cp);
  return out;
}

// Each match of `re` in `text`, as the matched bytes.
std::vector<std::string> all_matches(const RE2& re, const std::string& text) {
  std::vector<std::string> out;
  re2::StringPiece rest(text), m;
  while (RE2::FindAndConsume(&rest, re, &m)) out.emplace_back(m.data(), m.size());
  return out;
}

// The literal path's answer for `pattern` from `from`, span and captures,
// and whether RE2's (comparable = false) is the same.
struct Both {
  std::optional<identify::Span> literal;
  bool same = false;
};
Both both(const Pattern& pattern, const std::string& text, std::size_t from) {
  std::vector<std::string> literal_groups{"stale"}, re2_groups{"stale"};
  Both out;
  out.literal = pattern.find(text, from, true, &literal_groups);
  const auto re2 = pattern.find(text, from, false, &re2_groups);
  out.same = out.literal.has_value() == re2.has_value() &&
             (!re2 || (out.literal->begin == re2->begin && out.literal->end == re2->end &&
                       literal_groups == re2_groups));
  return out;
}

// `s` less its last character (UTF-8).
std::string less_last(const std::string& s) {
  std::size_t n = s.size() - 1;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// `s` less its first character (UTF-8).
std::string less_first(const std::string& s) {
  std::size_t n = 1;
  while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
  return s.substr(n);
}

// n characters of filler, some of them two or three bytes long.
std::string filler(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i % 5 == 1 ? "\xC3\xA9" : i % 7 == 3 ? "中" : "a";
  return out;
}

// Texts around a literal pattern's phrase(s) that put its edges to the test.
std::vector<std::string> edge_texts(const identify::Literal& l) {
  const std::string& a = l.bytes;
  if (!l.others.empty()) {
    // Every spelling alone, each glued to word characters, and the others
    // before the one RE2 prefers (at the same start, it must win).
    std::vector<std::string> out = {a};
    std::string all_reversed;
    for (auto it = l.others.rbegin(); it != l.others.rend(); ++it) {
      out.push_back(*it);
      out.push_back("x" + *it + "_ " + *it + "9");
      out.push_back(*it + " " + a);
      all_reversed += *it + " ";
    }
    out.push_back(all_reversed + a);
    out.push_back(less_last(l.others.back()) + " " + l.others.front() + a);
    return out;
  }
  if (l.then.empty())
    return {a, "x" + a + "x " + a + " and " + a + "_",
            less_last(a) + " " + less_first(a) + " _" + a + ". " + a, "(" + a + ")" + a + "9"};
  const std::string& b = l.then;
  const std::size_t n = l.gap;
  std::vector<std::string> out;
  for (const std::string& other : l.then_others) {
    // Each other B alone, past the gap, and just before the preferred one.
    out.push_back(a + filler(n) + other + "x " + other);
    out.push_back(a + " " + other + " " + b);
    out.push_back(a + filler(n + 1) + other);
    out.push_back(a + " " + b + other);
  }
  for (std::string& t : std::vector<std::string>{
           a + b, a + filler(n) + b + b, a + filler(n + 1) + b,
           "x" + a + " " + b + "x " + a + filler(n > 2 ? n - 2 : 0) + b + "_",
           b + " " + a + filler(n + 1) + a + " " + b,
           a + filler(n / 2) + less_last(b) + filler(n / 2) + b, a + " " + a + " " + filler(n) + b,
           a + filler(n + 1) + b + " " + a + " " + b})
    out.push_back(std::move(t));
  return out;
}

}  // namespace

TEST_CASE("a plain phrase is a literal pattern, anything with syntax is not", "[pattern]") {
  auto lit = as_literal("Give any other recipients a copy of this Agreement");
  REQUIRE(lit);
  CHECK(lit->bytes == "give any other recipients a copy of this agreement");
  CHECK_FALSE(lit->word_start);
  CHECK_FALSE(lit->word_end);

  lit = as_literal("\\bqwen license agreement\\b");
  REQUIRE(lit);
  CHECK(lit->bytes == "qwen license agreement");
  CHECK(lit->word_start);
  CHECK(lit->word_end);

  lit = as_literal("copyright \\(c\\) alibaba cloud\\. all rights reserved");
  REQUIRE(lit);
  CHECK(lit->bytes == "copyright (c) alibaba cloud. all rights reserved");
  lit = as_literal("a path\\\\b");  // an escaped backslash, then the letter b
  REQUIRE(lit);
  CHECK(lit->bytes == "a path\\b");
  CHECK_FALSE(lit->word_end);
  lit = as_literal("通义千问许可协议");
  REQUIRE(lit);
  CHECK(lit->bytes == "通义千问许可协议");
  lit = as_literal("\\bif you sue .{0,300}?your rights terminate\\b");
  REQUIRE(lit);
  CHECK(lit->bytes == "if you sue ");
  CHECK(lit->then == "your rights terminate");
  CHECK(lit->gap == 300);
  CHECK(lit->word_start);
  CHECK(lit->word_end);
  lit = as_literal("llama 4 version effective date: ?April 5,? 2025");
  REQUIRE(lit);
  CHECK(lit->bytes == "llama 4 version effective date: april 5, 2025");
  CHECK(lit->others == std::vector<std::string>{"llama 4 version effective date: april 5 2025",
                                                "llama 4 version effective date:april 5, 2025",
                                                "llama 4 version effective date:april 5 2025"});
  lit = as_literal("【?orion-14b series】?");  // an optional character of three bytes
  REQUIRE(lit);
  CHECK(lit->others.size() == 3);
  CHECK(lit->others.back() == "orion-14b series");
  CHECK_FALSE(as_literal("a?b?c?d?e?f"));       // too many spellings
  CHECK_FALSE(as_literal("(?:a?b?c?d?e?|x)"));  // too many in one alternative of a group
  CHECK_FALSE(as_literal("x?"));                // one spelling is empty
  CHECK_FALSE(as_literal("ab??c"));             // lazy: RE2 prefers it skipped
  CHECK_FALSE(as_literal("a ?b .{0,9}?c"));     // a gap and an optional character
  lit = as_literal("“materials” — the model");  // curly quotes and a dash have no case
  REQUIRE(lit);
  lit = as_literal("licen[cs]e");  // a class: one-character alternatives
  REQUIRE(lit);
  CHECK(lit->bytes == "licence");
  CHECK(lit->others == std::vector<std::string>{"license"});
  // Optional characters and groups nest inside a group, in RE2's order.
  lit = as_literal("non-?commercial (?:use|purposes?)(?: only)?");
  REQUIRE(lit);
  CHECK(lit->bytes == "non-commercial use only");
  CHECK(lit->others.size() == 11);
  CHECK(lit->others[0] == "non-commercial use");
  CHECK(lit->others[1] == "non-commercial purposes only");
  CHECK(lit->others[3] == "non-commercial purpose only");
  CHECK(lit->others[4] == "non-commercial purpose");
  CHECK(lit->others[5] == "noncommercial use only");
  // B of a gap may have several spellings; A has one.
  lit = as_literal("if you sue .{0,40}?all licen[cs]es (?:shall|will) end");
  REQUIRE(lit);
  CHECK(lit->then == "all licences shall end");
  CHECK(lit->then_others == std::vector<std::string>{"all licences will end",
                                                     "all licenses shall end",
                                                     "all licenses will end"});

  for (const char* not_literal : {"a.{0,80}b",    ".{0,80}?b",
                                  "a.{0,80}?",    "a.{0,8}?b.{0,8}?c",
                                  "a.{1,80}?b",   "license@zhipuai\\.cn|other",
                                  "\\d+ users",   "a\\sb",
                                  "word\\Bword",  "x\\x41",
                                  "[a-c]",        "^start",
                                  "[^a]b",        "[]",
                                  "(?:a|(b))c",   "(x) .{0,9}?y",
                                  "a .{0,9}?(b)", "a .{0,9}?b?",
                                  "end$",         "a{2}",
                                  "a*",           "a+",
                                  "café",         "ΑΒΓ",
                                  "\\b",          "",
                                  "trailing\\",   "tab\there",
                                  "\\_"}) {
    INFO(not_literal);
    CHECK_FALSE(as_literal(not_literal).has_value());
  }
}

TEST_CASE("RE2's case folding joins no other character to a literal's characters", "[pattern]") {
  // The literal path compares bytes, so it is exact only if, case-
  // insensitively, an ASCII letter matches nothing but itself and its
  // capital, outside the characters literal_comparable() refuses; and the
  // non-ASCII characters a literal may hold match only themselves.
  const RE2 ascii_letter("([a-z])", signatures::pattern_options());
  std::string non_ascii;
  for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp)
    if (cp < 0xD800 || cp > 0xDFFF) non_ascii += utf8(cp);
  for (const std::string& m : all_matches(ascii_letter, non_ascii)) {
    INFO("a non-ASCII character matched as an ASCII letter: " << m);
    CHECK_FALSE(identify::literal_comparable(m));
  }
  // The characters as_literal() takes beside ASCII, as one class (ranges
  // of consecutive ones), against every other character.
  std::string others, taken_class;
  std::size_t taken = 0;
  for (char32_t cp = 0x80; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (!as_literal(utf8(cp))) {
      others += utf8(cp);
      continue;
    }
    char32_t last = cp;
    while (last + 1 <= 0x10FFFF && as_literal(utf8(last + 1))) ++last;
    std::ostringstream range;
    range << std::hex << "\\x{" << static_cast<unsigned>(cp) << "}-\\x{"
          << static_cast<unsigned>(last) << "}";
    taken_class += range.str();
    taken += last - cp + 1;
    cp = last;
  }
  RE2::Options options = signatures::pattern_options();
  options.set_max_mem(64 << 20);
  const RE2 any_taken("([" + taken_class + "])", options);
  REQUIRE(any_taken.ok());
  for (const std::string& m : all_matches(any_taken, others)) {
    FAIL_CHECK("another character matched as one a literal may hold: " << m);
  }
  CHECK(taken > 20000);                   // the CJK ideographs at least
  CHECK_FALSE(as_literal(utf8(0x212A)));  // KELVIN SIGN: a case of k
  CHECK_FALSE(as_literal(utf8(0xFF21)));  // FULLWIDTH LATIN CAPITAL LETTER A
}

TEST_CASE("a text is compared bytewise only without capitals and letters RE2 folds to ASCII",
          "[pattern]") {
  CHECK(identify::literal_comparable("the licensee shall 通义千问"));
  CHECK_FALSE(identify::literal_comparable("The licensee"));
  CHECK_FALSE(
      identify::literal_comparable("\xE2\x84\xAA"
                                   "elvin"));
  CHECK_FALSE(
      identify::literal_comparable("li\xC5\xBF"
                                   "ence"));
  // Eight bytes at a time, as one at a time: every byte at every place.
  for (std::size_t length = 1; length < 20; ++length)
    for (std::size_t at = 0; at < length; ++at)
      for (int byte = 0; byte < 0x80; ++byte) {
        std::string text(length, 'a');
        text[at] = static_cast<char>(byte);
        const bool expected = !(byte >= 'A' && byte <= 'Z') && byte != '\n';
        INFO(length << " bytes, " << byte << " at " << at);
        CHECK(identify::literal_comparable(text) == expected);
      }
  CHECK(identify::literal_comparable("zzzzzzzzzz\xC3\xA9zzzzzzzzz"));
  CHECK_FALSE(identify::literal_comparable("zzzzzzzzzz\xC3\xA9zzzzzzzZ"));
  CHECK_FALSE(identify::literal_comparable("zzzzzzzzzz\xC3zzzzzzzzz"));  // cut short
  CHECK_FALSE(identify::literal_comparable("zzzzzzzzzz\xA9zzzzzzzzz"));  // no lead byte
  // On such a text the pattern goes to RE2, which folds the cases.
  const Pattern kelvin("kelvin", false);
  const std::string folded =
      "\xE2\x84\xAA"
      "elvin";
  CHECK(kelvin.find(folded, 0, identify::literal_comparable(folded)).has_value());
  CHECK(kelvin.find("KELVIN", 0, identify::literal_comparable("KELVIN")).has_value());
}

TEST_CASE("every built-in literal pattern finds, from any offset, what RE2 finds", "[pattern]") {
  const identify::CompiledSignatures& compiled = testing::compiled_signatures();
  const auto& sigs = testing::builtin_signatures().signatures;
  std::vector<const Pattern*> literals;
  std::size_t patterns = 0, word_bounded = 0;
  for (std::size_t i = 0; i < sigs.size(); ++i) {
    const identify::SignaturePatterns& p = compiled.patterns(i);
    std::vector<const identify::PatternList*> lists = {&p.anchors, &p.require, &p.reject,
                                                       &p.references};
    for (const auto& clause : p.clauses) lists.push_back(&clause);
    for (const identify::PatternList* list : lists)
      for (const Pattern* pattern : *list) {
        ++patterns;
        if (!pattern->is_literal()) continue;
        literals.push_back(pattern);
        const auto literal = as_literal(pattern->source());
        word_bounded += literal->word_start || literal->word_end;
      }
  }
  CHECK(literals.size() * 2 > patterns);  // most are phrases
  CHECK(word_bounded > 0);
  // Word boundaries beside letters, digits, '_' and punctuation, at both ends.
  std::deque<Pattern> bounded;  // a Pattern does not move
  for (const char* p : {"\\bqwen\\b", "\\bthe", "ing\\b", "\\b\\(c\\)", "\\(c\\)\\b", "\\b9 a\\b",
                        "\\b_x", "\\b通义\\b"})
    bounded.emplace_back(p, false);
  for (const Pattern& p : bounded) literals.push_back(&p);

  // Each phrase inside text built to test its edges: glued to word
  // characters, at the very start and end, twice, and cut short; each gap
  // filled with as many characters as it allows, one more, and with A
  // repeated nearer B. Searched from every offset around each occurrence.
  std::size_t searches = 0, found = 0, gapped = 0, grouped = 0;
  for (const Pattern* pattern : literals) {
    const identify::Literal l = *as_literal(pattern->source());
    gapped += !l.then.empty();
    grouped += !l.groups.empty();
    for (const std::string& text : edge_texts(l)) {
      INFO("[" << text << "]");
      REQUIRE(identify::literal_comparable(text));
      for (std::size_t from = 0; from <= text.size(); from += from % 7 == 0 ? 1 : 5) {
        INFO(pattern->source() << " in [" << text << "] from " << from);
        const Both answers = both(*pattern, text, from);
        CHECK(answers.same);
        ++searches;
        found += answers.literal.has_value();
      }
    }
  }
  CHECK(gapped > 10);
  CHECK(grouped > 10);
  CHECK(found > 0);
  CHECK(found < searches);

  // And on the real texts: every phrase a text's guards let through, from
  // the start and from just after its first match.
  for (const std::string& raw : testing::license_texts()) {
    const std::string text = text::normalize(raw).text;
    if (!identify::literal_comparable(text)) continue;
    const auto hits = compiled.guard_hits(text);
    for (std::size_t i = 0; i < sigs.size(); ++i)
      for (const auto& g : compiled.guarded_patterns(i)) {
        if (!g.pattern->is_literal() || !hits.allow(*g.guard)) continue;
        INFO(g.pattern->source());
        const Both first = both(*g.pattern, text, 0);
        CHECK(first.same);
        if (first.literal) CHECK(both(*g.pattern, text, first.literal->begin + 1).same);
      }
  }
}
