#include "validate/isolated_runner.hpp"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <map>
#include <poll.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace ssmd::validate {

namespace {

using Clock = std::chrono::steady_clock;

// Frames on the pipe: [type u8][job u32][length u32][payload].
enum FrameType : uint8_t { kStart = 1, kFinding = 2, kEnd = 3, kError = 4 };

void put_u32(std::string &out, uint32_t v) { out.append(reinterpret_cast<const char *>(&v), sizeof v); }
void put_str(std::string &out, const std::string &s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out += s;
}

bool write_all(int fd, const std::string &bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

void send(int fd, FrameType type, uint32_t job, const std::string &payload = "") {
  std::string frame(1, static_cast<char>(type));
  put_u32(frame, job);
  put_str(frame, payload);
  if (!write_all(fd, frame)) _exit(111); // the supervisor is gone
}

std::string encode(const PluginFinding &f) {
  std::string out(1, static_cast<char>(f.severity));
  put_str(out, f.rule);
  put_str(out, f.message);
  put_str(out, f.path);
  put_str(out, f.file);
  put_u32(out, f.line);
  put_u32(out, f.column);
  return out;
}

// Reads what encode() wrote; a malformed payload yields nothing (a worker cannot lie its way in).
bool decode(const std::string &in, PluginFinding &f) {
  size_t pos = 0;
  auto u32 = [&](uint32_t &v) {
    if (pos + 4 > in.size()) return false;
    std::memcpy(&v, in.data() + pos, 4);
    pos += 4;
    return true;
  };
  auto str = [&](std::string &s) {
    uint32_t len;
    if (!u32(len) || pos + len > in.size()) return false;
    s.assign(in, pos, len);
    pos += len;
    return true;
  };
  if (in.empty()) return false;
  f.severity = static_cast<ssmd_severity>(static_cast<uint8_t>(in[pos++]) % 3);
  return str(f.rule) && str(f.message) && str(f.path) && str(f.file) && u32(f.line) && u32(f.column);
}

struct Worker {
  std::vector<size_t> share; // job indices, in order
  size_t next = 0;           // first job in `share` not yet finished
  pid_t pid = -1;
  int fd = -1;
  std::string buffer;
  Clock::time_point deadline;
};

[[noreturn]] void child_main(const std::vector<PluginJob> &jobs, const Worker &w, int fd) {
  ::signal(SIGPIPE, SIG_IGN);
  for (size_t k = w.next; k < w.share.size(); ++k) {
    uint32_t job = static_cast<uint32_t>(w.share[k]);
    send(fd, kStart, job);
    struct Ctx {
      int fd;
      uint32_t job;
    } ctx{fd, job};
    ssmd_sink sink{&ctx, [](void *c, const ssmd_diagnostic *d) {
                     auto *x = static_cast<Ctx *>(c);
                     send(x->fd, kFinding, x->job, encode(copy_finding(*d)));
                   }};
    try {
      jobs[job].run(&sink);
    } catch (const std::exception &e) {
      send(fd, kError, job, std::string("threw an exception: ") + e.what());
    } catch (...) {
      send(fd, kError, job, "threw an exception");
    }
    send(fd, kEnd, job);
  }
  // Skip destructors and atexit handlers: they belong to the parent's state.
  _exit(0);
}

void spawn(const std::vector<PluginJob> &jobs, Worker &w, std::vector<Worker> &all, std::chrono::milliseconds timeout) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("cannot create a pipe for a plugin worker");
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("cannot fork a plugin worker");
  if (pid == 0) {
    ::close(fds[0]);
    for (const auto &other : all)
      if (other.fd >= 0) ::close(other.fd);
    child_main(jobs, w, fds[1]);
  }
  ::close(fds[1]);
  w.pid = pid;
  w.fd = fds[0];
  w.buffer.clear();
  w.deadline = Clock::now() + timeout;
}

// Consumes whole frames from the worker's buffer.
void drain(Worker &w, std::vector<JobResult> &results, const IsolationOptions &options) {
  const std::chrono::milliseconds timeout = options.timeout;
  size_t pos = 0;
  while (w.buffer.size() - pos >= 9) {
    uint8_t type = static_cast<uint8_t>(w.buffer[pos]);
    uint32_t job, len;
    std::memcpy(&job, w.buffer.data() + pos + 1, 4);
    std::memcpy(&len, w.buffer.data() + pos + 5, 4);
    if (w.buffer.size() - pos - 9 < len) break;
    std::string payload = w.buffer.substr(pos + 9, len);
    pos += 9 + len;
    // Only the job the worker is on may be reported; anything else is ignored.
    if (w.next >= w.share.size() || job != w.share[w.next]) continue;
    if (type == kStart) {
      w.deadline = Clock::now() + timeout;
    } else if (type == kFinding) {
      PluginFinding f;
      if (decode(payload, f)) results[job].findings.push_back(std::move(f));
    } else if (type == kError) {
      results[job].failure = payload;
    } else if (type == kEnd) {
      ++w.next;
      w.deadline = Clock::now() + timeout;
      if (options.on_job_done) options.on_job_done();
    }
  }
  w.buffer.erase(0, pos);
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) return "crashed with " + signal_name(WTERMSIG(status));
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  return "stopped unexpectedly";
}

} // namespace

