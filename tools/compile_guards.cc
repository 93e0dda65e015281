// oblige-compile-guards SIGNATURE_DIR OUTPUT.cc
//
// Build step: for every pattern of the signatures in SIGNATURE_DIR (anchors,
// references, version markers, clauses), the smallest set of literal atoms
// one of which any match must contain (scanner/identify/prefilter_guards.h),
// written as a C++ source.
//
// FilteredRE2 reduces a pattern to a tree of AND and OR over atoms; it does
// not show the tree, but it answers "would a text holding these atoms pass?"
// (AllPotentials). Passing is monotone in the atoms held, so if a text holding
// every atom except those of S fails, every match holds an atom of S. S
// starts as all atoms and sheds the shortest (the most common) while that
// still holds, the atoms most of the signatures' patterns share first, and
// each atom is then cut to its rarest window of kWindowBytes. A pattern with
// no such set (no atoms, or matches that need none) gets no guard.
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "scanner/identify/literal_scanner.h"
#include "scanner/signatures/loader.h"
#include "scanner/signatures/pattern_options.h"
#include "scanner/text/decode.h"
#include "scanner/text/normalize.h"

namespace {

constexpr int kMinAtomLength = 3;
// Each atom is cut to its rarest window of this many bytes (any part of a
// required string is required too): a small automaton the scan can run as a
// table, one lookup a byte (literal_scanner.h).
constexpr std::size_t kWindowBytes = 16;

// How unusual a byte is in license prose: digits, rare letters, punctuation
// other than spaces, and UTF-8 (CJK atoms) score; e, t, a and space do not.
int rarity(unsigned char c) {
  if (c >= 0x80 || (c >= '0' && c <= '9')) return 4;
  if (c == ' ') return 0;
  if (c < 'a' || c > 'z') return 3;
  static const char* const common = "etaoinsrhldcu";
  for (const char* p = common; *p; ++p)
    if (*p == static_cast<char>(c)) return 1;
  return 2;
}

// The window of at most kWindowBytes that the fewest of the signatures'
// patterns (`corpus`: every pattern of every signature, lower case, clauses
// included: the language licenses share) contain; the rarest bytes, then
// the earliest, on ties.
std::string rarest_window(const std::string& atom, const std::vector<std::string>& corpus) {
  if (atom.size() <= kWindowBytes) return atom;
  std::size_t best = 0, best_common = static_cast<std::size_t>(-1);
  int best_score = -1;
  for (std::size_t at = 0; at + kWindowBytes <= atom.size(); ++at) {
    const std::string window = atom.substr(at, kWindowBytes);
    std::size_t common = 0;
    for (const std::string& p : corpus) common += p.find(window) != std::string::npos;
    int score = 0;
    for (char c : window) score += rarity(static_cast<unsigned char>(c));
    if (common < best_common || (common == best_common && score > best_score)) {
      best_common = common;
      best_score = score;
      best = at;
    }
  }
  return atom.substr(best, kWindowBytes);
}

bool passes(re2::FilteredRE2& f, std::size_t atoms, const std::set<std::size_t>& without) {
  std::vector<int> held, out;
  for (std::size_t i = 0; i < atoms; ++i)
    if (!without.count(i)) held.push_back(static_cast<int>(i));
  f.AllPotentials(held, &out);
  return !out.empty();
}

// Code points of `s` that have case (so lower-casing the text could make or
// break an atom): anything non-ASCII outside the caseless CJK, kana, Hangul
// and punctuation ranges.
bool has_cased_non_ascii(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    // Invalid UTF-8 comes back as U+FFFD, which counts as cased: no guard.
    const char32_t cp = oblige::text::next_code_point(s, i);
    const bool caseless = (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x2E80 && cp <= 0x9FFF) ||
                          (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                          (cp >= 0xFE30 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF20) ||
                          (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFFEF) ||
                          cp >= 0x20000 || cp == 0xA0 || cp == 0xB7;
    if (!caseless) return true;
  }
  return false;
}

// The guard of `pattern`, or nothing.
std::vector<std::string> guard(const std::string& pattern, const std::vector<std::string>& corpus) {
  re2::FilteredRE2 f(kMinAtomLength);
  int id = 0;
  if (f.Add(pattern, oblige::signatures::pattern_options(), &id) != RE2::NoError) return {};
  std::vector<std::string> atoms;
  f.Compile(&atoms);
  std::set<std::size_t> all;
  for (std::size_t i = 0; i < atoms.size(); ++i) all.insert(i);
  if (atoms.empty() || passes(f, atoms.size(), all)) return {};  // unfiltered
  // The most common atoms (in the most patterns), then the shortest, go first.
  std::vector<std::size_t> common(atoms.size(), 0);
  for (std::size_t i = 0; i < atoms.size(); ++i)
    for (const std::string& p : corpus) common[i] += p.find(atoms[i]) != std::string::npos;
  std::vector<std::size_t> order(all.begin(), all.end());
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return common[a] != common[b] ? common[a] > common[b] : atoms[a].size() < atoms[b].size();
  });
  std::set<std::size_t> kept = all;
  for (std::size_t a : order) {
    kept.erase(a);
    if (kept.empty() || passes(f, atoms.size(), kept)) kept.insert(a);
  }
  std::vector<std::string> out;
  for (std::size_t a : kept) {
    if (has_cased_non_ascii(atoms[a]) || atoms[a].find('\0') != std::string::npos) return {};
    out.push_back(rarest_window(atoms[a], corpus));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A C string literal: octal escapes for anything but plain printable ASCII.
std::string literal(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?') {
      out += static_cast<char>(c);
    } else {
      const char digits[] = {'\\', static_cast<char>('0' + (c >> 6)),
                             static_cast<char>('0' + ((c >> 3) & 7)),
                             static_cast<char>('0' + (c & 7)), 0};
      out += digits;
    }
  }
  return out + "\"";
}

