// validate/job_plan: which plugin jobs a repository needs, their cache keys, and how their findings map back
// to file:line:col. The plugins are the bundled ones, built with the suite; jobs run in this process.
#include "validate/job_plan.hpp"

#include "plugins/plugin_manager.hpp"
#include "registry/repository.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;
using namespace ssmd;
using namespace ssmd::test;

namespace {

// A copy of the bundled exchanges/ (three feeds, three schemas, three environments), for a test to change.
struct BundledRepository {
  TempDir dir;
  BundledRepository() { fs::copy(source_dir() / "exchanges", dir.path() / "exchanges", fs::copy_options::recursive); }

  void replace(const std::string &file, const std::string &from, const std::string &to) const {
    std::string text = read_file(dir.path() / file);
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << file << " has no '" << from << "'";
    dir.write(file, text.replace(at, from.size(), to));
  }
};

PluginSettings bundled_plugins() {
  PluginSettings settings;
  settings.search_path = {build_dir() / "plugins"};
  return settings;
}

// A plan whose jobs are not run: the repository they would read is gone when it returns.
validate::Plan plan(PluginManager &plugins, const fs::path &root, const std::string &salt = "salt") {
  registry::Repository repo(root);
  repo.load_all();
  return validate::plan_jobs(plugins, repo, salt);
}

// The cache key of each job, by file and plugin (a file may have one job per plugin that checks it).
std::map<std::string, std::string> keys_by_job(const validate::Plan &plan) {
  std::map<std::string, std::string> out;
  for (const auto &planned : plan.jobs) {
    std::string name = planned.job.file + " " + planned.job.plugin;
    while (out.count(name)) name += "'";
    out[name] = planned.cache_key;
  }
  return out;
}

// Runs the plan's jobs for `file` in this process and maps what they report back to diagnostics.
Diagnostics findings_for(const validate::Plan &plan, const std::string &file) {
  std::vector<validate::PluginJob> jobs;
  std::vector<const validate::PlannedJob *> planned;
  for (const auto &p : plan.jobs)
    if (p.job.file == file) {
      jobs.push_back(p.job);
      planned.push_back(&p);
    }
  Diagnostics out;
  auto results = validate::run_in_process(jobs);
  for (size_t i = 0; i < results.size(); ++i) {
    EXPECT_FALSE(results[i].failure) << *results[i].failure;
    for (auto &d : planned[i]->map(results[i])) out.push_back(d);
  }
  return out;
}

} // namespace

TEST(JobPlan, TheBundledRepositoryNeedsAJobPerPluginCheckAndHasNoFinding) {
  BundledRepository bundled;
  PluginManager plugins(bundled_plugins());
  const validate::Plan p = plan(plugins, bundled.dir.path());
  for (const auto &d : p.diagnostics) ADD_FAILURE() << format_diagnostic(d);

  std::set<std::string> files, plugin_names, keys;
  for (const auto &planned : p.jobs) {
    files.insert(planned.job.file);
    plugin_names.insert(planned.job.plugin);
    EXPECT_FALSE(planned.cache_key.empty()) << planned.job.file;
    keys.insert(planned.cache_key);
  }
  EXPECT_EQ(keys.size(), p.jobs.size()) << "two jobs share a cache key";
  for (const char *file : {"exchanges/feeds/kalshi.yaml", "exchanges/feeds/kalshi-demo.yaml", "exchanges/feeds/polymarket.yaml",
                           "exchanges/environments/kalshi-prod.yaml", "exchanges/environments/kalshi-dev.yaml",
                           "exchanges/environments/polymarket-dev.yaml"})
    EXPECT_TRUE(files.count(file)) << "no job checks " << file;
  for (const char *plugin : {"feed-kalshi", "feed-polymarket", "schema-capnp"})
    EXPECT_TRUE(plugin_names.count(plugin)) << "no job runs " << plugin;
  // Every schema definition file is checked, and nothing else is listed as one.
  std::set<std::string> definitions;
  for (const auto &entry : fs::directory_iterator(bundled.dir.path() / "exchanges" / "schemas"))
    if (entry.path().extension() == ".capnp") definitions.insert("exchanges/schemas/" + entry.path().filename().string());
  EXPECT_EQ(std::set<std::string>(p.files.begin(), p.files.end()), definitions);
}

