// A progress line for long operations (validating many files, walking days of data):
//
//   Progress progress("Validating", files.size());
//   for (...) { ...; progress.tick(); }   // from any thread
//
// It draws one line on stderr, rewritten in place ("\r"), at most ten times a second, and erases it when
// done (finish() or the destructor), so that what the command prints afterwards starts on a clean line.
// It draws nothing at all unless stderr is a terminal and TERM is not "dumb": piped or redirected output,
// logs and CI never see it. Colour settings do not matter; the line has none.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>

namespace ssmd {

class Progress {
public:
  // `total` 0 means unknown: the line shows the count alone. `fd` is for tests; commands use stderr.
  Progress(std::string label, size_t total, int fd = 2);
  ~Progress();
  Progress(const Progress &) = delete;
  Progress &operator=(const Progress &) = delete;

  // Counts `n` more items done, redrawing the line if the last draw is old enough. Thread-safe.
  void tick(size_t n = 1);
  // Erases the line; later ticks draw nothing. Called by the destructor.
  void finish();
  // Whether this progress draws at all (stderr is a terminal, TERM is not dumb).
  bool active() const { return enabled_; }
  size_t done() const { return done_.load(std::memory_order_relaxed); }

private:
  void draw_locked(size_t done);
  void write_all(const std::string &text) const;

  std::string label_;
  size_t total_;
  int fd_;
  bool enabled_;
  std::atomic<size_t> done_{0};
  std::atomic<int64_t> last_draw_ns_; // steady-clock time of the last draw
  std::mutex mutex_;                  // one writer at a time; guards drawn_ and finished_
  bool drawn_ = false;
  bool finished_ = false;
};

} // namespace ssmd
