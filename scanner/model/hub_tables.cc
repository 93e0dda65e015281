#include "scanner/model/hub_tables.h"

#include "scanner/signatures/compiled_form.h"
#include "scanner/signatures/embedded.h"
#include "scanner/text/normalize.h"

namespace oblige::model {
namespace {

// True when `pattern` has an alternation outside any group ('^a|b' matches
// b anywhere, so '^' anchors only its first branch).
bool top_level_alternation(const std::string& pattern) {
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth <= 0) {
      return true;
    }
  }
  return false;
}

// The literal text an anchored pattern starts with, up to its first
// metacharacter: '^qwen/qwen1\.5-' -> "qwen/qwen1". A character class,
// group or escape ends it; a character that ?, * or { may make optional is
// left out.
std::string literal_prefix(const std::string& pattern) {
  if (pattern.empty() || pattern[0] != '^' || top_level_alternation(pattern)) return "";
  std::string out;
  for (std::size_t i = 1; i < pattern.size(); ++i) {
    const char c = pattern[i];
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '-' || c == '_';
    if (!plain) {
      if ((c == '?' || c == '*' || c == '{') && !out.empty()) out.pop_back();
      break;
    }
    out += c;
  }
  return out;
}

}  // namespace

const HubTables& HubTables::builtin() {
  static const HubTables tables = [] {
    HubTables t;
    signatures::Rows hub = signatures::rows_from_compiled_form(signatures::compiled_hub_licenses());
    t.as_of_ = hub.back().front();  // the last row holds the date
    hub.pop_back();
    for (auto& row : hub) t.licenses_.push_back({row[0], row[1], row[2], row[3]});
    for (auto& row : signatures::rows_from_compiled_form(signatures::compiled_publishers()))
      t.publishers_.push_back({row[0], row[1], literal_prefix(row[0])});
    return t;
  }();
  return tables;
}

const HubLicense* HubTables::license(const std::string& hub_id) const {
  const std::string id = text::ascii_lower(hub_id);
  for (const HubLicense& l : licenses_)
    if (l.id == id) return &l;
  return nullptr;
}

std::string HubTables::publisher_license(const std::string& model_id) const {
  const std::string id = text::ascii_lower(model_id);
  for (const PublisherRule& rule : publishers_) {
    if (id.compare(0, rule.prefix.size(), rule.prefix) != 0) continue;
    PublisherRule::Compiled& c = *rule.compiled;
    std::call_once(c.once, [&] { c.re = std::make_unique<RE2>(rule.match); });
    if (RE2::PartialMatch(id, *c.re)) return rule.license;
  }
  return "";
}

}  // namespace oblige::model
