// Front matter: the license metadata a model card declares in its YAML
// (license, license_name, license_link, base_model), parsed with yaml-cpp.
// Malformed YAML is reported with its line, never thrown.
//
// Bounded work: yaml-cpp builds a node graph of several hundred bytes per
// node (an 8 MB card of small nodes cost 1.27 GB), so the YAML is first
// measured — its size, then its nodes counted by yaml-cpp's event parser,
// which builds nothing — and only a front matter within kMaxFrontMatterBytes
// and kMaxFrontMatterNodes is loaded. The same pass finds top-level keys
// given twice: the Hub's parser (PyYAML) keeps the last value, so that is the
// one reported, and the duplicate is recorded for a finding. `base_model`
// lists are de-duplicated and cut at kMaxBaseModels.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace oblige::text {

inline constexpr std::size_t kMaxFrontMatterBytes = 1u << 20;
inline constexpr std::size_t kMaxFrontMatterNodes = 20000;
inline constexpr std::size_t kMaxBaseModels = 64;

struct DuplicateKey {
  std::string key;
  std::vector<std::size_t> lines;  // 1-based README lines, in order; the last one counts
};

struct FrontMatter {
  enum class Problem {
    kNone,
    kSyntax,        // yaml-cpp could not parse it
    kNotMapping,    // a list or a scalar instead of keys and values
    kTooLarge,      // more than kMaxFrontMatterBytes: not parsed
    kTooManyNodes,  // more than kMaxFrontMatterNodes: not loaded
  };
  bool present = false;
  bool malformed = false;  // problem != kNone: nothing below was read
  Problem problem = Problem::kNone;
  std::string error;                  // when malformed
  std::size_t error_line = 0;         // 1-based line in the README
  std::vector<std::string> licenses;  // `license`: a string or a list
  std::size_t license_line = 0;       // 1-based line of the `license` key
  std::string license_name;
  std::string license_link;
  std::vector<std::string> base_models;  // distinct, in order, at most kMaxBaseModels
  std::size_t base_models_listed = 0;    // entries as listed, before de-duplication
  bool base_models_capped = false;       // more than kMaxBaseModels distinct entries
  std::size_t base_model_line = 0;    // 1-based line of the `base_model` key
  std::string base_model_relation;
  bool gated = false;                 // extra_gated_prompt or extra_gated_fields present
  // Top-level keys given more than once (values above are the last ones).
  std::vector<DuplicateKey> duplicate_keys;
};

FrontMatter parse_front_matter(std::string_view readme_text);

}  // namespace oblige::text
