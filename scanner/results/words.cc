// The words of the evidence enums, as the JSON schema spells them.
#include "scanner/results/evidence.h"
#include "scanner/results/target.h"

namespace oblige::results {

const char* status_word(MatchStatus status) {
  switch (status) {
    case MatchStatus::kText:
      return "text";
    case MatchStatus::kAltered:
      return "altered";
    case MatchStatus::kReference:
      return "reference";
  }
  return "text";
}

const char* scope_word(Scope scope) {
  return scope == Scope::kThirdParty ? "third-party" : "model";
}

const char* role_word(FileRole role) {
  switch (role) {
    case FileRole::kLicense:
      return "license";
    case FileRole::kNotice:
      return "notice";
    case FileRole::kPolicy:
      return "policy";
    case FileRole::kReadme:
      return "readme";
  }
  return "license";
}

const char* source_word(TermsSource source) {
  switch (source) {
    case TermsSource::kText:
      return "text";
    case TermsSource::kDeclared:
      return "declared";
    case TermsSource::kInherited:
      return "inherited";
  }
  return "text";
}

const char* verdict_word(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAllowed:
      return "allowed";
    case Verdict::kAllowedWithObligations:
      return "allowed with obligations";
    case Verdict::kNeedsApproval:
      return "needs approval";
    case Verdict::kNotAllowed:
      return "not allowed";
  }
  return "allowed";
}

}  // namespace oblige::results
