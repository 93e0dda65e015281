#include "scanner/identify/pattern.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <mutex>

#include "scanner/identify/prefilter_guards.h"
#include "scanner/signatures/pattern_options.h"
#include "scanner/text/decode.h"

namespace oblige::identify {
namespace {

// Half the loader's budget first: the DFA caches of the patterns a scan
// touches were most of its memory (the shared corpus: 78 MB peak at
// 128 KiB, 58 MB at 64 KiB, the same CPU; 32 KiB saves 15 MB more but costs
// 40-60 % more CPU on multi-megabyte texts). A pattern whose program does
// not fit gets the full budget it was checked with.
constexpr std::int64_t kScanPatternMemory = 64 << 10;

// Characters with no other case in Unicode, so RE2's case-insensitive match
// of one is the character itself: CJK punctuation, ideographs and
// extension A, general punctuation (curly quotes, dashes), full-width
// punctuation and digits (pattern_test checks it).
bool caseless(char32_t cp) {
  return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xFF01 && cp <= 0xFF20);
}

bool is_word_byte(unsigned char c) {  // RE2's \b is ASCII: [0-9A-Za-z_]
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// \b at position i of text: a word byte on one side only (the text's ends
// count as non-word).
bool word_boundary(std::string_view text, std::size_t i) {
  const bool before = i > 0 && is_word_byte(static_cast<unsigned char>(text[i - 1]));
  const bool after = i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]));
  return before != after;
}

// A phrase's spellings (the preferred one first, then the others in RE2's
// order) and its \b's: a Literal's A, or its B.
struct Phrase {
  const std::string& bytes;
  const std::vector<std::string>& others;
  bool word_start, word_end;
};

// The first occurrence of `needle` at or after `from`, ending by `until`,
// with p's \b's.
std::optional<Span> find_spelling(const Phrase& p, const std::string& needle, std::string_view text,
                                  std::size_t from, std::size_t until) {
  while (from + needle.size() <= until) {
    const void* at = memmem(text.data() + from, until - from, needle.data(), needle.size());
    if (at == nullptr) return std::nullopt;
    const auto begin = static_cast<std::size_t>(static_cast<const char*>(at) - text.data());
    const std::size_t end = begin + needle.size();
    if ((!p.word_start || word_boundary(text, begin)) && (!p.word_end || word_boundary(text, end)))
      return Span{begin, end};
    from = begin + 1;
  }
  return std::nullopt;
}

// The leftmost match of any of p's spellings; where several start there, the
// one RE2 prefers (the first in order), so a later one must start before.
// `spelling`: which one matched (0: p.bytes, k: p.others[k - 1]).
std::optional<Span> find_phrase(const Phrase& p, std::string_view text, std::size_t from,
                                std::size_t* spelling = nullptr) {
  std::optional<Span> best = find_spelling(p, p.bytes, text, from, text.size());
  std::size_t chosen = 0;
  for (std::size_t k = 0; k < p.others.size(); ++k) {
    if (best && best->begin == from) break;  // nothing starts before
    const std::string& other = p.others[k];
    const std::size_t until =
        best ? std::min(text.size(), best->begin - 1 + other.size()) : text.size();
    if (const auto m = find_spelling(p, other, text, from, until)) {
      best = m;
      chosen = k + 1;
    }
  }
  if (spelling) *spelling = chosen;
  return best;
}

// Characters in text[begin, end): the bytes that start one (the text is
// well-formed UTF-8), counting no further than `most` + 1.
std::size_t characters(std::string_view text, std::size_t begin, std::size_t end,
                       std::size_t most) {
  if (end - begin <= most) return end - begin;  // never more characters than bytes
  std::size_t n = 0;
  for (std::size_t i = begin; i < end && n <= most; ++i)
    n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return n;
}

// One part of a phrase: a character, a class of characters or a group of
// alternatives (each a spelling); optional when a '?' follows.
struct Element {
  std::vector<std::string> alternatives;
  bool optional = false;
  bool capture = false;
  // A run of plain characters (one alternative, not optional): the bytes of
  // its last character, which a '?' would split off. 0: no such run. Plain
  // characters join one run (an element each cost two allocations, most
  // of parsing a 300-character clause).
  std::size_t last_character = 0;
  std::size_t choices() const { return alternatives.size() + (optional ? 1 : 0); }
  // Choice c: an alternative, or (the last, when optional) nothing.
  const std::string& choice(std::size_t c) const {
    static const std::string kNothing;
    return c < alternatives.size() ? alternatives[c] : kNothing;
  }
};

