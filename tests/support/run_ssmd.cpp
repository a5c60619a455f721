#include "run_ssmd.hpp"

#include <array>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <random>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace fs = std::filesystem;

namespace ssmd::test {

namespace {
std::string env_or_die(const char *name) {
  const char *value = std::getenv(name);
  if (!value) throw std::runtime_error(std::string(name) + " is not set; run the tests through ctest");
  return value;
}

// The child's environment: this process's, less `unset`, with `set` added or replaced.
std::vector<std::string> child_environment(const RunOptions &options) {
  std::vector<std::string> out;
  for (char **e = environ; *e; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    bool dropped = options.env.count(name) > 0;
    for (const auto &unset : options.unset_env) dropped = dropped || unset == name;
    if (!dropped) out.push_back(entry);
  }
  for (const auto &[name, value] : options.env) out.push_back(name + "=" + value);
  return out;
}

std::vector<char *> pointers_to(std::vector<std::string> &strings) {
  std::vector<char *> out;
  for (auto &s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

RunResult run_argv(std::vector<std::string> argv, const RunOptions &options) {
  // Everything the child needs is built before fork(): the child of a process with threads may only make
  // async-signal-safe calls until it execs. A setenv() there once hung a sanitized test forever, spinning on
  // an allocator lock another thread held at the fork.
  std::vector<std::string> environment = child_environment(options);
  std::vector<char *> args = pointers_to(argv), envp = pointers_to(environment);
  int in[2], out[2], err[2];
  if (pipe(in) || pipe(out) || pipe(err)) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(127);
    execvpe(args[0], args.data(), envp.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  // Feed stdin and drain both pipes together so neither side blocks on a full pipe.
  RunResult result;
  size_t written = 0;
  if (options.stdin_text.empty()) {
    close(in[1]);
    in[1] = -1;
  }
  std::array<pollfd, 3> fds{pollfd{out[0], POLLIN, 0}, pollfd{err[0], POLLIN, 0}, pollfd{in[1], POLLOUT, 0}};
  int open_fds = 2;
  while (open_fds > 0 || fds[2].fd >= 0) {
    if (poll(fds.data(), fds.size(), -1) < 0) break;
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP))) continue;
      char buf[65536];
      ssize_t n = read(fds[k].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[k].fd);
        fds[k].fd = -1;
        --open_fds;
      } else {
        (k == 0 ? result.out : result.err).append(buf, static_cast<size_t>(n));
      }
    }
    if (fds[2].fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = (fds[2].revents & POLLOUT)
                      ? write(fds[2].fd, options.stdin_text.data() + written, options.stdin_text.size() - written)
                      : -1;
      if (n > 0) written += static_cast<size_t>(n);
      if (n <= 0 || written == options.stdin_text.size()) {
        close(fds[2].fd);
        fds[2].fd = -1;
      }
    }
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  result.peak_rss_kib = usage.ru_maxrss;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}
} // namespace

RunResult run_ssmd(const std::vector<std::string> &args, const RunOptions &options) {
  std::vector<std::string> argv{env_or_die("SSMD_BINARY")};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_argv(argv, options);
}

RunResult run_shell(const std::string &command, const RunOptions &options) {
  return run_argv({"/bin/sh", "-c", command}, options);
}

TempDir::TempDir() {
  // ctest points TMPDIR at a private folder outside the checkout (tests/CMakeLists.txt): plugins placed below
  // a sticky, world-writable /tmp would be refused as unsafe. Recreated here, owner-only, if it was removed.
  if (const char *tmpdir = std::getenv("TMPDIR"); tmpdir && *tmpdir && !fs::exists(tmpdir)) {
    fs::create_directories(tmpdir);
    fs::permissions(tmpdir, fs::perms::owner_all);
  }
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = fs::temp_directory_path() / ("ssmd-test-" + std::to_string(rd()));
    std::error_code ec;
    if (fs::create_directory(candidate, ec)) {
      path_ = fs::canonical(candidate);
      fs::permissions(path_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                 fs::perms::others_read | fs::perms::others_exec);
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string &relative, const std::string &content) const {
  fs::path full = path_ / relative;
  fs::create_directories(full.parent_path());
  std::ofstream(full, std::ios::binary) << content;
  return full;
}

std::string read_file(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

#ifdef SSMD_TEST_SOURCE_DIR
fs::path source_dir() { return std::getenv("SSMD_SOURCE_DIR") ? env_or_die("SSMD_SOURCE_DIR") : SSMD_TEST_SOURCE_DIR; }
fs::path build_dir() { return std::getenv("SSMD_BUILD_DIR") ? env_or_die("SSMD_BUILD_DIR") : SSMD_TEST_BUILD_DIR; }
#else
fs::path source_dir() { return env_or_die("SSMD_SOURCE_DIR"); }
fs::path build_dir() { return env_or_die("SSMD_BUILD_DIR"); }
#endif

} // namespace ssmd::test
