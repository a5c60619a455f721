// One supervised worker process of the isolated runner (validate/isolated_runner.hpp): forked with a pipe
// back to its supervisor, in a process group of its own, and stopped whole.
//
//   WorkerProcess p;
//   p.start(descriptors_to_close, [&](int fd) { ...write frames to fd...; _exit(0); });
//   ... poll p.add_poll(...), read p.pipe_fd(), until p.exit_status() or a deadline ...
//   p.stop(); // kills the group (the worker and whatever it started), reaps the worker
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <poll.h>
#include <sys/types.h>
#include <vector>

namespace ssmd::validate {

class WorkerProcess {
public:
  WorkerProcess() = default;
  WorkerProcess(const WorkerProcess &) = delete;
  WorkerProcess &operator=(const WorkerProcess &) = delete;
  ~WorkerProcess() { stop(); }

  // Forks. The child closes `close_in_child` (descriptors of other workers), makes itself a worker (see
  // isolated_runner.hpp: own process group, parent-death signal, no core dump, stdout to stderr, stdin from
  // /dev/null) and runs `body` with the write end of the pipe; `body` must not return. Throws
  // std::runtime_error when the pipe or the fork fails.
  void start(const std::vector<int> &close_in_child, const std::function<void(int)> &body);

  bool running() const { return pid_ > 0; }
  // The read end of the pipe (non-blocking), while open.
  int pipe_fd() const { return pipe_; }
  bool pipe_open() const { return pipe_ >= 0; }
  // Stops reading the pipe: at end of file, which a worker's own child may delay well past its end.
  void close_pipe();

  // Appends the descriptors this worker holds, for a sibling forked later to close.
  void add_descriptors(std::vector<int> &out) const;
  // Appends what poll() should watch: the pipe, and the worker's exit (a pidfd) where the kernel has one.
  void add_poll(std::vector<pollfd> &out) const;
  // The longest poll() may sleep for this worker: unbounded with a pidfd, a short tick without one.
  std::chrono::milliseconds poll_interval() const;

  // The worker's wait status once it has ended, without reaping it (its process group stays addressable
  // until stop()); nullopt while it runs.
  std::optional<int> exit_status() const;
  // Kills the worker's process group, reaps the worker and closes its descriptors. Safe to call twice.
  void stop();

private:
  pid_t pid_ = -1;
  int pipe_ = -1;
  int pidfd_ = -1;
};

} // namespace ssmd::validate
