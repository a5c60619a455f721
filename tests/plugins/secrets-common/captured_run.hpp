// Runs a plugin subcommand in this process, the way the host dispatches it (through the C table's `run`),
// with standard input fed from a string and standard output and error captured, so tests can search
// everything the command printed.
#pragma once

#include <ssmd/plugin.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

namespace ssmd::test {

struct Captured {
  int exit_code = -1;
  std::string out, err;
  std::string all() const { return out + err; }
};

namespace detail {
// Points `fd` at an anonymous temporary file for the duration of the object, then restores it.
class Redirect {
public:
  explicit Redirect(int fd, const std::string &initial = "") : fd_(fd), file_(std::tmpfile()) {
    if (!file_) throw std::runtime_error("tmpfile failed");
    if (!initial.empty() && ::write(fileno(file_), initial.data(), initial.size()) != ssize_t(initial.size()))
      throw std::runtime_error("write failed");
    ::lseek(fileno(file_), 0, SEEK_SET);
    saved_ = ::dup(fd_);
    ::dup2(fileno(file_), fd_);
  }
  ~Redirect() {
    restore();
    std::fclose(file_);
  }
  void restore() {
    if (saved_ < 0) return;
    ::dup2(saved_, fd_);
    ::close(saved_);
    saved_ = -1;
  }
  std::string text() {
    std::string out;
    ::lseek(fileno(file_), 0, SEEK_SET);
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fileno(file_), buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
  }

private:
  int fd_;
  std::FILE *file_;
  int saved_ = -1;
};
} // namespace detail

inline Captured run_captured(const ssmd_subcommand *command, const ssmd_host *host,
                             const std::vector<std::string> &args, const std::string &stdin_text = "") {
  std::fflush(stdout);
  std::fflush(stderr);
  std::vector<const char *> argv;
  for (const auto &a : args) argv.push_back(a.c_str());
  Captured c;
  detail::Redirect in(STDIN_FILENO, stdin_text), out(STDOUT_FILENO), err(STDERR_FILENO);
  c.exit_code = command->run(host, static_cast<int>(argv.size()), argv.data());
  std::fflush(stdout);
  std::fflush(stderr);
  in.restore();
  out.restore();
  err.restore();
  c.out = out.text();
  c.err = err.text();
  return c;
}

} // namespace ssmd::test
