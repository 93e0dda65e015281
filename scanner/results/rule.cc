#include "scanner/results/rule.h"

#include <array>
#include <cstring>

namespace oblige::results {
namespace {

struct RuleRow {
  RuleId rule;
  const char* id;
  Level level;
};

constexpr std::array<RuleRow, kRuleCount> kRules = {{
#define OBLIGE_ROW(name, id, level) {RuleId::name, id, Level::level},
    OBLIGE_CLAUSE_RULES(OBLIGE_ROW) OBLIGE_OTHER_RULES(OBLIGE_ROW)
#undef OBLIGE_ROW
}};

constexpr int kClauseKinds = 0
#define OBLIGE_COUNT(name, id, level) +1
    OBLIGE_CLAUSE_RULES(OBLIGE_COUNT);
#undef OBLIGE_COUNT

constexpr std::array<RuleId, kRuleCount> kAll = [] {
  std::array<RuleId, kRuleCount> all{};
  for (std::size_t i = 0; i < kRules.size(); ++i) all[i] = kRules[i].rule;
  return all;
}();

}  // namespace

const char* rule_id(RuleId rule) { return kRules[static_cast<std::size_t>(rule)].id; }

std::optional<RuleId> parse_rule_id(std::string_view id) {
  for (const RuleRow& row : kRules)
    if (id == row.id) return row.rule;
  return std::nullopt;
}

Level default_level(RuleId rule) { return kRules[static_cast<std::size_t>(rule)].level; }

const RuleId* all_rule_ids() { return kAll.data(); }

const char* kind_word(ClauseKind kind) {
  if (kind == ClauseKind::kNone) return "";
  const char* id = rule_id(rule_for(kind));
  return std::strchr(id, '/') + 1;
}

std::optional<ClauseKind> parse_kind(std::string_view word) {
  // Each kind's word worked out once: loading the signatures asks 1,200 times.
  static const std::array<std::string_view, kClauseKinds> kWords = [] {
    std::array<std::string_view, kClauseKinds> words;
    for (int k = 0; k < kClauseKinds; ++k) words[k] = kind_word(static_cast<ClauseKind>(k));
    return words;
  }();
  for (int k = 0; k < kClauseKinds; ++k)
    if (word == kWords[k]) return static_cast<ClauseKind>(k);
  return std::nullopt;
}

RuleId rule_for(ClauseKind kind) { return static_cast<RuleId>(static_cast<int>(kind)); }

ClauseKind kind_of(RuleId rule) {
  const int r = static_cast<int>(rule);
  return r < kClauseKinds ? static_cast<ClauseKind>(r) : ClauseKind::kNone;
}

bool is_restriction(ClauseKind kind) {
  return kind != ClauseKind::kNone &&
         std::strncmp(rule_id(rule_for(kind)), "restriction/", 12) == 0;
}

}  // namespace oblige::results
