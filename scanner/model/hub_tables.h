// The Hugging Face tables in signatures/huggingface/: the license ids the Hub
// accepts (with their SPDX ids and oblige signatures), and well-known
// publishers whose base models' licenses can be inferred from the model id.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace oblige::model {

struct HubLicense {
  std::string id;  // e.g. "llama3.1", "apache-2.0", "other"
  std::string name;
  std::string spdx;       // SPDX id or LicenseRef-<id>
  std::string signature;  // the oblige signature id, empty when none
};

struct PublisherRule {
  std::string match;  // RE2 on the lower-cased "org/name"
  std::string license;
  // The literal start every match has ("meta-llama/llama-2-" of
  // '^meta-llama/llama-2-'; empty when the pattern has none): an id without
  // it skips the rule, and the pattern is compiled only when one has it.
  std::string prefix;
  struct Compiled {
    std::once_flag once;
    std::unique_ptr<RE2> re;
  };
  std::shared_ptr<Compiled> compiled = std::make_shared<Compiled>();
};

class HubTables {
 public:
  // The tables embedded in the binary. Throws std::runtime_error if they are
  // malformed (a build defect, caught by the tests).
  static const HubTables& builtin();

  const HubLicense* license(const std::string& hub_id) const;  // nullptr: not a Hub id
  // The license id of a well-known publisher's model, or "" when unknown.
  std::string publisher_license(const std::string& model_id) const;
  const std::vector<HubLicense>& licenses() const { return licenses_; }
  const std::string& as_of() const { return as_of_; }

 private:
  std::vector<HubLicense> licenses_;
  std::vector<PublisherRule> publishers_;
  std::string as_of_;
};

}  // namespace oblige::model
