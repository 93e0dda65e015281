// Rules: the fixed catalogue of everything oblige can report, as typed ids.
//
// A rule id is stable across versions: GitHub code scanning keys its alerts on
// it, and policies name it (`acknowledged[].rule`, `rules:`). The groups:
//
//   obligation/<kind>   something a license requires you to do
//   restriction/<kind>  something a license forbids or limits
//   license/<what>      which license a file holds (identified, altered, ...)
//   model-card/<what>   a model card's declared license against the folder
//   derivative/<what>   what a fine-tune or merge owes its base model
//   policy/<what>       a license's conditions against the team's .oblige.yml
//   scan/<problem>      a file oblige could not read as it should
//
// Every stage names what it found with a RuleId; only the render step
// (scanner/render/) turns a rule into words. The obligation and restriction
// rules are the clause kinds of the signature vocabulary (ClauseKind), which
// signature files write in `clauses[].kind` (signatures/README.md).
#pragma once

#include <optional>
#include <string_view>

#include "scanner/results/level.h"

namespace oblige::results {

// X(enumerator, "rule/id", default level)
#define OBLIGE_CLAUSE_RULES(X)                                                  \
  X(kAttribution, "obligation/attribution", kNote)                              \
  X(kNoticeOfModification, "obligation/notice-of-modification", kNote)          \
  X(kIncludeLicenseCopy, "obligation/include-license-copy", kNote)              \
  X(kSourceDisclosure, "obligation/source-disclosure", kWarning)                \
  X(kCommercialRegistration, "obligation/commercial-registration", kWarning)    \
  X(kPassThroughRestrictions, "obligation/pass-through-restrictions", kWarning) \
  X(kNaming, "obligation/naming", kNote)                                        \
  X(kPersonalInformation, "obligation/personal-information", kNote)             \
  X(kGoverningLaw, "obligation/governing-law", kNote)                           \
  X(kCommercialThreshold, "restriction/commercial-threshold", kWarning)         \
  X(kNonCommercial, "restriction/non-commercial", kWarning)                     \
  X(kResearchOnly, "restriction/research-only", kWarning)                       \
  X(kUseRestrictions, "restriction/use-restrictions", kNote)                    \
  X(kOutputRestriction, "restriction/output-restriction", kWarning)             \
  X(kNoTrademark, "restriction/no-trademark", kNote)                            \
  X(kTerminationOnLitigation, "restriction/termination-on-litigation", kNote)   \
  X(kNoWarranty, "restriction/no-warranty", kNote)                              \
  X(kNoSublicense, "restriction/no-sublicense", kWarning)                       \
  X(kNoDerivatives, "restriction/no-derivatives", kWarning)

#define OBLIGE_OTHER_RULES(X)                                                    \
  X(kLicenseIdentified, "license/identified", kNote)                             \
  X(kLicenseAltered, "license/altered", kWarning)                                \
  X(kLicenseReference, "license/reference", kNote)                               \
  X(kLicenseAmbiguous, "license/ambiguous", kWarning)                            \
  X(kLicenseUnrecognized, "license/unrecognized", kWarning)                      \
  X(kLicenseDeclared, "license/declared", kNote)                                 \
  X(kCardMismatch, "model-card/license-mismatch", kError)                        \
  X(kCardOtherNoName, "model-card/other-without-name", kWarning)                 \
  X(kCardOtherNoLink, "model-card/other-without-link", kWarning)                 \
  X(kCardLinkMissing, "model-card/license-link-missing", kWarning)               \
  X(kCardUnknownId, "model-card/unknown-license-id", kNote)                      \
  X(kCardNoLicense, "model-card/no-license", kWarning)                           \
  X(kBaseLicense, "derivative/base-model-license", kNote)                        \
  X(kDerivMissingCopy, "derivative/missing-license-copy", kWarning)              \
  X(kDerivMissingAttribution, "derivative/missing-attribution", kWarning)        \
  X(kDerivMissingChanges, "derivative/missing-modification-statement", kWarning) \
  X(kDerivNamePrefix, "derivative/name-prefix", kWarning)                        \
  X(kDerivContradicts, "derivative/contradicts-base-license", kError)            \
  X(kPolicyThreshold, "policy/threshold-exceeded", kError)                       \
  X(kPolicyNotCommercial, "policy/commercial-not-allowed", kError)               \
  X(kPolicyResearchOnly, "policy/research-use-only", kWarning)                   \
  X(kPolicyApproval, "policy/approval-required", kError)                         \
  X(kPolicyExcluded, "policy/excluded-licensee", kError)                         \
  X(kPolicyCopyleft, "policy/copyleft-distribution", kWarning)                   \
  X(kPolicyDenied, "policy/license-denied", kError)                              \
  X(kPolicyNotAllowed, "policy/license-not-allowed", kError)                     \
  X(kPolicyUnknown, "policy/unknown-license", kWarning)                          \
  X(kUnreadable, "scan/unreadable", kWarning)                                    \
  X(kBinary, "scan/binary-file", kWarning)                                       \
  X(kTooLarge, "scan/too-large", kWarning)                                       \
  X(kEncoding, "scan/invalid-encoding", kNote)                                   \
  X(kSymlinkOutside, "scan/symlink-outside-root", kWarning)                      \
  X(kSymlinkBroken, "scan/symlink-broken", kWarning)                             \
  X(kSymlinkFolder, "scan/symlink-to-folder", kNote)                             \
  X(kSpecialFile, "scan/special-file", kWarning)                                 \
  X(kUnreadableFolder, "scan/unreadable-folder", kWarning)                       \
  X(kPdfUnreadable, "scan/pdf-unreadable", kWarning)                             \
  X(kLfsPointer, "scan/lfs-pointer", kNote)                                      \
  X(kSymlinkInRepository, "scan/symlink-in-repository", kNote)                   \
  X(kFrontMatter, "scan/front-matter-malformed", kWarning)

enum class RuleId {
#define OBLIGE_ENUM(name, id, level) name,
  OBLIGE_CLAUSE_RULES(OBLIGE_ENUM) OBLIGE_OTHER_RULES(OBLIGE_ENUM)
#undef OBLIGE_ENUM
};

// The clause kinds: the obligation and restriction rules, in the same order.
enum class ClauseKind {
  kNone = -1,  // a clause that only identifies the text
#define OBLIGE_ENUM(name, id, level) name,
  OBLIGE_CLAUSE_RULES(OBLIGE_ENUM)
#undef OBLIGE_ENUM
};

inline constexpr int kRuleCount = 0
#define OBLIGE_COUNT(name, id, level) +1
    OBLIGE_CLAUSE_RULES(OBLIGE_COUNT) OBLIGE_OTHER_RULES(OBLIGE_COUNT);
#undef OBLIGE_COUNT

// "obligation/attribution", ...
const char* rule_id(RuleId rule);
std::optional<RuleId> parse_rule_id(std::string_view id);
Level default_level(RuleId rule);
// Every rule, in catalogue order.
const RuleId* all_rule_ids();

// The clause kind's vocabulary word ("attribution"), and back.
const char* kind_word(ClauseKind kind);
std::optional<ClauseKind> parse_kind(std::string_view word);
RuleId rule_for(ClauseKind kind);
// The kind of an obligation or restriction rule; kNone for the others.
ClauseKind kind_of(RuleId rule);
bool is_restriction(ClauseKind kind);

}  // namespace oblige::results
