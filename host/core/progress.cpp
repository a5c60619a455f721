#include "core/progress.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <chrono>
#include <cstdlib>
#include <string_view>
#include <sys/ioctl.h>
#include <unistd.h>

namespace ssmd {

namespace {

// Ten updates a second are enough to look alive and cheap enough to ignore.
constexpr int64_t k_interval_ns = 100'000'000;
constexpr int64_t k_never = INT64_MIN;

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool should_draw(int fd) {
  if (::isatty(fd) != 1) return false;
  const char *term = std::getenv("TERM");
  return !(term && std::string_view(term) == "dumb");
}

// The terminal's width, or 80 when it does not say.
size_t columns(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

} // namespace

Progress::Progress(std::string label, size_t total, int fd)
    : label_(std::move(label)), total_(total), fd_(fd), enabled_(should_draw(fd)), last_draw_ns_(k_never) {}

Progress::~Progress() { finish(); }

void Progress::tick(size_t n) {
  size_t done = done_.fetch_add(n, std::memory_order_relaxed) + n;
  if (!enabled_) return;
  int64_t now = now_ns();
  int64_t last = last_draw_ns_.load(std::memory_order_relaxed);
  if (last != k_never && now - last < k_interval_ns) return;
  // A tick that finds another thread drawing skips its own draw rather than wait.
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  last = last_draw_ns_.load(std::memory_order_relaxed);
  if (last != k_never && now - last < k_interval_ns) return;
  last_draw_ns_.store(now, std::memory_order_relaxed);
  draw_locked(std::max(done, done_.load(std::memory_order_relaxed)));
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (drawn_) write_all("\r\033[K");
}

void Progress::draw_locked(size_t done) {
  std::string line = label_ + " " + std::to_string(done);
  if (total_ > 0) {
    size_t shown = std::min(done, total_);
    line += "/" + std::to_string(total_) + " (" + std::to_string(shown * 100 / total_) + "%)";
  }
  // Never wrap: a wrapped line cannot be rewritten in place.
  size_t width = columns(fd_);
  if (line.size() >= width) line.resize(width > 1 ? width - 1 : 0);
  write_all("\r" + line + "\033[K");
  drawn_ = true;
}

void Progress::write_all(const std::string &text) const {
  size_t written = 0;
  while (written < text.size()) {
    ssize_t n = ::write(fd_, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return; // a progress line is not worth failing the command over
    written += static_cast<size_t>(n);
  }
}

} // namespace ssmd
