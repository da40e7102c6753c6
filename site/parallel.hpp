// Work spread over threads for the build: review pages, search shards and export
// records are independent, so each index is rendered on whichever thread is free.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace review::site {

// Runs work(i) for i in [0, count) on up to `threads` threads (0: one per core);
// the first exception stops the rest and is rethrown here.
template <class Work> void parallel_for(std::size_t count, unsigned threads, Work work) {
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, count)));
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto run = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) {
      try {
        work(i);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = count;
      }
    }
  };
  if (threads <= 1) {
    run();
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(run);
  }
  if (failure) std::rethrow_exception(failure);
}

} // namespace review::site
