// Runs independent work items on all cores. Items must not share mutable state without a lock.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ssmd {

// Calls `fn(i)` for every i in [0, count), on up to hardware_concurrency threads. The first exception
// thrown by any item is rethrown after all threads stop.
template <class Fn> void parallel_for(size_t count, Fn &&fn, size_t max_threads = 0) {
  size_t threads = max_threads ? max_threads : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, count);
  if (threads <= 1) {
    for (size_t i = 0; i < count; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < count;) {
      try {
        fn(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        next = count; // stop handing out work
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto &t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

} // namespace ssmd