// One character of a phrase at pattern[*i] into *out: an ASCII character in
// lower case, an escaped punctuation mark, or a caseless non-ASCII one.
// False for anything else (syntax, a class, an assertion).
bool take_character(std::string_view pattern, std::size_t* i, std::string* out) {
  const auto c = static_cast<unsigned char>(pattern[*i]);
  if (c == '\\') {
    // An escaped ASCII punctuation mark is that mark; an escaped letter or
    // digit is a class, an assertion or a code (\d, \b, \x41).
    if (*i + 1 >= pattern.size()) return false;
    const auto next = static_cast<unsigned char>(pattern[*i + 1]);
    if (next >= 0x80 || is_word_byte(next) || next < 0x21) return false;
    *out += static_cast<char>(next);
    *i += 2;
    return true;
  }
  if (c < 0x80) {
    if (std::strchr(".*+?()[]{}|^$", c) != nullptr || c < 0x20) return false;
    *out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    ++*i;
    return true;
  }
  std::size_t end = *i;  // a malformed sequence reads as U+FFFD, which has no place here
  if (!caseless(text::next_code_point(pattern, end))) return false;
  *out += pattern.substr(*i, end - *i);
  *i = end;
  return true;
}

// The spellings of a run of elements, in RE2's order of preference: the
// choices read as a number whose digits are the elements, the leftmost the
// highest (each optional part taken first, each group's first alternative
// first). With `groups`, what each capturing element holds in each
// spelling. Empty when there would be more than kMaxSpellings.
std::vector<std::string> spellings_of(const std::vector<Element>& elements,
                                      std::vector<std::vector<std::string>>* groups = nullptr) {
  std::size_t count = 1;
  for (const Element& e : elements) {
    count *= e.choices();
    if (count > kMaxSpellings) return {};
  }
  std::vector<std::string> out;
  for (std::size_t number = 0; number < count; ++number) {
    std::string spelling;
    std::vector<std::string> held;
    std::size_t rest = number, weight = count;
    for (const Element& e : elements) {
      weight /= e.choices();
      const std::string& chosen = e.choice(rest / weight);
      rest %= weight;
      spelling += chosen;
      if (e.capture) held.push_back(chosen);
    }
    out.push_back(std::move(spelling));
    if (groups) groups->push_back(std::move(held));
  }
  return out;
}

// A class at pattern[*i] ('['): "[cs]", each of its characters an
// alternative. No range, negation or class escape.
bool take_class(std::string_view pattern, std::size_t* i, Element* out) {
  std::size_t k = *i + 1;
  while (k < pattern.size() && pattern[k] != ']') {
    if (pattern[k] == '-' || pattern[k] == '^' || pattern[k] == '[') return false;
    std::string one;
    if (!take_character(pattern, &k, &one)) return false;
    out->alternatives.push_back(std::move(one));
  }
  if (k >= pattern.size() || out->alternatives.empty()) return false;
  *i = k + 1;
  return true;
}

bool take_group(std::string_view pattern, std::size_t* i, bool nested, Element* out);

// One element at pattern[*i] into *elements, or a '?' making the last one
// optional. Inside a group, groups may nest but not capture.
bool take_element(std::string_view pattern, std::size_t* i, bool nested,
                  std::vector<Element>* elements) {
  const char c = pattern[*i];
  if (c == '?') {
    // Greedy, so RE2 prefers it taken; "??" (lazy) is not taken for one.
    if (elements->empty() || elements->back().optional ||
        (*i + 1 < pattern.size() && pattern[*i + 1] == '?'))
      return false;
    Element& last = elements->back();
    if (last.last_character > 0 && last.last_character < last.alternatives[0].size()) {
      // Only the run's last character is optional.
      std::string& run = last.alternatives[0];
      Element one{{run.substr(run.size() - last.last_character)}};
      run.resize(run.size() - last.last_character);
      elements->push_back(std::move(one));
    }
    elements->back().optional = true;
    elements->back().last_character = 0;
    ++*i;
    return true;
  }
  if (c != '(' && c != '[') {
    if (elements->empty() || elements->back().last_character == 0) {
      elements->emplace_back();
      elements->back().alternatives.emplace_back();
    }
    Element& run = elements->back();
    const std::size_t before = run.alternatives[0].size();
    if (!take_character(pattern, i, &run.alternatives[0])) return false;
    run.last_character = run.alternatives[0].size() - before;
    return true;
  }
  Element e;
  if (c == '(') {
    if (!take_group(pattern, i, nested, &e)) return false;
  } else if (!take_class(pattern, i, &e)) {
    return false;
  }
  elements->push_back(std::move(e));
  return true;
}

