// Pattern: one signature pattern, searched over a normalized text.
//
// Three in four built-in patterns are a plain phrase ("give any other
// recipients of the materials or derivative works a copy of this agreement"),
// at most with \b at either end, and more are a phrase with an optional
// character or two ("non- ?transferable") or two phrases with a short gap
// ("if you institute patent litigation .{0,300}?shall terminate"). Such a
// pattern is searched as bytes, with no RE2 program at all: compiling the
// programs was a tenth of the time of a scan of a thousand license texts
// (the gap patterns, 30 of 228 compiled, were most of what was left), and
// each search read the whole text through a forward and a reverse DFA.
//
// The bytes give exactly RE2's answer (the leftmost match, its span, its
// captures) where the text is one a phrase can be compared with bytewise
// (literal_comparable): no ASCII capital letter (normalize() folds them), no
// line break (which '.' does not match), well-formed UTF-8 (a gap counts
// characters), and none of the non-ASCII letters RE2's case folding joins to
// an ASCII one (defeats_guards). A phrase is only taken for one when each of
// its characters has no other case in Unicode (ASCII, CJK ideographs and
// punctuation, general punctuation): pattern_test checks those assumptions
// against the RE2 linked in. Every other pattern, and every pattern on other
// text, goes to RE2, compiled the first time it is needed.
#pragma once

#include <re2/re2.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oblige::identify {

struct Span {
  std::size_t begin, end;
};

// The phrase a pattern is, when it is one: its bytes in lower case, and
// whether \b stands before and after it. A character or a group may be
// optional ("non- ?transferable", "licensed under (the )?gpl-?(v)?2"), and a
// group may hold alternatives ("(and/or|and)"): then the phrase has several
// spellings, `bytes` the one RE2 prefers (from the left: each optional part
// taken, each group's first alternative) and `others` the rest in RE2's order
// of preference. `groups[k]`: what each capturing group holds in spelling k
// (0: `bytes`), "" where it is skipped (as RE2 reports it).
// A class of characters ("licen[cs]e") is a group of one-character
// alternatives.
// "A .{0,N}? B" is the phrase A followed, at most N characters after it, by
// the first B (`then`, or one of `then_others`, preferred in that order); \b
// may stand before A and after B. A has one spelling and no group captures.
struct Literal {
  std::string bytes;
  std::vector<std::string> others;
  std::vector<std::vector<std::string>> groups;  // empty: no capturing group
  bool word_start = false, word_end = false;
  std::string then;  // empty: a single phrase
  std::vector<std::string> then_others;
  std::size_t gap = 0;
};
// At most this many spellings.
constexpr std::size_t kMaxSpellings = 16;
std::optional<Literal> as_literal(std::string_view pattern);

// True when literals may be compared bytewise with `text` (see above).
bool literal_comparable(std::string_view text);

// The generic detectors search whole unrecognized texts with counted
// repetitions of negated classes ("(?:output|results?)[^.]{0,60}to ..."),
// whose DFAs outgrow 128 KiB: RE2 then falls back to its NFA, which took
// 4.8 ms for one pattern over a 20 KB text. With 512 KiB their searches of
// the throughput set take 8.6 -> 3.1 ms, and the peak grows 0.7 MB (a
// cache is only as big as the states a text reaches).
constexpr std::int64_t kWideMemory = 512 << 10;

class Pattern {
 public:
  // `wide_budget`: compile with a budget of kWideMemory at once, not half
  // the loader's first (compiled_signatures.cc gives it to the generic
  // detectors' patterns).
  Pattern(std::string source, bool wide_budget);

  const std::string& source() const { return source_; }
  bool is_literal() const { return literal().has_value(); }
  // The RE2 program, compiled on first use (thread-safe).
  const RE2& re() const;

  // The leftmost match in text[from, end()) (the text around it is context
  // for \b), with its capture groups; `comparable` is literal_comparable(text),
  // asked once per text by the caller.
  std::optional<Span> find(std::string_view text, std::size_t from, bool comparable,
                           std::vector<std::string>* captures = nullptr) const;

 private:
  std::string source_;
  bool wide_budget_;
  // as_literal(source_), worked out on first use: a scan touches few of the
  // patterns, and parsing them all was a fifth of a small scan's start-up.
  mutable std::optional<Literal> literal_;
  mutable std::atomic<bool> parsed_{false};
  mutable std::once_flag compiled_;
  const std::optional<Literal>& literal() const;
  mutable std::unique_ptr<RE2> re_;
  std::optional<Span> find_gapped(std::string_view text, std::size_t from) const;
  std::optional<Span> find_spellings(std::string_view text, std::size_t from,
                                     std::vector<std::string>* captures) const;
};

}  // namespace oblige::identify
