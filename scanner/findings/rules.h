// Rules: the fixed catalogue of everything oblige can report.
//
// A rule id is stable across versions: GitHub code scanning keys its alerts on
// it, and policies refer to it. There are three groups:
//
//   obligation/<kind>   something a license requires you to do
//   restriction/<kind>  something a license forbids or limits
//   license/<what>      which license a file holds (identified, altered, ...)
//   model-card/<what>   a model card's declared license against the folder
//   derivative/<what>   what a fine-tune or merge owes its base model
//   policy/<what>       a license's conditions against the team's .oblige.yml
//   scan/<problem>      a file oblige could not read as it should
//
// The obligation and restriction kinds are the vocabulary signature files use
// in `clauses[].kind` (documented in signatures/README.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scanner/findings/finding.h"

namespace oblige::findings {

struct Rule {
  std::string id;          // e.g. "restriction/commercial-threshold"
  std::string kind;        // the signature vocabulary word, e.g. "commercial-threshold"; empty for license/scan rules
  std::string name;        // PascalCase, for SARIF reportingDescriptor.name
  Level default_level;
  std::string short_description;
  std::string full_description;
  std::string action;      // what the user must (not) do, phrased as an imperative
  bool is_restriction = false;
};

const std::vector<Rule>& all_rules();

// The rule for a signature clause kind ("attribution", ...), or nullptr.
const Rule* rule_for_kind(std::string_view kind);
// The rule with this id, or nullptr.
const Rule* rule_by_id(std::string_view id);

// A finding about a file itself (unreadable, a broken link, ...): the rule's
// default level, "PATH: message", identified by rule and path.
Finding file_finding(const char* rule_id, const std::string& path, const std::string& message,
                     std::size_t line = 0);

// Rule ids for findings that are not obligations.
namespace rule_ids {
inline constexpr const char* kLicenseIdentified = "license/identified";
inline constexpr const char* kLicenseAltered = "license/altered";
inline constexpr const char* kLicenseReference = "license/reference";
inline constexpr const char* kLicenseAmbiguous = "license/ambiguous";
inline constexpr const char* kLicenseUnrecognized = "license/unrecognized";
inline constexpr const char* kDeclaredLicense = "license/declared";
inline constexpr const char* kUnreadable = "scan/unreadable";
inline constexpr const char* kBinary = "scan/binary-file";
inline constexpr const char* kTooLarge = "scan/too-large";
inline constexpr const char* kEncoding = "scan/invalid-encoding";
inline constexpr const char* kSymlinkOutside = "scan/symlink-outside-root";
inline constexpr const char* kSymlinkBroken = "scan/symlink-broken";
inline constexpr const char* kSymlinkFolder = "scan/symlink-to-folder";
inline constexpr const char* kSpecialFile = "scan/special-file";
inline constexpr const char* kUnreadableFolder = "scan/unreadable-folder";
inline constexpr const char* kPdfUnreadable = "scan/pdf-unreadable";
inline constexpr const char* kLfsPointer = "scan/lfs-pointer";
inline constexpr const char* kSymlinkInRepository = "scan/symlink-in-repository";
inline constexpr const char* kFrontMatter = "scan/front-matter-malformed";
inline constexpr const char* kCardMismatch = "model-card/license-mismatch";
inline constexpr const char* kCardOtherNoName = "model-card/other-without-name";
inline constexpr const char* kCardOtherNoLink = "model-card/other-without-link";
inline constexpr const char* kCardLinkMissing = "model-card/license-link-missing";
inline constexpr const char* kCardUnknownId = "model-card/unknown-license-id";
inline constexpr const char* kCardNoLicense = "model-card/no-license";
inline constexpr const char* kBaseLicense = "derivative/base-model-license";
inline constexpr const char* kDerivMissingCopy = "derivative/missing-license-copy";
inline constexpr const char* kDerivMissingAttribution = "derivative/missing-attribution";
inline constexpr const char* kDerivMissingChanges = "derivative/missing-modification-statement";
inline constexpr const char* kDerivNamePrefix = "derivative/name-prefix";
inline constexpr const char* kDerivContradicts = "derivative/contradicts-base-license";
inline constexpr const char* kPolicyThreshold = "policy/threshold-exceeded";
inline constexpr const char* kPolicyNotCommercial = "policy/commercial-not-allowed";
inline constexpr const char* kPolicyApproval = "policy/approval-required";
inline constexpr const char* kPolicyExcluded = "policy/excluded-licensee";
inline constexpr const char* kPolicyCopyleft = "policy/copyleft-distribution";
inline constexpr const char* kPolicyDenied = "policy/license-denied";
inline constexpr const char* kPolicyNotAllowed = "policy/license-not-allowed";
inline constexpr const char* kPolicyUnknown = "policy/unknown-license";
}  // namespace rule_ids

}  // namespace oblige::findings
