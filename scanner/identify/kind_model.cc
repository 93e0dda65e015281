#include "scanner/identify/kind_model.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <stdexcept>

#include "scanner/identify/hash_directory.h"

namespace oblige::identify {
namespace {

constexpr std::uint32_t kMagic = 0x4D4B424F;  // "OBKM"
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHeaderWords = 8, kExampleWords = 9;

void put(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void put_float(std::string& out, float f) {
  std::uint32_t bits;
  std::memcpy(&bits, &f, 4);
  put(out, bits);
}

}  // namespace

std::string build_kind_model_blob(const std::vector<KindExampleInput>& examples) {
  if (examples.size() > 0xFFFF) throw std::runtime_error("too many clause examples");
  std::map<std::uint32_t, std::vector<std::uint16_t>> postings;
  for (std::size_t e = 0; e < examples.size(); ++e)
    for (std::uint32_t f : examples[e].features)
      postings[f].push_back(static_cast<std::uint16_t>(e));
  const double n = static_cast<double>(examples.size());
  const auto weight = [&](std::size_t df) { return static_cast<float>(std::log(1.0 + n / df)); };
  std::vector<double> norm(examples.size(), 0);
  for (const auto& [f, list] : postings)
    for (std::uint16_t e : list) norm[e] += std::pow(weight(list.size()), 2);

  std::string strings, out;
  std::size_t total_postings = 0;
  for (const auto& [f, list] : postings) total_postings += list.size();
  const float unknown = weight(1);  // an unseen feature is as rare as can be
  std::uint32_t unknown_bits;
  std::memcpy(&unknown_bits, &unknown, 4);
  for (std::uint32_t v : {kMagic, kVersion, static_cast<std::uint32_t>(examples.size()),
                          static_cast<std::uint32_t>(postings.size()),
                          static_cast<std::uint32_t>(total_postings), unknown_bits, 0u, 0u})
    put(out, v);
  for (std::size_t e = 0; e < examples.size(); ++e) {
    for (const std::string* s :
         {&examples[e].kind, &examples[e].signature, &examples[e].family, &examples[e].clause}) {
      put(out, static_cast<std::uint32_t>(strings.size()));
      put(out, static_cast<std::uint32_t>(s->size()));
      strings += *s;
    }
    put_float(out, static_cast<float>(std::sqrt(norm[e])));
  }
  for (const auto& [f, list] : postings) put(out, f);
  for (const auto& [f, list] : postings) put_float(out, weight(list.size()));
  std::uint32_t start = 0;
  for (const auto& [f, list] : postings) {
    put(out, start);
    start += static_cast<std::uint32_t>(list.size());
  }
  put(out, start);
  for (const auto& [f, list] : postings)
    for (std::uint16_t e : list) {
      out.push_back(static_cast<char>(e & 0xFF));
      out.push_back(static_cast<char>(e >> 8));
    }
  while (out.size() % 4) out.push_back('\0');
  std::string size_field;
  put(size_field, static_cast<std::uint32_t>(strings.size()));
  out.replace(4 * 6, 4, size_field);
  return out + strings;
}

KindModel::KindModel(std::string_view blob) {
  const auto fail = [](const char* what) {
    throw std::runtime_error(std::string("clause-kind model: ") + what);
  };
  if (blob.size() < 4 * kHeaderWords || reinterpret_cast<std::uintptr_t>(blob.data()) % 4 != 0)
    fail("too short or misaligned");
  const auto* w = reinterpret_cast<const std::uint32_t*>(blob.data());
  if (w[0] != kMagic || w[1] != kVersion) fail("not a model of this version");
  const std::size_t n_examples = w[2], n_features = w[3], n_postings = w[4], n_strings = w[6];
  std::memcpy(&unknown_weight_, &w[5], 4);
  const std::size_t fixed = kHeaderWords + kExampleWords * n_examples + 2 * n_features +
                            (n_features + 1) + (n_postings + 1) / 2;
  if (blob.size() != 4 * fixed + n_strings) fail("size does not match its header");
  const char* strings = blob.data() + 4 * fixed;
  const std::uint32_t* p = w + kHeaderWords;
  examples_.reserve(n_examples);
  for (std::size_t e = 0; e < n_examples; ++e, p += kExampleWords) {
    Example ex;
    std::string_view* fields[] = {&ex.kind, &ex.signature, &ex.family, &ex.clause};
    for (int s = 0; s < 4; ++s) {
      if (std::size_t{p[2 * s]} + p[2 * s + 1] > n_strings) fail("bad string");
      *fields[s] = std::string_view(strings + p[2 * s], p[2 * s + 1]);
    }
    std::memcpy(&ex.norm, &p[8], 4);
    examples_.push_back(ex);
  }
  features_ = {p, n_features};
  weights_ = {reinterpret_cast<const float*>(p + n_features), n_features};
  starts_ = {p + 2 * n_features, n_features + 1};
  postings_ = {reinterpret_cast<const std::uint16_t*>(p + 3 * n_features + 1), n_postings};
  if (starts_.back() != n_postings) fail("inconsistent tables");
  // Each posting's example number is checked where it is read (classify):
  // checking all of them here touched the whole table on every run.
}

std::size_t KindModel::find_feature(std::uint32_t f) const {
  // Built on the first call: a run that classifies nothing never reads the
  // features.
  std::call_once(buckets_built_, [this] { buckets_ = hash_directory(features_, kBucketBits); });
  return find_in_directory(features_, buckets_, kBucketBits, f).value_or(features_.size());
}

std::vector<KindMatch> KindModel::classify(const std::vector<std::uint32_t>& features,
                                           double threshold,
                                           std::string_view exclude_family) const {
  std::vector<KindMatch> out;
  if (examples_.empty() || features.empty()) return out;
  std::vector<float> dot(examples_.size(), 0);
  // The examples any posting reached: a sentence shares features with a
  // few hundred of the thousands, and only those can score.
  std::vector<std::uint64_t> reached((examples_.size() + 63) / 64, 0);
  double query_norm = 0;
  for (std::uint32_t f : features) {
    const std::size_t k = find_feature(f);
    if (k == features_.size()) {
      query_norm += static_cast<double>(unknown_weight_) * unknown_weight_;
      continue;
    }
    const float w2 = weights_[k] * weights_[k];
    query_norm += w2;
    if (starts_[k] > starts_[k + 1] || starts_[k + 1] > postings_.size()) continue;
    for (std::uint32_t i = starts_[k]; i < starts_[k + 1]; ++i) {
      const std::uint16_t e = postings_[i];
      if (e >= dot.size()) continue;
      dot[e] += w2;
      reached[e / 64] |= std::uint64_t{1} << (e % 64);
    }
  }
  query_norm = std::sqrt(query_norm);
  for (std::size_t w = 0; w < reached.size(); ++w)
    for (std::uint64_t bits = reached[w]; bits != 0; bits &= bits - 1) {
      const std::size_t e = w * 64 + static_cast<std::size_t>(std::countr_zero(bits));
      if (dot[e] == 0 || examples_[e].norm == 0) continue;
      if (!exclude_family.empty() && examples_[e].family == exclude_family) continue;
      const double score = dot[e] / (query_norm * examples_[e].norm);
      if (score < threshold) continue;
      auto same = std::find_if(out.begin(), out.end(),
                               [&](const KindMatch& m) { return m.kind == examples_[e].kind; });
      if (same == out.end())
        out.push_back({examples_[e].kind, score, examples_[e].signature, examples_[e].clause});
      else if (score > same->score)
        *same = {examples_[e].kind, score, examples_[e].signature, examples_[e].clause};
    }
  std::sort(out.begin(), out.end(),
            [](const KindMatch& a, const KindMatch& b) { return a.score > b.score; });
  return out;
}

}  // namespace oblige::identify
