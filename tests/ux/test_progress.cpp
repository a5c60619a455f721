// The progress line draws on a terminal (a pseudo-terminal here) and never on a pipe.
#include "core/progress.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <thread>
#include <unistd.h>

using namespace ssmd;

namespace {

// Everything readable from `fd` right now, without blocking.
std::string drain(int fd) {
  std::string out;
  char buf[4096];
  pollfd p{fd, POLLIN, 0};
  while (poll(&p, 1, 50) > 0 && (p.revents & POLLIN)) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

struct Pty {
  int master = -1, slave = -1;
  Pty() {
    winsize size{};
    size.ws_col = 100;
    size.ws_row = 24;
    if (openpty(&master, &slave, nullptr, nullptr, &size) != 0) throw std::runtime_error("openpty failed");
  }
  ~Pty() {
    close(master);
    close(slave);
  }
};

// TERM as the test wants it, restored afterwards.
struct TermVar {
  std::string saved;
  bool had;
  explicit TermVar(const char *value) : had(std::getenv("TERM") != nullptr) {
    if (had) saved = std::getenv("TERM");
    setenv("TERM", value, 1);
  }
  ~TermVar() {
    if (had) setenv("TERM", saved.c_str(), 1);
    else unsetenv("TERM");
  }
};

} // namespace

TEST(Progress, DrawsAnUpdatingLineOnATerminalAndClearsIt) {
  TermVar term("xterm");
  Pty pty;
  {
    Progress progress("Validating", 40, pty.slave);
    EXPECT_TRUE(progress.active());
    progress.tick();
    std::string first = drain(pty.master);
    EXPECT_NE(first.find("\rValidating 1/40 (2%)"), std::string::npos) << first;
    EXPECT_EQ(first.find('\n'), std::string::npos) << "the line is rewritten in place, never scrolled";
    std::this_thread::sleep_for(std::chrono::milliseconds(120));
    for (int i = 0; i < 19; ++i) progress.tick();
    std::string later = drain(pty.master);
    EXPECT_NE(later.find("Validating 2/40") , std::string::npos) << "the first tick after the interval draws: " << later;
  }
  std::string end = drain(pty.master);
  EXPECT_EQ(end, "\r\033[K") << "the destructor erases the line";
}

TEST(Progress, DrawsAtMostTenTimesASecond) {
  TermVar term("xterm");
  Pty pty;
  Progress progress("Counting", 0, pty.slave);
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 200000; ++i) progress.tick();
  auto elapsed = std::chrono::steady_clock::now() - start;
  progress.finish();
  std::string out = drain(pty.master);
  auto draws = std::count(out.begin(), out.end(), '\r') - 1; // the last \r is the erase
  auto allowed = 1 + std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() / 100;
  EXPECT_GE(draws, 1);
  EXPECT_LE(draws, allowed) << out;
  EXPECT_NE(out.find("Counting 1"), std::string::npos) << "an unknown total shows the count alone: " << out;
  EXPECT_EQ(out.find("%"), std::string::npos);
  progress.tick();
  EXPECT_TRUE(drain(pty.master).empty()) << "nothing after finish()";
}

TEST(Progress, DrawsNothingOnAPipe) {
  TermVar term("xterm");
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  {
    Progress progress("Validating", 10, fds[1]);
    EXPECT_FALSE(progress.active());
    for (int i = 0; i < 10; ++i) progress.tick();
    EXPECT_EQ(progress.done(), 10u);
  }
  close(fds[1]);
  EXPECT_EQ(drain(fds[0]), "");
  close(fds[0]);
}

TEST(Progress, DrawsNothingOnADumbTerminal) {
  TermVar term("dumb");
  Pty pty;
  {
    Progress progress("Validating", 10, pty.slave);
    EXPECT_FALSE(progress.active());
    progress.tick();
  }
  EXPECT_EQ(drain(pty.master), "");
}

TEST(Progress, TicksFromManyThreadsAllCount) {
  TermVar term("xterm");
  Pty pty;
  Progress progress("Working", 4 * 50000, pty.slave);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 50000; ++i) progress.tick();
    });
  for (auto &thread : threads) thread.join();
  EXPECT_EQ(progress.done(), 200000u);
  progress.finish();
  std::string out = drain(pty.master);
  EXPECT_TRUE(out.ends_with("\r\033[K")) << out;
}
