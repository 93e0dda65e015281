// The JSON fields of the rendered structs, each written down once: its key
// and where it lives in the struct, in the order the reports print them.
// json_fields.cc writes with these tables and target_record.cc reads with
// them, so a field added to one cannot be forgotten by the other.
//
//   write_fields(kDeclaredFields, declared, &j);   // j["file"] = declared.file, ...
//   read_fields(kDeclaredFields, j, &declared);    // strict: a missing key throws
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "scanner/render/rendered.h"
#include "scanner/results/level.h"

namespace oblige::results {

// A level is written as its word ("error") and read back strictly.
inline void to_json(nlohmann::json& j, Level level) { j = level_name(level); }
inline void to_json(nlohmann::ordered_json& j, Level level) { j = level_name(level); }
template <typename Json>
void from_json(const Json& j, Level& level) {
  const std::string word = j.template get<std::string>();
  if (!parse_level(word, &level)) throw std::invalid_argument("level " + word);
}

}  // namespace oblige::results

namespace oblige::render {

// A group's word in records, as group_word() gives it; read back strictly.
const char* group_word(Group group);
bool parse_group(std::string_view word, Group* group);
inline void to_json(nlohmann::ordered_json& j, Group group) { j = group_word(group); }
template <typename Json>
void from_json(const Json& j, Group& group) {
  const std::string word = j.template get<std::string>();
  if (!parse_group(word, &group)) throw std::invalid_argument("group " + word);
}

}  // namespace oblige::render

namespace oblige::reporters {

// A key and an accessor that returns the member, const or not.
template <typename Access>
struct Field {
  const char* key;
  Access member;
};
// Clang 14 lacks class template argument deduction for aggregates (P1816).
template <typename Access>
Field(const char*, Access) -> Field<Access>;

#define OBLIGE_FIELD(key, path)                  \
  Field {                                        \
    key, [](auto& o) -> auto& { return o.path; } \
  }

inline constexpr auto kFindingFields = std::make_tuple(
    OBLIGE_FIELD("rule_id", rule_id), OBLIGE_FIELD("level", level),
    OBLIGE_FIELD("message", message), OBLIGE_FIELD("file", path),
    OBLIGE_FIELD("line", span.start_line), OBLIGE_FIELD("end_line", span.end_line),
    OBLIGE_FIELD("column", span.start_column), OBLIGE_FIELD("license", license),
    OBLIGE_FIELD("clause", clause), OBLIGE_FIELD("source", source),
    OBLIGE_FIELD("pattern", pattern), OBLIGE_FIELD("excerpt", excerpt),
    OBLIGE_FIELD("parameters", parameters), OBLIGE_FIELD("fingerprint", fingerprint));

// What a record adds to a finding for the other formats.
inline constexpr auto kFindingRecordFields =
    std::make_tuple(OBLIGE_FIELD("end_column", span.end_column), OBLIGE_FIELD("uri", uri),
                    OBLIGE_FIELD("group", group), OBLIGE_FIELD("actionable", actionable),
                    OBLIGE_FIELD("base_model", base_model), OBLIGE_FIELD("block", block));

// A license's plain fields up to its source; the rest have shapes of their own.
inline constexpr auto kLicenseHeadFields = std::make_tuple(
    OBLIGE_FIELD("id", id), OBLIGE_FIELD("name", name), OBLIGE_FIELD("spdx", spdx),
    OBLIGE_FIELD("scancode", scancode), OBLIGE_FIELD("version", version),
    OBLIGE_FIELD("family", family), OBLIGE_FIELD("kind", kind),
    OBLIGE_FIELD("commercial_use", commercial_use), OBLIGE_FIELD("file", file),
    OBLIGE_FIELD("start_line", start_line), OBLIGE_FIELD("end_line", end_line),
    OBLIGE_FIELD("status", status), OBLIGE_FIELD("scope", scope), OBLIGE_FIELD("source", source));

inline constexpr auto kMatchedClauseFields =
    std::make_tuple(OBLIGE_FIELD("id", id), OBLIGE_FIELD("kind", kind), OBLIGE_FIELD("line", line));

// Added passages are written by their lines only.
inline constexpr auto kAddedLinesFields =
    std::make_tuple(OBLIGE_FIELD("start_line", start_line), OBLIGE_FIELD("end_line", end_line));

inline constexpr auto kCountsFields = std::make_tuple(
    OBLIGE_FIELD("error", error), OBLIGE_FIELD("warning", warning), OBLIGE_FIELD("note", note));

inline constexpr auto kGovernsFields =
    std::make_tuple(OBLIGE_FIELD("folder", folder), OBLIGE_FIELD("subject", subject),
                    OBLIGE_FIELD("license", license), OBLIGE_FIELD("name", name),
                    OBLIGE_FIELD("source", source), OBLIGE_FIELD("where", where));

inline constexpr auto kDeclaredFields = std::make_tuple(
    OBLIGE_FIELD("file", file), OBLIGE_FIELD("line", line), OBLIGE_FIELD("licenses", licenses),
    OBLIGE_FIELD("license_name", license_name), OBLIGE_FIELD("license_link", license_link),
    OBLIGE_FIELD("base_models", base_models));

// A scan report's files; records add each file's hash.
inline constexpr auto kFileFields =
    std::make_tuple(OBLIGE_FIELD("path", path), OBLIGE_FIELD("role", role),
                    OBLIGE_FIELD("encoding", encoding), OBLIGE_FIELD("read", read));

// An audited model's identity as the audit report prints it; records add
// its place in the audit (`order`).
inline constexpr auto kModelIdentityFields =
    std::make_tuple(OBLIGE_FIELD("layout", layout), OBLIGE_FIELD("repo_type", repo_type),
                    OBLIGE_FIELD("model_id", repo_id), OBLIGE_FIELD("revision", revision),
                    OBLIGE_FIELD("refs", refs), OBLIGE_FIELD("path", path));

#undef OBLIGE_FIELD

template <typename Fields, typename T, typename Json>
void write_fields(const Fields& fields, const T& object, Json* j) {
  std::apply([&](const auto&... f) { (((*j)[f.key] = f.member(object)), ...); }, fields);
}

// Strict: a missing key or a value of the wrong type throws nlohmann's
// out_of_range or type_error.
template <typename Fields, typename T, typename Json>
void read_fields(const Fields& fields, const Json& j, T* object) {
  std::apply(
      [&](const auto&... f) {
        ((f.member(*object) =
              j.at(f.key).template get<std::remove_cvref_t<decltype(f.member(*object))>>()),
         ...);
      },
      fields);
}

// Writes each element of `items` as an object of `fields`.
template <typename Fields, typename Items>
nlohmann::ordered_json write_array(const Fields& fields, const Items& items) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& item : items) {
    nlohmann::ordered_json j;
    write_fields(fields, item, &j);
    out.push_back(std::move(j));
  }
  return out;
}

template <typename Fields, typename Items, typename Json>
void read_array(const Fields& fields, const Json& j, Items* items) {
  for (const auto& element : j) {
    typename Items::value_type item{};
    read_fields(fields, element, &item);
    items->push_back(std::move(item));
  }
}

}  // namespace oblige::reporters
