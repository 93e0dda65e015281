#include "reporters/readable.h"

#include <algorithm>

namespace oblige::reporters {

std::string where(const render::Finding& f) {
  return f.span.start_line ? f.path + ":" + std::to_string(f.span.start_line) : f.path;
}

std::string clause_sentence(const render::Finding& f) {
  const std::size_t colon = f.message.find(": ");
  std::string sentence = colon == std::string::npos ? f.message : f.message.substr(colon + 2);
  if (f.parameters.contains("satisfied") && f.parameters["satisfied"].is_string())
    sentence += " [met: " + f.parameters["satisfied"].get<std::string>() + "]";
  if (f.parameters.contains("acknowledged") && f.parameters["acknowledged"].is_string())
    sentence += " [acknowledged: " + f.parameters["acknowledged"].get<std::string>() + "]";
  if (f.license != "unrecognized") return sentence;
  std::string details;
  for (const char* key : {"threshold", "law", "court"}) {
    if (!f.parameters.contains(key)) continue;
    const auto& v = f.parameters[key];
    details += (details.empty() ? "" : ", ") + std::string(key) + ": " +
               (v.is_string() ? v.get<std::string>() : v.dump());
  }
  if (f.parameters.contains("metric") && f.parameters["metric"].is_string())
    details += " " + f.parameters["metric"].get<std::string>();
  return details.empty() ? sentence : sentence + " [" + details + "]";
}

std::vector<long> license_order(const render::Target& t) {
  std::vector<long> order;
  for (long i = 0; i < static_cast<long>(t.licenses.size()); ++i) order.push_back(i);
  const auto rank = [&](long i) {
    const render::License& l = t.licenses[static_cast<std::size_t>(i)];
    if (l.scope == "third-party") return 4;
    if (l.status == "reference") return 3;
    if (l.source == "inherited") return 2;
    if (l.source == "declared") return 1;
    return 0;
  };
  std::stable_sort(order.begin(), order.end(), [&](long a, long b) { return rank(a) < rank(b); });
  return order;
}

BlockItems block_items(const render::Target& t, long index) {
  BlockItems out;
  for (const render::Finding& f : t.findings) {
    if (f.block != index || f.clause.empty() || f.group == render::Group::kLicense ||
        f.group == render::Group::kProblem)
      continue;
    if (f.group == render::Group::kMust)
      out.must.push_back(&f);
    else if (f.group == render::Group::kMustNot)
      out.must_not.push_back(&f);
    else if (f.group == render::Group::kGoodToKnow)
      out.good_to_know.push_back(&f);
  }
  return out;
}

}  // namespace oblige::reporters
