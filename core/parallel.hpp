// A tiny work-sharing loop over std::jthread, shared by the repo scan and the linter:
// items are independent, so threads take the next index from one atomic counter.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace review::core {

// Runs `work(i)` for every i in [0, count) on up to `threads` threads (0: hardware
// concurrency). Small batches run inline: a thread costs more than a few reviews.
// `work` must not throw and must only write to state owned by index i.
template <class Work> void parallel_for(std::size_t count, unsigned threads, Work work) {
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads =
      static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, count / 8)));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < count;) work(i);
    });
  }
}

} // namespace review::core
