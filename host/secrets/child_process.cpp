#include "secrets/child_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>

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

ChildOutcome run_child(const std::vector<std::string> &command, ChildEnvironment &environment) {
  ChildOutcome outcome;
  std::vector<char *> argv;
  for (const auto &arg : command) argv.push_back(const_cast<char *>(arg.c_str()));
  argv.push_back(nullptr);

  SignalGate gate;
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setsigmask(&attributes, &gate.saved_mask());
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
  pid_t pid = -1;
  // posix_spawnp searches PATH and reports a failed exec as its return value. ssmd waits in it until the
  // child has exec'd (or failed to), so the child has its own copy of the environment when it returns.
  int rc = posix_spawnp(&pid, argv[0], nullptr, &attributes, argv.data(), environment.envp());
  posix_spawnattr_destroy(&attributes);
  environment.wipe();
  if (rc != 0) {
    // As shells do: 127 when the command is not there, 126 when it is there but cannot run.
    outcome.exit_code = rc == ENOENT ? 127 : 126;
    bool searched = command[0].find('/') == std::string::npos;
    outcome.spawn_error =
        command[0] + ": " + (rc == ENOENT && searched ? std::string("command not found") : std::strerror(rc));
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