// `values` as the body of a C++ array initializer, 24 to a line.
template <typename T>
std::string numbers(std::span<const T> values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i % 24 == 0 ? "\n    " : " ") + std::to_string(values[i]) + ",";
  }
  return out + "\n";
}

// The literal scanner's tables for `atoms`, as C++ definitions whose names
// end in `suffix`.
std::string scanner_tables(const std::vector<std::string>& atoms, const std::string& suffix) {
  const std::vector<std::string_view> views(atoms.begin(), atoms.end());
  const oblige::identify::LiteralScanner scanner(views);
  const oblige::identify::LiteralTables& t = scanner.tables();
  // One element more than needed keeps every array non-empty.
  return "const std::uint8_t kClassOf" + suffix + "[] = {" + numbers(t.class_of) +
         "};\nconst std::uint16_t kNext" + suffix + "[] = {" + numbers(t.next) +
         "    0,\n};\nconst std::uint32_t kOutputBegin" + suffix + "[] = {" +
         numbers(t.output_begin) + "};\nconst std::uint32_t kOutputs" + suffix + "[] = {" +
         numbers(t.outputs) + "    0,\n};\nconst LiteralTables kTables" + suffix + " = {" +
         std::to_string(t.literal_count) + ", " + std::to_string(t.classes) + ", " +
         std::to_string(t.longest) + ", {kClassOf" + suffix + ", 256}, {kNext" + suffix + ", " +
         std::to_string(t.next.size()) + "}, {kOutputBegin" + suffix + ", " +
         std::to_string(t.output_begin.size()) + "}, {kOutputs" + suffix + ", " +
         std::to_string(t.outputs.size()) + "}};\n";
}