// A group at pattern[*i] ('('): "(a|b)" or "(?:a|b)", each alternative a
// run of elements, none empty; its spellings are the group's alternatives.
bool take_group(std::string_view pattern, std::size_t* i, bool nested, Element* out) {
  std::size_t k = *i + 1;
  out->capture = !pattern.substr(k).starts_with("?:");
  if (!out->capture) k += 2;
  if (out->capture && nested) return false;
  std::vector<Element> run;
  const auto close_alternative = [&] {
    if (run.empty()) return false;
    std::vector<std::string> spellings = spellings_of(run);
    if (spellings.empty()) return false;  // too many: it would be left out
    for (std::string& s : spellings) out->alternatives.push_back(std::move(s));
    run.clear();
    return out->alternatives.size() <= kMaxSpellings;
  };
  while (k < pattern.size() && pattern[k] != ')') {
    if (pattern[k] == '|') {
      if (!close_alternative()) return false;
      ++k;
    } else if (!take_element(pattern, &k, true, &run)) {
      return false;
    }
  }
  if (k >= pattern.size() || !close_alternative()) return false;
  *i = k + 1;
  return true;
}

// The one gap at pattern[*i] ('.'): ".{0,N}?", N of at most four digits.
bool take_gap(std::string_view pattern, std::size_t* i, std::size_t* gap) {
  const std::string_view rest = pattern.substr(*i);
  if (!rest.starts_with(".{0,")) return false;
  std::size_t k = 4, n = 0;
  for (; k < rest.size() && k < 8 && rest[k] >= '0' && rest[k] <= '9'; ++k)
    n = n * 10 + static_cast<std::size_t>(rest[k] - '0');
  if (k == 4 || !rest.substr(k).starts_with("}?")) return false;
  *gap = n;
  *i += k + 2;
  return true;
}

}  // namespace

std::optional<Literal> as_literal(std::string_view pattern) {
  Literal out;
  if (pattern.starts_with("\\b")) {
    out.word_start = true;
    pattern.remove_prefix(2);
  }
  // A trailing \b, unless its backslash is itself escaped ("\\b": a
  // backslash, then b).
  if (pattern.ends_with("\\b")) {
    std::size_t slashes = 0;
    for (std::size_t i = pattern.size() - 1; i-- > 0 && pattern[i] == '\\';) ++slashes;
    if (slashes % 2 == 1) {
      out.word_end = true;
      pattern.remove_suffix(2);
    }
  }
  std::vector<Element> first, second;  // before and after the gap
  std::vector<Element>* phrase = &first;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '.' && phrase == &first && !first.empty()) {
      if (!take_gap(pattern, &i, &out.gap)) return std::nullopt;
      phrase = &second;
    } else if (!take_element(pattern, &i, false, phrase)) {
      return std::nullopt;
    }
  }
  if (first.empty() || (phrase == &second && second.empty())) return std::nullopt;
  std::vector<std::vector<std::string>> groups;
  std::vector<std::string> spellings = spellings_of(first, &groups);
  if (spellings.empty()) return std::nullopt;
  // Around a gap, A has one spelling (RE2 would go back to another where
  // the first finds no B) and neither part captures; B may have several.
  if (!second.empty()) {
    for (const Element& e : second)
      if (e.capture) return std::nullopt;
    if (spellings.size() > 1 || !groups[0].empty()) return std::nullopt;
    std::vector<std::string> then = spellings_of(second);
    if (then.empty()) return std::nullopt;
    for (const std::string& s : then)
      if (s.empty()) return std::nullopt;
    out.then = std::move(then[0]);
    out.then_others.assign(std::make_move_iterator(then.begin() + 1),
                           std::make_move_iterator(then.end()));
  }
  for (const std::string& s : spellings)
    if (s.empty()) return std::nullopt;  // it would match everywhere
  out.bytes = std::move(spellings[0]);
  out.others.assign(std::make_move_iterator(spellings.begin() + 1),
                    std::make_move_iterator(spellings.end()));
  if (!groups[0].empty()) out.groups = std::move(groups);
  return out;
}

