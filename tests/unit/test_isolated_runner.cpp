#include "validate/isolated_runner.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <unistd.h>

using namespace ssmd::validate;

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

TEST(IsolatedRunner, SurvivesCrashesHangsAbortsThrowsAndExits) {
  IsolationOptions options;
  options.timeout = std::chrono::milliseconds(500);
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
  EXPECT_EQ(results[4].failure.value_or(""), "timed out after 500 ms");
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