// The scanner parts (prefilter_guards.h): the ASCII atoms, then the others
// (Chinese ones), each with its tables and the atom numbers of its literals.
std::string scanner_parts(const std::vector<std::string>& atoms) {
  std::string out, parts;
  for (const bool non_ascii : {false, true}) {
    const std::string suffix = non_ascii ? "NonAscii" : "Ascii";
    std::vector<std::string> mine;
    std::vector<std::uint32_t> atom_of;
    for (std::size_t i = 0; i < atoms.size(); ++i)
      if (!oblige::text::is_ascii(atoms[i]) == non_ascii) {
        mine.push_back(atoms[i]);
        atom_of.push_back(static_cast<std::uint32_t>(i));
      }
    out += scanner_tables(mine, suffix);
    out += "const std::uint32_t kAtomOf" + suffix + "[] = {" +
           numbers(std::span<const std::uint32_t>(atom_of)) + "    0,\n};\n";
    parts += "    {kTables" + suffix + ", {kAtomOf" + suffix + ", " +
             std::to_string(atom_of.size()) + "}, " + (non_ascii ? "true" : "false") + "},\n";
  }
  return out + "const GuardScannerPart kParts[] = {\n" + parts + "};\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace oblige::signatures;
  if (argc != 3) {
    std::cerr << "usage: oblige-compile-guards SIGNATURE_DIR OUTPUT.cc\n";
    return 2;
  }
  SignatureSet set;
  if (LoadResult r = load_directory(argv[1], &set); !r.ok) {
    std::cerr << "oblige-compile-guards: " << r.error << "\n";
    return 1;
  }
  if (LoadResult r = finalize(&set); !r.ok) {
    std::cerr << "oblige-compile-guards: " << r.error << "\n";
    return 1;
  }
  std::vector<std::string> corpus;
  for (const Signature& sig : set.signatures) {
    std::vector<const std::vector<std::string>*> lists = {&sig.anchors, &sig.references,
                                                          &sig.require, &sig.reject};
    for (const Clause& c : sig.clauses) lists.push_back(&c.patterns);
    for (const auto* list : lists)
      for (std::string p : *list) {
        for (char& c : p)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        corpus.push_back(std::move(p));
      }
  }
  std::set<std::string> patterns;
  for (const Signature& sig : set.signatures) {
    if (!sig.generic)
      for (const auto* list : {&sig.anchors, &sig.references, &sig.require, &sig.reject})
        patterns.insert(list->begin(), list->end());
    for (const Clause& c : sig.clauses) patterns.insert(c.patterns.begin(), c.patterns.end());
  }
  std::string guards, atoms;
  std::vector<std::string> all_atoms;
  std::size_t atom_count = 0, guarded = 0;
  for (const std::string& p : patterns) {
    const std::vector<std::string> g = guard(p, corpus);
    if (g.empty()) continue;
    ++guarded;
    guards += "    {" + literal(p) + ", " + std::to_string(atom_count) + ", " +
              std::to_string(g.size()) + "},\n";
    for (const std::string& a : g) atoms += "    " + literal(a) + ",\n";
    all_atoms.insert(all_atoms.end(), g.begin(), g.end());
    atom_count += g.size();
  }
  std::ofstream out(argv[2], std::ios::binary);
  out << "// Generated by tools/compile_guards.cc from signatures/: do not edit.\n"
         "#include \"scanner/identify/prefilter_guards.h\"\n\n"
         "namespace oblige::identify {\nnamespace {\n\n"
         "const EmbeddedGuard kGuards[] = {\n"
      << guards << "    {nullptr, 0, 0},\n};\n\nconst char* const kAtoms[] = {\n"
      << atoms << "    nullptr,\n};\n\n"
      << scanner_parts(all_atoms)
      << "\n}  // namespace\n\n"
         "std::span<const EmbeddedGuard> embedded_guards() {\n"
         "  return {kGuards, "
      << guarded
      << "};\n}\n\n"
         "std::span<const char* const> embedded_guard_atoms() {\n"
         "  return {kAtoms, "
      << atom_count
      << "};\n}\n\n"
         "std::span<const GuardScannerPart> embedded_guard_scanners() { return kParts; }\n\n"
         "}  // namespace oblige::identify\n";
  if (!out) {
    std::cerr << "oblige-compile-guards: cannot write " << argv[2] << "\n";
    return 1;
  }
  std::cout << "oblige-compile-guards: " << guarded << " of " << patterns.size()
            << " patterns guarded by " << atom_count << " atoms\n";
  return 0;
}
