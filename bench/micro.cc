// Micro-benchmarks (Google Benchmark) for the hot stages: normalization, the
// RE2::Set prefilter, identification of one license file, and matching
// throughput over real license texts.
//
//   build/oblige_bench [--benchmark_filter=...]   (texts: ../shared/corpus if
//   present, else samples/)
#include <benchmark/benchmark.h>

#include <boost/filesystem.hpp>
#include <fstream>
#include <sstream>

#include "scanner/identify/identifier.h"
#include "scanner/identify/shingles.h"
#include "scanner/identify/words.h"
#include "scanner/signatures/loader.h"
#include "scanner/text/decode.h"
#include "scanner/text/normalize.h"
#include "scanner/text/sha256.h"

namespace {

namespace fs = boost::filesystem;
using namespace oblige;

std::string read(const fs::path& p) {
  std::ifstream in(p.string(), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const identify::CompiledSignatures& compiled() {
  static const signatures::SignatureSet set = [] {
    signatures::SignatureSet s;
    signatures::load_embedded(&s);
    signatures::finalize(&s);
    return s;
  }();
  static const identify::CompiledSignatures c(set);
  return c;
}

// Every text license file of the corpus (or the samples), decoded.
const std::vector<std::string>& texts() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    fs::path dir = fs::path(OBLIGE_SOURCE_DIR) / ".." / "shared" / "corpus";
    if (!fs::exists(dir)) dir = fs::path(OBLIGE_SOURCE_DIR) / "samples";
    for (fs::recursive_directory_iterator it(dir), end; it != end; ++it) {
      if (!fs::is_regular_file(it->path()) || it->path().extension() == ".pdf" ||
          it->path().extension() == ".tsv" || it->path().extension() == ".safetensors")
        continue;
      out.push_back(text::decode(read(it->path())).utf8);
    }
    return out;
  }();
  return all;
}

// texts(), each normalized, and their bytes in all: what the stages after
// normalization read.
struct NormalizedTexts {
  std::vector<std::string> texts;
  std::size_t bytes = 0;
};
const NormalizedTexts& normalized_texts() {
  static const NormalizedTexts all = [] {
    NormalizedTexts out;
    for (const std::string& t : texts()) {
      out.texts.push_back(text::normalize(t).text);
      out.bytes += out.texts.back().size();
    }
    return out;
  }();
  return all;
}

const std::string& apache() {
  static const std::string text = [] {
    const fs::path p =
        fs::path(OBLIGE_SOURCE_DIR) / ".." / "shared" / "corpus" / "apache-2.0" / "LICENSE";
    return fs::exists(p) ? read(p)
                         : read(fs::path(OBLIGE_SOURCE_DIR) / "samples/qwen-chat/LICENSE");
  }();
  return text;
}

// Start-up, stage by stage: the embedded signatures read, then compiled (the
// prefilter set; the similarity index and clause-kind model are embedded).
void BM_LoadEmbedded(benchmark::State& state) {
  for (auto _ : state) {
    signatures::SignatureSet s;
    signatures::load_embedded(&s);
    signatures::finalize(&s);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_LoadEmbedded)->Unit(benchmark::kMillisecond);

void BM_CompileSignatures(benchmark::State& state) {
  const identify::CompiledSignatures& warm = compiled();
  for (auto _ : state) benchmark::DoNotOptimize(identify::CompiledSignatures(warm.set()));
}
BENCHMARK(BM_CompileSignatures)->Unit(benchmark::kMillisecond);

// The hash of each license file read (reports carry it): SHA extensions
// against the portable code.
void BM_Sha256(benchmark::State& state) {
  const std::string bytes(1 << 20, 'x');
  for (auto _ : state)
    benchmark::DoNotOptimize(state.range(0) ? text::sha256_digest(bytes)
                                            : text::sha256_digest_portable(bytes));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_Sha256)->Arg(0)->Arg(1);

void BM_Normalize(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(text::normalize(apache()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * apache().size()));
}
BENCHMARK(BM_Normalize);

void BM_Prefilter(benchmark::State& state) {
  const std::string n = text::normalize(apache()).text;
  compiled().candidates(n);
  for (auto _ : state) benchmark::DoNotOptimize(compiled().candidates(n));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * n.size()));
}
BENCHMARK(BM_Prefilter);

// The guards' literal scan alone, over every corpus text (Chinese ones too).
void BM_GuardScan(benchmark::State& state) {
  const NormalizedTexts& normalized = normalized_texts();
  for (auto _ : state)
    for (const std::string& n : normalized.texts)
      benchmark::DoNotOptimize(compiled().guard_hits(n));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * normalized.bytes));
}
BENCHMARK(BM_GuardScan)->Unit(benchmark::kMillisecond);

// Words and their shingles' hashes, as matching makes them, over every
// normalized corpus text.
void BM_ShingleHashes(benchmark::State& state) {
  const NormalizedTexts& normalized = normalized_texts();
  for (auto _ : state)
    for (const std::string& n : normalized.texts)
      benchmark::DoNotOptimize(identify::shingle_hashes(n, identify::split_words(n)));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * normalized.bytes));
}
BENCHMARK(BM_ShingleHashes)->Unit(benchmark::kMillisecond);

// One license file, from its bytes to its identification (decode, normalize,
// prefilter, clause scoring).
void BM_IdentifyOneFile(benchmark::State& state) {
  identify::identify(text::normalize(apache()).text, compiled());  // compile lazily first
  for (auto _ : state) {
    const std::string utf8 = text::decode(apache()).utf8;
    benchmark::DoNotOptimize(identify::identify(text::normalize(utf8).text, compiled()));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * apache().size()));
}
BENCHMARK(BM_IdentifyOneFile)->Unit(benchmark::kMicrosecond);

// Throughput over every license text on one core.
void BM_IdentifyCorpus(benchmark::State& state) {
  std::size_t bytes = 0;
  for (const std::string& t : texts()) identify::identify(text::normalize(t).text, compiled());
  for (auto _ : state) {
    for (const std::string& t : texts()) {
      benchmark::DoNotOptimize(identify::identify(text::normalize(t).text, compiled()));
      bytes += t.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["files"] = static_cast<double>(texts().size());
}
BENCHMARK(BM_IdentifyCorpus)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