bool literal_comparable(std::string_view text) {
  // Eight bytes at a time: a capital letter or a line break ends it (the
  // "has between" and "has zero" tests of Sean Anderson's Bit Twiddling
  // Hacks, exact for any byte).
  constexpr std::uint64_t kOnes = 0x0101010101010101u, kHigh = 0x8080808080808080u;
  bool ascii = true;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, text.data() + i, sizeof x);
    const std::uint64_t low = x & (kOnes * 127);
    const std::uint64_t capital =
        (kOnes * (127 + 'Z' + 1) - low) & ~x & (low + kOnes * (127 - ('A' - 1))) & kHigh;
    const std::uint64_t v = x ^ (kOnes * '\n');
    const std::uint64_t newline = (v - kOnes) & ~v & kHigh;
    if (capital | newline) return false;
    ascii = ascii && (x & kHigh) == 0;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c >= 'A' && c <= 'Z') || c == '\n') return false;
    ascii = ascii && c < 0x80;
  }
  // Malformed UTF-8: a gap could not count characters.
  return ascii || (text::is_valid_utf8(text) && !defeats_guards(text));
}

Pattern::Pattern(std::string source, bool wide_budget)
    : source_(std::move(source)), wide_budget_(wide_budget) {}

const std::optional<Literal>& Pattern::literal() const {
  if (!parsed_.load(std::memory_order_acquire)) {
    static std::mutex parsing;  // parsing is short; one lock for all patterns
    const std::lock_guard<std::mutex> lock(parsing);
    if (!parsed_.load(std::memory_order_relaxed)) {
      literal_ = as_literal(source_);
      parsed_.store(true, std::memory_order_release);
    }
  }
  return literal_;
}

const RE2& Pattern::re() const {
  std::call_once(compiled_, [&] {
    RE2::Options small = signatures::pattern_options();
    small.set_max_mem(kScanPatternMemory);
    RE2::Options wide = signatures::pattern_options();
    wide.set_max_mem(kWideMemory);
    if (!wide_budget_) re_ = std::make_unique<RE2>(source_, small);
    if (!re_ || !re_->ok())
      re_ = std::make_unique<RE2>(source_, wide_budget_ ? wide : signatures::pattern_options());
  });
  return *re_;
}

// "A .{0,N}? B": for each A from the left, the first B after it (the lazy
// gap takes the fewest characters), if within N characters. The first B
// after an A only moves right as A does, so B is searched for once over the
// text, not once per A.
std::optional<Span> Pattern::find_gapped(std::string_view text, std::size_t from) const {
  const Literal& l = *literal_;
  static const std::vector<std::string> kNone;
  const Phrase first{l.bytes, kNone, l.word_start, false};
  const Phrase second{l.then, l.then_others, false, l.word_end};
  std::optional<Span> b;
  for (std::optional<Span> a = find_phrase(first, text, from); a;
       a = find_phrase(first, text, a->begin + 1)) {
    if (!b || b->begin < a->end) b = find_phrase(second, text, a->end);
    if (!b) return std::nullopt;  // no B after this A, nor after any later one
    if (characters(text, a->end, b->begin, l.gap) <= l.gap) return Span{a->begin, b->end};
  }
  return std::nullopt;
}

std::optional<Span> Pattern::find_spellings(std::string_view text, std::size_t from,
                                            std::vector<std::string>* captures) const {
  std::size_t spelling = 0;
  const Literal& l = *literal_;
  const std::optional<Span> span =
      find_phrase(Phrase{l.bytes, l.others, l.word_start, l.word_end}, text, from, &spelling);
  if (span && captures && !l.groups.empty()) *captures = l.groups[spelling];
  return span;
}

std::optional<Span> Pattern::find(std::string_view text, std::size_t from, bool comparable,
                                  std::vector<std::string>* captures) const {
  from = std::min(from, text.size());
  if (comparable && literal()) {
    if (captures) captures->clear();
    return literal_->then.empty() ? find_spellings(text, from, captures) : find_gapped(text, from);
  }
  const RE2& program = re();
  const int groups = program.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> sub(static_cast<std::size_t>(groups) + 1);
  const re2::StringPiece piece(text.data(), text.size());
  if (!program.Match(piece, from, piece.size(), RE2::UNANCHORED, sub.data(), groups + 1))
    return std::nullopt;
  if (captures) {
    captures->clear();
    for (int g = 1; g <= groups; ++g) captures->emplace_back(sub[g].data(), sub[g].size());
  }
  const auto begin = static_cast<std::size_t>(sub[0].data() - text.data());
  return Span{begin, begin + sub[0].size()};
}

}  // namespace oblige::identify
