// Normalization: the text the matcher sees.
//
// License texts reach us re-wrapped, in Markdown or HTML, with full-width
// punctuation, curly quotes and, for Chinese texts extracted from PDFs, line
// breaks in the middle of words. normalize() removes those differences so one
// signature pattern fits every copy. Each step is a named function that can be
// tested on its own, in the order normalize() applies them:
//
//   remove_default_ignorables
//                       invisible code points (Unicode Default_Ignorable:
//                       zero-width space and joiners, soft hyphen, word
//                       joiner, BOM, bidi controls, variation selectors, tag
//                       characters) go, so "Li\u200Bcense" reads "License";
//                       so does U+FFFD, left by a byte that could not be
//                       decoded (only when the text has one of them:
//                       has_default_ignorable)
//   strip_markup        Markdown headings, emphasis, links, tables, HTML tags
//                       and entities
//   fold_width          full-width ASCII forms (ＡＢＣ，１２３) to half-width
//   unify_punctuation   curly quotes to ' and ", every dash to -, bullets away
//   fold_case           ASCII upper case to lower case
//   collapse_whitespace any run of whitespace (incl. NBSP, U+3000) to one space
//   join_cjk            no space between two CJK characters (PDF line breaks)
//
// NormalizedText keeps, for every byte of the normalized text, the byte offset
// in the original text it came from: that is how a match is mapped back to a
// line (see LineIndex).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oblige::text {

// An allocator whose vectors leave new elements uninitialized: each step
// writes every offset it keeps, and zeroing its storage first was 2 % of a
// scan of a thousand license texts.
template <typename T>
struct Uninitialized : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = Uninitialized<U>;
  };
  Uninitialized() = default;
  template <typename U>
  Uninitialized(const Uninitialized<U>&) {}
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    if constexpr (sizeof...(Args) == 0)
      ::new (static_cast<void*>(p)) U;
    else
      ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
using Offsets = std::vector<std::uint32_t, Uninitialized<std::uint32_t>>;

struct NormalizedText {
  std::string text;
  Offsets origin;  // origin[i]: source byte offset of text[i]

  // Source offset of normalized offset `pos` (clamped to the end).
  std::uint32_t source_offset(std::size_t pos) const;
};

// Identity mapping: the starting point of the pipeline.
NormalizedText make_normalizable(std::string_view source);

NormalizedText remove_default_ignorables(const NormalizedText& in);
NormalizedText strip_markup(const NormalizedText& in);
NormalizedText fold_width(const NormalizedText& in);
NormalizedText unify_punctuation(const NormalizedText& in);
NormalizedText fold_case(const NormalizedText& in);
NormalizedText collapse_whitespace(const NormalizedText& in);
NormalizedText join_cjk(const NormalizedText& in);

// All steps, in order.
NormalizedText normalize(std::string_view source);

// The steps without the offset map: for patterns and short strings.
std::string normalize_string(std::string_view source);

bool is_cjk(char32_t cp);
// True when `utf8` holds a character is_cjk() accepts: without one, join_cjk()
// changes nothing.
bool has_cjk(std::string_view utf8);

// Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt).
bool is_default_ignorable(char32_t cp);
// True when remove_default_ignorables() has something to remove.
bool has_default_ignorable(std::string_view utf8);

// True when every byte of `s` is below 0x80 (read eight at a time).
bool is_ascii(std::string_view s);

// ASCII letters to lower case, other bytes unchanged (ids, file names).
std::string ascii_lower(std::string_view s);

}  // namespace oblige::text
