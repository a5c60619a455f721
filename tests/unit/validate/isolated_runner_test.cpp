#include "sanitizers.hpp"
#include "validate/isolated_runner.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>

using namespace ssmd::validate;
using ssmd::test::under_sanitizers;

namespace {
void report(const ssmd_sink *sink, const char *rule, const char *path) {
  ssmd_diagnostic d{};
  d.struct_size = sizeof d;
  d.severity = SSMD_SEVERITY_WARNING;
  d.rule = {rule, std::strlen(rule)};
  d.message = {"m", 1};
  d.path = {path, std::strlen(path)};
  sink->report(sink->ctx, &d);
}

PluginJob job(const std::string &plugin, const std::string &file, std::function<void(const ssmd_sink *)> run) {
  return PluginJob{plugin, file, [run](const ssmd_sink *sink, const ssmd_bytes_sink *) { run(sink); }, 0};
}

std::vector<PluginJob> hostile_jobs() {
  std::vector<PluginJob> jobs;
  jobs.push_back(job("good", "a.yaml", [](const ssmd_sink *s) { report(s, "good/rule", "versions[0]"); }));
  jobs.push_back(job("crashy", "b.yaml", [](const ssmd_sink *s) {
    report(s, "crashy/before", "");
    std::raise(SIGSEGV);
  }));
  jobs.push_back(job("crashy", "c.yaml", [](const ssmd_sink *s) { report(s, "crashy/after", ""); }));
  jobs.push_back(job("aborts", "d.yaml", [](const ssmd_sink *) { std::abort(); }));
  jobs.push_back(job("hangs", "e.yaml", [](const ssmd_sink *) { std::this_thread::sleep_for(std::chrono::seconds(30)); }));
  jobs.push_back(job("hangs", "f.yaml", [](const ssmd_sink *s) { report(s, "hangs/after", ""); }));
  jobs.push_back(job("throws", "g.yaml", [](const ssmd_sink *) { throw std::runtime_error("boom"); }));
  jobs.push_back(job("exits", "h.yaml", [](const ssmd_sink *) { std::exit(7); }));
  return jobs;
}
} // namespace

// The per-call timeout the hostile jobs run under. Under AddressSanitizer, `exits` runs LeakSanitizer's
// scan of the worker's memory in std::exit, which on a loaded machine can take longer than 500 ms.
constexpr std::chrono::milliseconds k_call_timeout{under_sanitizers ? 2000 : 500};

TEST(IsolatedRunner, SurvivesCrashesHangsAbortsThrowsAndExits) {
  IsolationOptions options;
  options.timeout = k_call_timeout;
  options.workers_per_plugin = 1;
  auto start = std::chrono::steady_clock::now();
  auto results = run_isolated(hostile_jobs(), options);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(results.size(), 8u);

  EXPECT_FALSE(results[0].failure);
  ASSERT_EQ(results[0].findings.size(), 1u);
  EXPECT_EQ(results[0].findings[0].rule, "good/rule");
  EXPECT_EQ(results[0].findings[0].path, "versions[0]");
  EXPECT_EQ(results[0].findings[0].severity, SSMD_SEVERITY_WARNING);

  ASSERT_TRUE(results[1].failure);
  EXPECT_EQ(*results[1].failure, "crashed with SIGSEGV");
  EXPECT_EQ(results[1].findings.size(), 1u); // what it said before crashing still counts
  // A fresh worker finished the crashed worker's share.
  EXPECT_FALSE(results[2].failure);
  EXPECT_EQ(results[2].findings.at(0).rule, "crashy/after");

  EXPECT_EQ(results[3].failure.value_or(""), "crashed with SIGABRT");
  EXPECT_EQ(results[4].failure.value_or(""), "timed out after " + std::to_string(k_call_timeout.count()) + " ms");
  EXPECT_FALSE(results[5].failure);
  EXPECT_EQ(results[5].findings.at(0).rule, "hangs/after");
  EXPECT_EQ(results[6].failure.value_or(""), "threw an exception: boom");
  EXPECT_EQ(results[7].failure.value_or(""), "exited with status 7");
  // The hang cost one timeout, not thirty seconds.
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(IsolatedRunner, ManyJobsAcrossWorkersKeepTheirOwnFindings) {
  std::vector<PluginJob> jobs;
  std::vector<std::string> paths;
  for (int i = 0; i < 200; ++i) paths.push_back("versions[" + std::to_string(i) + "]");
  for (int i = 0; i < 200; ++i)
    jobs.push_back(job(i % 2 ? "p1" : "p2", "f" + std::to_string(i),
                       [&paths, i](const ssmd_sink *s) { report(s, "r", paths[static_cast<size_t>(i)].c_str()); }));
  IsolationOptions options;
  options.workers_per_plugin = 3;
  auto results = run_isolated(jobs, options);
  for (int i = 0; i < 200; ++i) {
    ASSERT_EQ(results[static_cast<size_t>(i)].findings.size(), 1u);
    EXPECT_EQ(results[static_cast<size_t>(i)].findings[0].path, paths[static_cast<size_t>(i)]);
  }
}

TEST(InProcessRunner, CollectsFindingsAndExceptions) {
  std::vector<PluginJob> jobs;
  jobs.push_back(job("good", "a.yaml", [](const ssmd_sink *s) { report(s, "good/rule", "x"); }));
  jobs.push_back(job("throws", "b.yaml", [](const ssmd_sink *) { throw std::runtime_error("boom"); }));
  auto results = run_in_process(jobs);
  EXPECT_EQ(results[0].findings.at(0).rule, "good/rule");
  EXPECT_EQ(results[1].failure.value_or(""), "failed: boom");
}

namespace {
PluginJob job_with_output(const std::string &plugin, std::function<void(const ssmd_sink *, const ssmd_bytes_sink *)> run) {
  return PluginJob{plugin, "x.yaml", std::move(run), 0};
}
void write_record(const ssmd_bytes_sink *out, const std::string &bytes) { out->write(out->ctx, {bytes.data(), bytes.size()}); }
bool gone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  return line.find(") Z ") != std::string::npos;
}
} // namespace

