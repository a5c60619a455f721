// Runs the real ssmd binary in a repository with a wall-clock measurement and, outside sanitizer builds, an
// address-space limit (prlimit --as), so a test can prove that hostile input is refused quickly and within
// a memory bound. AddressSanitizer reserves terabytes of address space for its shadow memory, so its
// builds run without the limit (and say so through `memory_limited`).
#pragma once

#include "run_ssmd.hpp"
#include "sanitizers.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace ssmd::test {

inline constexpr bool memory_limited = !under_sanitizers;

inline constexpr uint64_t k_memory_limit_bytes = 256ull << 20;

struct BoundedRun {
  RunResult result;
  double seconds = 0;     // wall clock
  double cpu_seconds = 0; // user + system time of the processes run: unaffected by other load on the machine
};

// User + system seconds of every child this process has waited for.
inline double children_cpu_seconds() {
  rusage usage {};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  auto seconds = [](const timeval &t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

inline std::string shell_quote(const std::string &text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `ssmd --repo <repo> args...` under `prlimit --as=<limit_bytes>` (when memory_limited).
inline BoundedRun run_bounded(const std::filesystem::path &repo, const std::vector<std::string> &args,
                              uint64_t limit_bytes = k_memory_limit_bytes) {
  std::string command;
  if (memory_limited) command = "prlimit --as=" + std::to_string(limit_bytes) + " -- ";
  command += shell_quote(std::getenv("SSMD_BINARY")) + " --repo " + shell_quote(repo.string());
  for (const auto &arg : args) command += " " + shell_quote(arg);
  RunOptions options;
  options.unset_env = {"SSMD_REPO", "SSMD_PLUGIN_PATH", "SSMD_PLUGINS", "SSMD_LOCKED"};
  auto start = std::chrono::steady_clock::now();
  const double cpu_start = children_cpu_seconds();
  BoundedRun out;
  out.result = run_shell(command, options);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.cpu_seconds = children_cpu_seconds() - cpu_start;
  return out;
}

} // namespace ssmd::test
