// for_each_common: the values two sorted lists of distinct 32-bit hashes
// share, the way matching meets a text's shingles with a reference's.
//
// Most texts and references are of a size: the lists are met four values
// against four at a time (SSE2, which every x86-64 has), the block with the
// smaller last value moving on, so every pair that could be equal is
// compared once. A step of the plain merge waits on the one before (which
// list moves depends on the compare), and that chain of loads was most of
// the time matching took. Against a list many times the other's length it
// gallops through the long one instead, about as cheap as binary searches.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace oblige::identify {

// Calls held(i) for every index i of `a` whose value `b` holds. Both sorted
// ascending, without repeats. Indices come in ascending order of four-value
// blocks, not always in order within one.
template <typename Held>
void for_each_common(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
                     Held&& held) {
  std::size_t i = 0, j = 0;
  if (b.size() > 16 * a.size()) {
    auto it = b.begin();
    for (; i < a.size() && it != b.end(); ++i) {
      const std::uint32_t h = a[i];
      auto lo = it, hi = it;
      for (std::ptrdiff_t step = 1; hi != b.end() && *hi < h; step *= 2) {
        lo = hi;
        hi = b.end() - hi > step ? hi + step : b.end();
      }
      it = std::lower_bound(lo, hi, h);
      if (it != b.end() && *it == h) held(i);
    }
    return;
  }
#if defined(__SSE2__)
  unsigned found = 0;  // which of a[i, i + 4) a block of b held so far
  while (i + 4 <= a.size() && j + 4 <= b.size()) {
    const __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a.data() + i));
    const __m128i vb = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b.data() + j));
    // a's four against b's four in each rotation.
    __m128i eq = _mm_cmpeq_epi32(va, vb);
    eq = _mm_or_si128(eq, _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, _MM_SHUFFLE(0, 3, 2, 1))));
    eq = _mm_or_si128(eq, _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, _MM_SHUFFLE(1, 0, 3, 2))));
    eq = _mm_or_si128(eq, _mm_cmpeq_epi32(va, _mm_shuffle_epi32(vb, _MM_SHUFFLE(2, 1, 0, 3))));
    found |= static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(eq)));
    const std::uint32_t a_last = a[i + 3], b_last = b[j + 3];
    if (a_last <= b_last) {
      for (; found != 0; found &= found - 1)
        held(i + static_cast<std::size_t>(std::countr_zero(found)));
      i += 4;
    }
    j += b_last <= a_last ? 4 : 0;
  }
  // What the block under way found; the rest of it meets b's rest below
  // (a value found already met its equal before j, so is not found twice).
  for (; found != 0; found &= found - 1)
    held(i + static_cast<std::size_t>(std::countr_zero(found)));
#endif
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) held(i);
    const std::uint32_t x = a[i], y = b[j];
    i += x <= y;
    j += y <= x;
  }
}

}  // namespace oblige::identify
