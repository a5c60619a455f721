#include "validate/worker_process.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <pthread.h>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ssmd::validate {

namespace {

// Everything a worker is before it runs plugin code; see isolated_runner.hpp for why.
void become_worker(pid_t supervisor) {
  ::setpgid(0, 0);
  // Checked after the request: the supervisor may have died before it took effect.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != supervisor) _exit(112);
  rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  ::prctl(PR_SET_DUMPABLE, 0);
  int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) ::dup2(null, 0);
  if (::dup2(2, 1) < 0 && null >= 0) ::dup2(null, 1);
  if (null > 2) ::close(null);
  ::signal(SIGPIPE, SIG_IGN);
}

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

// The stack a worker runs plugin code on. Plugins get a deep stack in their worker, whatever `ulimit -s`
// says: the capnp plugin needs 64 MiB for the compiler's recursion and, finding it here, runs the compiler
// on the calling thread instead of handing each file to a thread of its own (a hand-over per file cost
// about 10% of a check's CPU time on a 2-core virtual machine). Only the pages a plugin touches are used.
constexpr size_t kWorkerStackBytes = 96u << 20;

// Runs `body(fd)` on a thread with kWorkerStackBytes of stack; on the calling thread when no such thread
// can be started.
void run_on_worker_stack(const std::function<void(int)> &body, int fd) {
  struct Call {
    const std::function<void(int)> *body;
    int fd;
  } call{&body, fd};
  pthread_attr_t attributes;
  bool started = false;
  pthread_t thread;
  if (pthread_attr_init(&attributes) == 0) {
    started = pthread_attr_setstacksize(&attributes, kWorkerStackBytes) == 0 &&
              pthread_create(&thread, &attributes, [](void *arg) -> void * {
                auto *c = static_cast<Call *>(arg);
                (*c->body)(c->fd);
                return nullptr;
              }, &call) == 0;
    pthread_attr_destroy(&attributes);
  }
  if (started) pthread_join(thread, nullptr);
  else body(fd);
}

} // namespace

void WorkerProcess::start(const std::vector<int> &close_in_child, const std::function<void(int)> &body) {
  stop();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("cannot create a pipe for a plugin worker");
  const pid_t supervisor = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error("cannot fork a plugin worker");
  }
  if (pid == 0) {
    ::close(fds[0]);
    for (int fd : close_in_child) ::close(fd);
    become_worker(supervisor);
    run_on_worker_stack(body, fds[1]);
    _exit(0);
  }
  ::close(fds[1]);
  // Also here, so that the group exists before stop() may signal it, whichever process runs first.
  ::setpgid(pid, pid);
  ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
  pid_ = pid;
  pipe_ = fds[0];
  pidfd_ = open_pidfd(pid);
}

void WorkerProcess::close_pipe() {
  if (pipe_ >= 0) ::close(pipe_);
  pipe_ = -1;
}

void WorkerProcess::add_descriptors(std::vector<int> &out) const {
  if (pipe_ >= 0) out.push_back(pipe_);
  if (pidfd_ >= 0) out.push_back(pidfd_);
}

void WorkerProcess::add_poll(std::vector<pollfd> &out) const {
  if (pipe_ >= 0) out.push_back(pollfd{pipe_, POLLIN, 0});
  if (pidfd_ >= 0) out.push_back(pollfd{pidfd_, POLLIN, 0});
}

std::chrono::milliseconds WorkerProcess::poll_interval() const {
  return pidfd_ >= 0 ? std::chrono::milliseconds::max() : std::chrono::milliseconds(20);
}

std::optional<int> WorkerProcess::exit_status() const {
  if (pid_ <= 0) return std::nullopt;
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid == 0)
    return std::nullopt;
  // Rebuilt as the status waitpid() would give, for WIFSIGNALED and friends.
  if (info.si_code == CLD_EXITED) return (info.si_status & 0xff) << 8;
  return info.si_status & 0x7f;
}

void WorkerProcess::stop() {
  if (pid_ > 0) {
    // The worker is at most a zombie here, so its group id cannot have been reused.
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL); // in case it left its group
    while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }
  close_pipe();
  if (pidfd_ >= 0) ::close(pidfd_);
  pidfd_ = -1;
}

} // namespace ssmd::validate