std::string signal_name(int signal) {
  if (const char *abbrev = sigabbrev_np(signal)) return std::string("SIG") + abbrev;
  return "signal " + std::to_string(signal);
}

std::vector<JobResult> run_isolated(const std::vector<PluginJob> &jobs, const IsolationOptions &options) {
  std::vector<JobResult> results(jobs.size());
  size_t per_plugin = options.workers_per_plugin ? options.workers_per_plugin
                                                 : std::max(1u, std::thread::hardware_concurrency());
  std::map<std::string, std::vector<size_t>> by_plugin;
  for (size_t i = 0; i < jobs.size(); ++i) by_plugin[jobs[i].plugin].push_back(i);

  std::vector<Worker> workers;
  for (const auto &[plugin, indices] : by_plugin) {
    size_t k = std::min(per_plugin, indices.size());
    size_t first = workers.size();
    workers.resize(first + k);
    for (size_t i = 0; i < indices.size(); ++i) workers[first + i % k].share.push_back(indices[i]);
  }
  for (auto &w : workers) spawn(jobs, w, workers, options.timeout);

  for (;;) {
    std::vector<pollfd> fds;
    std::vector<Worker *> owners;
    auto now = Clock::now();
    auto wait = std::chrono::milliseconds::max();
    for (auto &w : workers) {
      if (w.fd < 0) continue;
      fds.push_back(pollfd{w.fd, POLLIN, 0});
      owners.push_back(&w);
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(w.deadline - now));
    }
    if (fds.empty()) break;
    int timeout_ms = static_cast<int>(std::clamp<int64_t>(wait.count() + 1, 0, 60000));
    int ready = ::poll(fds.data(), fds.size(), timeout_ms);
    if (ready < 0 && errno != EINTR) throw std::runtime_error("poll failed while supervising plugin workers");
    now = Clock::now();
    for (size_t i = 0; i < fds.size(); ++i) {
      Worker &w = *owners[i];
      bool ended = false;
      std::string failure;
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buf[65536];
        ssize_t n = ::read(w.fd, buf, sizeof buf);
        if (n > 0) {
          w.buffer.append(buf, static_cast<size_t>(n));
          drain(w, results, options);
        } else if (n == 0 || errno != EINTR) {
          ended = true;
          int status = 0;
          ::waitpid(w.pid, &status, 0);
          failure = describe_exit(status);
        }
      }
      if (!ended && now >= w.deadline) {
        ::kill(w.pid, SIGKILL);
        ::waitpid(w.pid, nullptr, 0);
        ended = true;
        failure = "timed out after " + std::to_string(options.timeout.count()) + " ms";
      }
      if (!ended) continue;
      ::close(w.fd);
      w.fd = -1;
      if (w.next < w.share.size()) {
        // The worker died on share[next]: that job failed; a new worker carries on with the rest.
        JobResult &r = results[w.share[w.next]];
        if (!r.failure) r.failure = failure;
        ++w.next;
        if (options.on_job_done) options.on_job_done();
        if (w.next < w.share.size()) spawn(jobs, w, workers, options.timeout);
      }
    }
  }
  return results;
}

} // namespace ssmd::validate
