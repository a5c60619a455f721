#include "validate/isolated_runner.hpp"

#include "validate/worker_process.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <poll.h>
#include <stdexcept>
#include <string.h> // explicit_bzero
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace ssmd::validate {

namespace {

using Clock = std::chrono::steady_clock;

// Frames on the pipe: [type u8][job u32][length u32][payload].
enum FrameType : uint8_t { kStart = 1, kFinding = 2, kEnd = 3, kError = 4, kRecord = 5 };
constexpr size_t kHeaderBytes = 9;

void put_u32(std::string &out, uint32_t v) { out.append(reinterpret_cast<const char *>(&v), sizeof v); }
void put_str(std::string &out, std::string_view s) {
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

// Writes one frame; the frame's bytes are wiped once written, since a record may hold a secret value. A
// plugin may report from several threads at once (a storage backend's parallel fetch), so frames are
// written one at a time.
void send(int fd, FrameType type, uint32_t job, std::string_view payload = {}) {
  static std::mutex one_frame_at_a_time;
  std::lock_guard lock(one_frame_at_a_time);
  std::string frame;
  frame.reserve(kHeaderBytes + payload.size());
  frame += static_cast<char>(type);
  put_u32(frame, job);
  put_str(frame, payload);
  bool written = write_all(fd, frame);
  secrets::wipe_string(frame);
  if (!written) _exit(111); // the supervisor is gone
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
bool decode(std::string_view in, PluginFinding &f) {
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
    s.assign(in.substr(pos, len));
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
  WorkerProcess process;
  secrets::SecretBuffer buffer; // bytes read and not yet decoded
  Clock::time_point deadline;
};

[[noreturn]] void child_main(const std::vector<PluginJob> &jobs, const Worker &w, int fd) {
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
    ssmd_bytes_sink out{&ctx, [](void *c, ssmd_str bytes) {
                          auto *x = static_cast<Ctx *>(c);
                          send(x->fd, kRecord, x->job, std::string_view(bytes.data ? bytes.data : "", bytes.size));
                        }};
    try {
      jobs[job].run(&sink, &out);
    } catch (const std::exception &e) {
      send(fd, kError, job, std::string("threw an exception: ") + e.what());
    } catch (...) {
      send(fd, kError, job, "threw an exception");
    }
    send(fd, kEnd, job);
  }
  // Skip destructors and atexit handlers: they belong to the parent's state.
  std::fflush(stdout);
  _exit(0);
}

void spawn(const std::vector<PluginJob> &jobs, Worker &w, std::vector<Worker> &all, std::chrono::milliseconds timeout) {
  // What this process has buffered for its own stdout must not be written a second time by a worker.
  std::cout.flush();
  std::fflush(nullptr);
  std::vector<int> inherited;
  for (const auto &other : all) other.process.add_descriptors(inherited);
  w.process.start(inherited, [&](int fd) { child_main(jobs, w, fd); });
  w.buffer.clear();
  w.deadline = Clock::now() + timeout;
}

// Consumes whole frames from the worker's buffer.
void drain(Worker &w, std::vector<JobResult> &results, const IsolationOptions &options) {
  const std::chrono::milliseconds timeout = options.timeout;
  while (w.buffer.size() >= kHeaderBytes) {
    const char *at = w.buffer.data();
    uint8_t type = static_cast<uint8_t>(at[0]);
    uint32_t job, len;
    std::memcpy(&job, at + 1, 4);
    std::memcpy(&len, at + 5, 4);
    if (w.buffer.size() - kHeaderBytes < len) break;
    std::string_view payload(at + kHeaderBytes, len);
    if (options.timeout_from_last_output) w.deadline = Clock::now() + timeout;
    // Only the job the worker is on may be reported; anything else is ignored.
    if (w.next < w.share.size() && job == w.share[w.next]) {
      if (type == kStart) {
        w.deadline = Clock::now() + timeout;
      } else if (type == kFinding) {
        PluginFinding f;
        if (decode(payload, f)) results[job].findings.push_back(std::move(f));
      } else if (type == kRecord) {
        results[job].records.emplace_back(payload);
        if (options.on_record) options.on_record(job, results[job].records.back());
      } else if (type == kError) {
        results[job].failure = std::string(payload);
      } else if (type == kEnd) {
        ++w.next;
        w.deadline = Clock::now() + timeout;
        if (options.on_job_done) options.on_job_done();
      }
    }
    w.buffer.consume(kHeaderBytes + len); // wipes the frame
  }
}

// Reads what the worker's pipe holds now. Returns false at end of file.
bool read_available(Worker &w, std::vector<JobResult> &results, const IsolationOptions &options) {
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(w.process.pipe_fd(), buf, sizeof buf);
    if (n > 0) {
      w.buffer.append(buf, static_cast<size_t>(n));
      ::explicit_bzero(buf, static_cast<size_t>(n));
      drain(w, results, options);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    return n != 0; // 0: end of file; -1 with EAGAIN: nothing more for now
  }
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

  size_t count = 0;
  for (const auto &[plugin, indices] : by_plugin) count += std::min(per_plugin, indices.size());
  std::vector<Worker> workers(count); // never resized: a Worker owns a process and cannot move
  size_t first = 0;
  for (const auto &[plugin, indices] : by_plugin) {
    size_t k = std::min(per_plugin, indices.size());
    for (size_t i = 0; i < indices.size(); ++i) workers[first + i % k].share.push_back(indices[i]);
    first += k;
  }
  for (auto &w : workers) spawn(jobs, w, workers, options.timeout);

  for (;;) {
    std::vector<pollfd> fds;
    std::vector<size_t> owners;
    auto now = Clock::now();
    auto wait = std::chrono::milliseconds::max();
    for (size_t i = 0; i < workers.size(); ++i) {
      Worker &w = workers[i];
      if (!w.process.running()) continue;
      w.process.add_poll(fds);
      while (owners.size() < fds.size()) owners.push_back(i);
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(w.deadline - now));
      wait = std::min(wait, w.process.poll_interval());
    }
    if (fds.empty()) break;
    int timeout_ms = static_cast<int>(std::clamp<int64_t>(wait.count() + 1, 0, 60000));
    int ready = ::poll(fds.data(), fds.size(), timeout_ms);
    if (ready < 0 && errno != EINTR) throw std::runtime_error("poll failed while supervising plugin workers");
    now = Clock::now();
    for (size_t i = 0; i < workers.size(); ++i) {
      Worker &w = workers[i];
      if (!w.process.running()) continue;
      if (w.process.pipe_open() && !read_available(w, results, options)) w.process.close_pipe();
      std::string failure;
      if (auto status = w.process.exit_status()) {
        // Whatever it wrote before it ended is in the pipe already.
        if (w.process.pipe_open()) read_available(w, results, options);
        failure = describe_exit(*status);
      } else if (now >= w.deadline) {
        failure = "timed out after " + std::to_string(options.timeout.count()) + " ms";
      } else {
        continue;
      }
      w.process.stop(); // kills its process group, reaps it, closes its descriptors
      w.buffer.clear();
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

JobResult run_isolated(PluginJob job, const IsolationOptions &options) {
  std::vector<PluginJob> jobs;
  jobs.push_back(std::move(job));
  return std::move(run_isolated(jobs, options).front());
}

} // namespace ssmd::validate