TEST(JobPlan, CacheKeysChangeWithTheirInputsAndOnlyThen) {
  BundledRepository bundled;
  PluginManager plugins(bundled_plugins());
  const auto before = keys_by_job(plan(plugins, bundled.dir.path()));
  EXPECT_EQ(keys_by_job(plan(plugins, bundled.dir.path())), before) << "the same inputs give the same keys";

  for (const auto &[job, key] : keys_by_job(plan(plugins, bundled.dir.path(), "another salt")))
    EXPECT_NE(key, before.at(job)) << job << ": the salt (configuration, version) is in every key";

  bundled.replace("exchanges/feeds/polymarket.yaml", "rate_limit_per_second: ", "rate_limit_per_second: 1");
  const auto after = keys_by_job(plan(plugins, bundled.dir.path()));
  ASSERT_EQ(after.size(), before.size());
  for (const auto &[job, key] : after) {
    // The feed's own job, and the feed plugin's check of the environments that use the feed (it reads the
    // feed), see the edit; a secret backend's check of those environments does not read the feed.
    const bool reads_feed = job.starts_with("exchanges/feeds/polymarket.yaml ") ||
                            (job.starts_with("exchanges/environments/polymarket-") && job.ends_with(" feed-polymarket"));
    if (reads_feed) {
      EXPECT_NE(key, before.at(job)) << job << " reads the edited feed";
    } else {
      EXPECT_EQ(key, before.at(job)) << job << " does not read the edited feed";
    }
  }
}

TEST(JobPlan, AFindingMapsBackToItsLineInTheFile) {
  BundledRepository bundled;
  bundled.replace("exchanges/feeds/kalshi.yaml", "wss://api.elections.kalshi.com/trade-api/ws/v2",
                  "wss://api.elections.kalshi.com/trade-api/rest/v2");
  PluginManager plugins(bundled_plugins());
  // The jobs read the files through the repository: it outlives them.
  registry::Repository repo(bundled.dir.path());
  repo.load_all();
  const validate::Plan p = validate::plan_jobs(plugins, repo, "salt");
  const Diagnostics found = findings_for(p, "exchanges/feeds/kalshi.yaml");
  const auto path = std::find_if(found.begin(), found.end(), [](const Diagnostic &d) { return d.rule == "kalshi/endpoint-path"; });
  ASSERT_NE(path, found.end()) << "kalshi/endpoint-path did not fire";
  EXPECT_EQ(path->file, "exchanges/feeds/kalshi.yaml");
  EXPECT_EQ(path->line, 13u) << "the endpoint's line";
  EXPECT_GT(path->column, 0u);
}

TEST(JobPlan, AnExchangeNoPluginProvidesIsAWarningNotAJob) {
  BundledRepository bundled;
  bundled.replace("exchanges/feeds/polymarket.yaml", "exchange: polymarket", "exchange: acme");
  PluginManager plugins(bundled_plugins());
  const validate::Plan p = plan(plugins, bundled.dir.path());
  const auto missing = std::find_if(p.diagnostics.begin(), p.diagnostics.end(),
                                    [](const Diagnostic &d) { return d.rule == "plugin/missing"; });
  ASSERT_NE(missing, p.diagnostics.end());
  EXPECT_EQ(missing->file, "exchanges/feeds/polymarket.yaml");
  EXPECT_EQ(missing->severity, Severity::Warning);
  EXPECT_GT(missing->line, 0u);
  for (const auto &planned : p.jobs)
    EXPECT_FALSE(planned.job.file == "exchanges/feeds/polymarket.yaml" && planned.job.plugin == "feed-polymarket")
        << "the feed no longer names polymarket";
}
