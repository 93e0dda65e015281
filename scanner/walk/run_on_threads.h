// run_on_threads: the one way oblige runs work in parallel.
//
// `work` runs on up to `n` threads, the calling one included, and the call
// returns when all have finished. An exception thrown on any thread — above
// all std::bad_alloc when memory runs out (`ulimit -v`) — is kept without
// allocating and rethrown in the calling thread after every thread has
// stopped, so it ends in main()'s message and exit status 2 instead of
// std::terminate. A thread that cannot be started (no memory for its stack)
// is not an error: the threads that did start share its part of the work.
#pragma once

#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace oblige::walk {

inline void run_on_threads(unsigned n, const std::function<void()>& work) {
  std::exception_ptr failure;
  std::mutex failure_lock;
  const auto guarded = [&]() noexcept {
    try {
      work();
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_lock);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  try {
    pool.reserve(n);
    for (unsigned t = 1; t < n; ++t) pool.emplace_back(guarded);
  } catch (...) {
    // Fewer threads than asked for; the ones running do the rest.
  }
  guarded();
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace oblige::walk
