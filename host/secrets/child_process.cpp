#include "secrets/child_process.hpp"

#include "secrets/process_protection.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <cstdio>
#include <fcntl.h>
#include <iostream>
#include <stdexcept>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ssmd::secrets {

namespace {

constexpr int kForwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};

// While the child runs, the forwarded signals and SIGCHLD stay blocked in ssmd and are taken one by one
// with sigwaitinfo(): no asynchronous handler, so no race between a signal and the wait. The constructor
// blocks them before the child starts, so none is lost; the destructor puts everything back.
class SignalGate {
public:
  SignalGate() {
    sigemptyset(&set_);
    for (int sig : kForwarded) sigaddset(&set_, sig);
    sigaddset(&set_, SIGCHLD);
    pthread_sigmask(SIG_BLOCK, &set_, &saved_mask_);
    // With SIGCHLD ignored the kernel would reap the child itself and its exit status would be lost.
    struct sigaction deflt {};
    deflt.sa_handler = SIG_DFL;
    sigemptyset(&deflt.sa_mask);
    sigaction(SIGCHLD, &deflt, &saved_chld_);
  }
  ~SignalGate() {
    sigaction(SIGCHLD, &saved_chld_, nullptr);
    pthread_sigmask(SIG_SETMASK, &saved_mask_, nullptr);
  }
  SignalGate(const SignalGate &) = delete;
  SignalGate &operator=(const SignalGate &) = delete;

  const sigset_t &set() const { return set_; }
  // The mask ssmd had before, which the child starts with.
  const sigset_t &saved_mask() const { return saved_mask_; }

private:
  sigset_t set_;
  sigset_t saved_mask_;
  struct sigaction saved_chld_ {};
};

// Waits for `pid` to end, forwarding signals meanwhile. Returns its wait status.
int wait_forwarding(pid_t pid, const sigset_t &set) {
  int status = 0;
  for (;;) {
    siginfo_t info{};
    int sig = sigwaitinfo(&set, &info);
    if (sig < 0) {
      if (errno == EINTR) continue;
      // Not expected with a valid set; fall back to a plain wait rather than leave the child behind.
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
      return status;
    }
    if (sig == SIGCHLD) {
      pid_t done = waitpid(pid, &status, WNOHANG);
      if (done == pid || (done < 0 && errno == ECHILD)) return status;
      continue; // stopped or continued, or another child
    }
    if (info.si_code == SI_KERNEL) continue; // from the terminal: the child has it already
    kill(pid, sig);
  }
}

} // namespace

bool forwarded_signal(int signal) {
  for (int sig : kForwarded)
    if (sig == signal) return true;
  return false;
}

int run_forked(const std::function<int()> &body) {
  SignalGate gate;
  std::cout.flush();
  std::fflush(nullptr);
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("cannot fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) _exit(126);
    ::pthread_sigmask(SIG_SETMASK, &gate.saved_mask(), nullptr);
    int code = body();
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    // Skip destructors and atexit handlers: they belong to the parent's state.
    _exit(code & 0xff);
  }
  return wait_forwarding(pid, gate.set());
}

ChildOutcome run_child(const std::vector<std::string> &command, ChildEnvironment &environment) {
  ChildOutcome outcome;
  std::vector<char *> argv;
  for (const auto &arg : command) argv.push_back(const_cast<char *>(arg.c_str()));
  argv.push_back(nullptr);

  SignalGate gate;
  const rlimit core_limit = original_core_limit();
  // The child reports a failed exec through this pipe; a successful exec closes it (O_CLOEXEC) unwritten.
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) {
    environment.wipe();
    outcome.exit_code = 126;
    outcome.spawn_error = command[0] + ": cannot start it: " + std::strerror(errno);
    return outcome;
  }
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(report[0]);
    // The child must not outlive ssmd, even when ssmd dies of a signal it does not forward or of SIGKILL.
    // Checked after the request: ssmd may have died before it took effect.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) _exit(126);
    // ssmd lowered its own core limit to keep values off disk (process_protection.hpp); COMMAND gets the
    // limit ssmd was given, and the signal mask.
    ::setrlimit(RLIMIT_CORE, &core_limit);
    ::pthread_sigmask(SIG_SETMASK, &gate.saved_mask(), nullptr);
    // execvpe searches PATH as a shell does, with `environment` for COMMAND.
    ::execvpe(argv[0], argv.data(), environment.envp());
    int error = errno;
    ssize_t written = ::write(report[1], &error, sizeof error);
    (void)written;
    _exit(127);
  }
  ::close(report[1]);
  if (pid < 0) {
    ::close(report[0]);
    environment.wipe();
    outcome.exit_code = 126;
    outcome.spawn_error = command[0] + ": cannot start it: " + std::strerror(errno);
    return outcome;
  }
  // Returns once the child has exec'd (end of file) or failed to (its errno): either way the environment's
  // values are no longer needed here, and are wiped before ssmd waits.
  int error = 0;
  ssize_t got;
  while ((got = ::read(report[0], &error, sizeof error)) < 0 && errno == EINTR) {
  }
  ::close(report[0]);
  environment.wipe();
  if (got == static_cast<ssize_t>(sizeof error)) {
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
    // As shells do: 127 when the command is not there, 126 when it is there but cannot run.
    outcome.exit_code = error == ENOENT ? 127 : 126;
    bool searched = command[0].find('/') == std::string::npos;
    outcome.spawn_error =
        command[0] + ": " + (error == ENOENT && searched ? std::string("command not found") : std::strerror(error));
    return outcome;
  }
  int status = wait_forwarding(pid, gate.set());
  if (WIFEXITED(status))
    outcome.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    outcome.exit_code = 128 + WTERMSIG(status);
  else
    outcome.exit_code = 1;
  return outcome;
}

} // namespace ssmd::secrets