TEST(IsolatedRunner, RecordsComeBackWholeAndInOrder) {
  const std::string big(300000, 'v'), binary("a\0b\xff", 4);
  JobResult result = run_isolated(job_with_output("p", [&](const ssmd_sink *, const ssmd_bytes_sink *out) {
                                write_record(out, "first");
                                write_record(out, big);
                                write_record(out, binary);
                                write_record(out, "");
                              }),
                              IsolationOptions{});
  ASSERT_FALSE(result.failure);
  ASSERT_EQ(result.records.size(), 4u);
  EXPECT_EQ(result.records[0].view(), "first");
  EXPECT_EQ(result.records[1].view(), big);
  EXPECT_EQ(result.records[2].view(), binary);
  EXPECT_EQ(result.records[3].view(), "");
}

TEST(IsolatedRunner, AWorkersStandardOutputGoesToStandardError) {
  // This process's stdout and stderr go to files for the length of the run.
  char out_name[] = "/tmp/ssmd-runner-out-XXXXXX", err_name[] = "/tmp/ssmd-runner-err-XXXXXX";
  int out = ::mkstemp(out_name), err = ::mkstemp(err_name);
  ASSERT_TRUE(out >= 0 && err >= 0);
  std::fflush(nullptr);
  int saved_out = ::dup(1), saved_err = ::dup(2);
  ::dup2(out, 1);
  ::dup2(err, 2);
  JobResult result = run_isolated(job_with_output("p", [](const ssmd_sink *, const ssmd_bytes_sink *) {
                                std::printf("printed by the plugin\n");
                                std::fflush(stdout);
                              }),
                              IsolationOptions{});
  ::dup2(saved_out, 1);
  ::dup2(saved_err, 2);
  ::close(saved_out);
  ::close(saved_err);
  auto slurp = [](const char *name) {
    std::ifstream in(name);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  std::string printed_out = slurp(out_name), printed_err = slurp(err_name);
  ::close(out);
  ::close(err);
  ::unlink(out_name);
  ::unlink(err_name);
  EXPECT_FALSE(result.failure);
  EXPECT_EQ(printed_out, "");
  EXPECT_EQ(printed_err, "printed by the plugin\n");
}

TEST(IsolatedRunner, AProcessAJobStartsEndsWithItsWorkerEvenHoldingThePipe) {
  // The grandchild holds the worker's pipe, so the pipe's end of file would come only when it exits.
  IsolationOptions options;
  options.timeout = std::chrono::milliseconds(20000);
  auto start = std::chrono::steady_clock::now();
  JobResult result = run_isolated(job_with_output("p", [](const ssmd_sink *, const ssmd_bytes_sink *out) {
                                pid_t child = ::fork();
                                if (child == 0) {
                                  ::sleep(60);
                                  _exit(0);
                                }
                                write_record(out, std::to_string(child));
                              }),
                              options);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  ASSERT_FALSE(result.failure) << *result.failure;
  ASSERT_EQ(result.records.size(), 1u);
  const pid_t grandchild = static_cast<pid_t>(std::stol(std::string(result.records[0].view())));
  for (int i = 0; i < 250 && !gone(grandchild); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(gone(grandchild));
  if (!gone(grandchild)) ::kill(grandchild, SIGKILL);
}

TEST(IsolatedRunner, TheTimeoutCanCountFromTheLastOutput) {
  // Ten records 100 ms apart: a second in all, never 300 ms of silence.
  auto chatty = job_with_output("p", [](const ssmd_sink *, const ssmd_bytes_sink *out) {
    for (int i = 0; i < 10; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      write_record(out, "tick");
    }
  });
  IsolationOptions options;
  options.timeout = std::chrono::milliseconds(300);
  EXPECT_EQ(run_isolated(chatty, options).failure.value_or(""), "timed out after 300 ms");
  options.timeout_from_last_output = true;
  size_t seen = 0;
  options.on_record = [&seen](size_t, const ssmd::secrets::SecretBytes &record) { seen += record.view() == "tick"; };
  JobResult result = run_isolated(chatty, options);
  EXPECT_FALSE(result.failure) << *result.failure;
  EXPECT_EQ(seen, 10u);
}
