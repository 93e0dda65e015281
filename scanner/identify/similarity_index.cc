#include "scanner/identify/similarity_index.h"

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

#include "scanner/identify/hash_directory.h"

namespace oblige::identify {
namespace {

constexpr std::uint32_t kMagic = 0x5853424F;  // "OBSX"
constexpr std::uint32_t kVersion = 3;
constexpr std::uint32_t kDirBits = 14;
constexpr std::size_t kHeaderWords = 9, kRefWords = 11;

void put(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace

std::string build_index_blob(const std::vector<IndexInput>& inputs, std::uint32_t shingle_words) {
  if (inputs.size() > 0xFFFF) throw std::runtime_error("too many reference texts for one index");
  // (hash, ref) pairs of the sampled shingles, sorted: keys and their
  // postings in one pass. Matching looks no other shingle up, and a quarter
  // of the index stays in the processor's caches.
  std::vector<std::pair<std::uint32_t, std::uint16_t>> pairs;
  for (std::size_t r = 0; r < inputs.size(); ++r)
    for (std::uint32_t h : inputs[r].shingles)
      if (is_sampled(h)) pairs.emplace_back(h, static_cast<std::uint16_t>(r));
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::vector<std::uint32_t> keys, starts;
  std::vector<std::uint16_t> postings;
  for (const auto& [h, r] : pairs) {
    if (keys.empty() || keys.back() != h) {
      keys.push_back(h);
      starts.push_back(static_cast<std::uint32_t>(postings.size()));
    }
    postings.push_back(r);
  }
  starts.push_back(static_cast<std::uint32_t>(postings.size()));
  const std::vector<std::uint32_t> dir = hash_directory(keys, kDirBits);
  std::size_t forward = 0;
  for (const IndexInput& in : inputs) forward += in.shingles.size();
  std::string strings;
  std::string out;
  for (std::uint32_t v :
       {kMagic, kVersion, shingle_words, static_cast<std::uint32_t>(inputs.size()),
        static_cast<std::uint32_t>(keys.size()), static_cast<std::uint32_t>(postings.size()),
        static_cast<std::uint32_t>(forward), kDirBits, 0u})
    put(out, v);
  for (const IndexInput& in : inputs) {
    put(out, static_cast<std::uint32_t>(in.tier));
    put(out, static_cast<std::uint32_t>(strings.size()));
    put(out, static_cast<std::uint32_t>(in.key.size()));
    strings += in.key;
    put(out, static_cast<std::uint32_t>(strings.size()));
    put(out, static_cast<std::uint32_t>(in.name.size()));
    strings += in.name;
    put(out, static_cast<std::uint32_t>(strings.size()));
    put(out, static_cast<std::uint32_t>(in.also.size()));
    strings += in.also;
    put(out, static_cast<std::uint32_t>(in.shingles.size()));
    put(out, in.words);
    put(out, in.category);
    put(out,
        static_cast<std::uint32_t>(std::count_if(in.shingles.begin(), in.shingles.end(),
                                                 [](std::uint32_t h) { return is_sampled(h); })));
  }
  for (std::uint32_t v : dir) put(out, v);
  for (std::uint32_t v : keys) put(out, v);
  for (std::uint32_t v : starts) put(out, v);
  for (std::uint16_t p : postings) {
    out.push_back(static_cast<char>(p & 0xFF));
    out.push_back(static_cast<char>(p >> 8));
  }
  while (out.size() % 4) out.push_back('\0');
  // The forward arrays: each reference's own sorted shingles, in order.
  for (const IndexInput& in : inputs) {
    if (!std::is_sorted(in.shingles.begin(), in.shingles.end()) ||
        std::adjacent_find(in.shingles.begin(), in.shingles.end()) != in.shingles.end())
      throw std::runtime_error("reference shingles must be sorted and unique");
    for (std::uint32_t h : in.shingles) put(out, h);
  }
  std::string size_field;
  put(size_field, static_cast<std::uint32_t>(strings.size()));
  out.replace(4 * (kHeaderWords - 1), 4, size_field);
  out += strings;
  return out;
}

SimilarityIndex::SimilarityIndex(std::string_view blob) {
  const auto fail = [](const char* what) {
    throw std::runtime_error(std::string("similarity index: ") + what);
  };
  if (blob.size() < 4 * kHeaderWords || reinterpret_cast<std::uintptr_t>(blob.data()) % 4 != 0)
    fail("too short or misaligned");
  const auto* words = reinterpret_cast<const std::uint32_t*>(blob.data());
  if (words[0] != kMagic || words[1] != kVersion) fail("not an index of this version");
  shingle_words_ = words[2];
  const std::size_t n_refs = words[3], n_keys = words[4], n_postings = words[5];
  const std::size_t n_forward = words[6];
  dir_bits_ = words[7];
  const std::size_t n_strings = words[8];
  if (dir_bits_ == 0 || dir_bits_ > 24) fail("bad directory size");
  const std::size_t dir_size = (std::size_t{1} << dir_bits_) + 1;
  const std::size_t fixed_words = kHeaderWords + kRefWords * n_refs + dir_size + n_keys +
                                  (n_keys + 1) + (n_postings + 1) / 2 + n_forward;
  if (blob.size() != 4 * fixed_words + n_strings) fail("size does not match its header");
  const std::uint32_t* p = words + kHeaderWords;
  const char* strings = blob.data() + 4 * fixed_words;
  refs_.reserve(n_refs);
  for (std::size_t r = 0; r < n_refs; ++r, p += kRefWords) {
    for (int s = 1; s <= 5; s += 2)
      if (std::size_t{p[s]} + p[s + 1] > n_strings) fail("bad string");
    refs_.push_back({static_cast<Tier>(p[0]),
                     std::string_view(strings + p[1], p[2]),
                     std::string_view(strings + p[3], p[4]),
                     std::string_view(strings + p[5], p[6]),
                     p[7],
                     p[8],
                     p[9],
                     p[10],
                     {}});
  }
  dir_ = {p, dir_size};
  keys_ = {p + dir_size, n_keys};
  starts_ = {p + dir_size + n_keys, n_keys + 1};
  postings_ = {reinterpret_cast<const std::uint16_t*>(p + dir_size + 2 * n_keys + 1), n_postings};
  if (dir_.back() != n_keys || starts_.back() != n_postings) fail("inconsistent tables");
  const std::uint32_t* forward = p + dir_size + 2 * n_keys + 1 + (n_postings + 1) / 2;
  std::size_t at = 0;
  for (IndexReference& ref : refs_) {
    if (at + ref.shingles > n_forward) fail("inconsistent forward arrays");
    ref.own = {forward + at, ref.shingles};
    at += ref.shingles;
  }
  if (at != n_forward) fail("inconsistent forward arrays");
}

std::optional<std::uint32_t> SimilarityIndex::key_of(std::uint32_t hash) const {
  if (keys_.empty() || !is_sampled(hash)) return std::nullopt;
  return find_in_directory(keys_, dir_, dir_bits_, hash);
}

std::span<const std::uint16_t> SimilarityIndex::lookup(std::uint32_t hash) const {
  const std::optional<std::uint32_t> k = key_of(hash);
  if (!k) return {};
  return postings_.subspan(starts_[*k], starts_[*k + 1] - starts_[*k]);
}

void SimilarityIndex::count_held(std::span<const std::uint32_t> hashes,
                                 std::span<std::uint32_t> held) const {
  if (keys_.empty()) return;
  // kAhead hashes ahead: the directory entry; kAhead / 2 ahead: the middle
  // of the hash's bucket of keys; as each hash's key is found: its
  // postings' start, and half way along the queue the postings themselves.
  constexpr std::size_t kAhead = 8;
  std::array<std::uint32_t, 2 * kAhead> found{};  // key numbers awaiting their postings
  std::size_t queued = 0, done = 0;
  const auto count = [&](std::uint32_t k) {
    for (std::uint32_t i = starts_[k]; i < starts_[k + 1]; ++i) ++held[postings_[i]];
  };
  for (std::size_t i = 0; i < hashes.size(); ++i) {
    if (i + kAhead < hashes.size() && is_sampled(hashes[i + kAhead]))
      __builtin_prefetch(dir_.data() + directory_bucket(hashes[i + kAhead], dir_bits_));
    // Half way: the directory entry is in, so the bucket's keys can come.
    if (i + kAhead / 2 < hashes.size() && is_sampled(hashes[i + kAhead / 2])) {
      const std::uint32_t b = directory_bucket(hashes[i + kAhead / 2], dir_bits_);
      __builtin_prefetch(keys_.data() + (dir_[b] + dir_[b + 1]) / 2);
    }
    const std::optional<std::uint32_t> k = key_of(hashes[i]);
    if (!k) continue;
    __builtin_prefetch(starts_.data() + *k);
    found[queued++ % found.size()] = *k;
    if (queued - done > kAhead) {
      // Half way along the queue the start is in: fetch the postings.
      const std::uint32_t half = found[(done + kAhead / 2) % found.size()];
      __builtin_prefetch(postings_.data() + starts_[half]);
      count(found[done % found.size()]);
      ++done;
    }
  }
  for (; done < queued; ++done) count(found[done % found.size()]);
}

}  // namespace oblige::identify
