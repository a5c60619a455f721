// The CI recipes `ssmd init` writes, run as the CI would run them: the shell of each GitHub Actions `run:`
// step and each GitLab CI `script:` is taken from the generated YAML and executed in a clone of a real
// repository, on a feature branch, with ssmd on PATH and the variables the CI provides. A clean change
// (a compatible new version, a schema new on the branch) passes; a wire-breaking change fails.
#include "plugin_env.hpp"
#include "schema_fixture.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

// One shell step of a recipe: its name, its script, the environment the CI gives it and its condition.
struct Step {
  std::string name, script, condition;
  std::map<std::string, std::string> env;
};

// The `run:` steps of the `validate` job, each with the job's `env:` (plain values). `${{ github.base_ref }}`
// in a step's env is evaluated to `base`, as on a pull request into it; any other expression fails the test,
// so a new one must be taught here.
std::vector<Step> github_steps(const fs::path &workflow, const std::string &base) {
  std::vector<Step> out;
  YAML::Node root = YAML::LoadFile(workflow.string());
  std::map<std::string, std::string> job_env;
  if (root["jobs"]["validate"]["env"])
    for (const auto &var : root["jobs"]["validate"]["env"]) {
      job_env[var.first.as<std::string>()] = var.second.as<std::string>();
      EXPECT_EQ(job_env[var.first.as<std::string>()].find("${{"), std::string::npos) << "an expression in the job's env";
    }
  for (const auto &step : root["jobs"]["validate"]["steps"]) {
    if (!step["run"]) continue;
    Step s{step["name"].as<std::string>(), step["run"].as<std::string>(), step["if"] ? step["if"].as<std::string>() : "", job_env};
    EXPECT_EQ(s.script.find("${{"), std::string::npos) << s.name << ": an expression spliced into the script";
    if (step["env"])
      for (const auto &var : step["env"]) {
        std::string value = var.second.as<std::string>();
        EXPECT_EQ(value, "${{ github.base_ref }}") << s.name << ": an expression this test cannot evaluate";
        s.env[var.first.as<std::string>()] = base;
      }
    out.push_back(std::move(s));
  }
  return out;
}

// The pipeline's global `variables:`, which the runner exports to every job.
std::map<std::string, std::string> gitlab_variables(const fs::path &file) {
  std::map<std::string, std::string> out;
  YAML::Node root = YAML::LoadFile(file.string());
  if (root["variables"])
    for (const auto &var : root["variables"]) out[var.first.as<std::string>()] = var.second.as<std::string>();
  return out;
}

// Each job's `before_script` and `script` lines, joined as the runner joins them.
std::map<std::string, std::string> gitlab_jobs(const fs::path &file) {
  std::map<std::string, std::string> out;
  YAML::Node root = YAML::LoadFile(file.string());
  std::string before;
  if (root["default"] && root["default"]["before_script"])
    for (const auto &line : root["default"]["before_script"]) before += line.as<std::string>() + "\n";
  for (const auto &job : root) {
    if (!job.second.IsMap() || !job.second["script"]) continue;
    std::string script = before;
    for (const auto &line : job.second["script"]) script += line.as<std::string>() + "\n";
    out[job.first.as<std::string>()] = script;
  }
  return out;
}

// Whether a step with `if: condition` runs on a pull request when an earlier step has `failed`.
bool should_run(const std::string &condition, bool failed) {
  if (condition.empty() || condition == "github.event_name == 'pull_request'") return !failed;
  if (condition == "always()") return true;
  if (condition == "failure()") return failed;
  ADD_FAILURE() << "a condition this test cannot evaluate: if: " << condition;
  return false;
}

// A schema version's YAML entry with the real hash of `content`.
std::string version_entry(const std::string &version, const std::string &date, const std::string &file,
                          const std::string &content) {
  return "  - version: " + version + "\n    effective_from: " + date + "\n    status: active\n    file: " + file +
         "\n    root: Trade\n    hash: sha256:" + ssmd::sha256_hex(content) + "\n";
}

// An upstream repository (made by `ssmd init`, with a `trade` schema at v1 on main) and a clone of it on
// branch `feature`, as a CI job checks a merge request out.
class CiRecipes : public ::testing::Test {
protected:
  void SetUp() override {
    RunOptions o = upstream_.options();
    o.unset_env.insert(o.unset_env.end(), {"SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH"});
    ASSERT_EQ(run_ssmd({"init", "."}, o).exit_code, 0);
    upstream_.write("exchanges/schemas/trade.v1.capnp", bundled_trade());
    upstream_.write("exchanges/schemas/trade.yaml", "name: trade\nformat: capnp\nschema_file: trade.v1.capnp\nversions:\n" +
                                                        version_entry("v1", "2025-01-01", "trade.v1.capnp", bundled_trade()));
    upstream_.commit_all("trade v1");
    upstream_.git_ok("clone -q " + upstream_.root().string() + " " + work().string(), upstream_.base());
    upstream_.git_ok("checkout -q -b feature", work());
    upstream_.git_ok("config user.name 'Jane Doe'", work());
    upstream_.git_ok("config user.email jane@example.com", work());
  }

  fs::path work() const { return upstream_.base() / "work"; }
  void write(const std::string &relative, const std::string &content) const { write_file(work() / relative, content); }

  // Adds trade v2 with `content` and commits it on the feature branch.
  void add_trade_v2(const std::string &content) const {
    write("exchanges/schemas/trade.v2.capnp", content);
    write("exchanges/schemas/trade.yaml", "name: trade\nformat: capnp\nschema_file: trade.v1.capnp\nversions:\n" +
                                              version_entry("v1", "2025-01-01", "trade.v1.capnp", bundled_trade()) +
                                              version_entry("v2", "2025-06-01", "trade.v2.capnp", content));
    upstream_.git_ok("add -A", work());
    upstream_.git_ok("commit -q -m 'trade v2'", work());
  }

  // Runs `script` in the clone as CI runners do (bash, errexit and pipefail), ssmd first on PATH.
  RunResult run_script(const std::string &script, const std::map<std::string, std::string> &env) const {
    RunOptions o = upstream_.options(work());
    o.unset_env.insert(o.unset_env.end(), {"SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH"});
    const char *path = std::getenv("PATH");
    o.env["PATH"] = fs::path(std::getenv("SSMD_BINARY")).parent_path().string() + ":" + (path ? path : "/usr/bin:/bin");
    for (const auto &[key, value] : env) o.env[key] = value;
    return run_shell("bash --noprofile --norc -eo pipefail " + script_file(script).string(), o);
  }

  // `script` in a file outside the clone, as runners write a step's script: read from stdin instead, a
  // command that reads its standard input would swallow the rest of the script.
  fs::path script_file(const std::string &script) const {
    fs::path path = upstream_.base() / ("step-" + std::to_string(++scripts_) + ".sh");
    write_file(path, script);
    return path;
  }

  // The GitHub workflow's steps on a pull request into main, honouring `if:` as the runner does. Returns
  // whether the job succeeded; `log` collects each step's output.
  bool run_github(std::string &log) const {
    bool failed = false;
    for (const auto &step : github_steps(work() / ".github/workflows/ssmd.yml", "main")) {
      if (!should_run(step.condition, failed)) continue;
      RunResult r = run_script(step.script, step.env);
      log += "## " + step.name + " (exit " + std::to_string(r.exit_code) + ")\n" + r.out + r.err;
      failed = failed || r.exit_code != 0;
    }
    return !failed;
  }

  // Every GitLab job of a merge-request pipeline into main; returns whether all succeeded.
  bool run_gitlab(std::string &log) const {
    auto jobs = gitlab_jobs(work() / ".gitlab-ci.yml");
    EXPECT_EQ(jobs.size(), 2u);
    auto variables = gitlab_variables(work() / ".gitlab-ci.yml");
    variables["CI_PIPELINE_SOURCE"] = "merge_request_event";
    variables["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = "main";
    bool ok = true;
    for (const auto &[name, script] : jobs) {
      RunResult r = run_script(script, variables);
      log += "## " + name + " (exit " + std::to_string(r.exit_code) + ")\n" + r.out + r.err;
      ok = ok && r.exit_code == 0;
    }
    return ok;
  }

  GitRepo upstream_;
  mutable int scripts_ = 0;
};

} // namespace

TEST_F(CiRecipes, ACompatibleChangeAndANewSchemaPass) {
  add_trade_v2(trade_with_added_field());
  // A schema the target branch does not have: nothing to compare it with.
  write("exchanges/schemas/quote.v1.capnp", bundled_trade());
  write("exchanges/schemas/quote.yaml",
        "name: quote\nformat: capnp\nschema_file: quote.v1.capnp\nversions:\n" + version_entry("v1", "2025-01-01", "quote.v1.capnp", bundled_trade()));
  upstream_.git_ok("add -A", work());
  upstream_.git_ok("commit -q -m quote", work());

  std::string github, gitlab;
  EXPECT_TRUE(run_github(github)) << github;
  EXPECT_TRUE(has(github, "trade v1 in commit")) << "the breaking step compared trade with main\n" << github;
  EXPECT_TRUE(has(github, "quote: new on this branch, nothing to compare")) << github;
  EXPECT_TRUE(run_gitlab(gitlab)) << gitlab;
  EXPECT_TRUE(has(gitlab, "quote: new on this branch, nothing to compare")) << gitlab;
  EXPECT_TRUE(has(read_file(work() / "ssmd-junit.xml"), "<testsuite")) << "the JUnit report GitLab collects";
}

TEST_F(CiRecipes, AWireBreakingChangeFails) {
  add_trade_v2(trade_wire_breaking());
  std::string github, gitlab;
  EXPECT_FALSE(run_github(github)) << github;
  EXPECT_TRUE(has(github, "## Refuse wire-breaking schema changes (exit 1)")) << github;
  EXPECT_TRUE(has(github, "[capnp/breaking/field-type-changed]")) << github;
  EXPECT_FALSE(run_gitlab(gitlab)) << gitlab;
  EXPECT_TRUE(has(gitlab, "## ssmd-schema-breaking (exit 1)")) << gitlab;
  EXPECT_TRUE(has(gitlab, "## ssmd-validate (exit 0)")) << "the breaking job is what fails\n" << gitlab;
}

// Without ssmd installed, the install placeholder fails and says which step to fill in.
TEST_F(CiRecipes, TheInstallPlaceholderNamesItselfWhenSsmdIsMissing) {
  auto steps = github_steps(work() / ".github/workflows/ssmd.yml", "main");
  ASSERT_FALSE(steps.empty());
  ASSERT_EQ(steps.front().name, "Install ssmd");
  RunOptions o = upstream_.options(work());
  o.env["PATH"] = "/usr/bin:/bin";
  auto r = run_shell("bash --noprofile --norc -eo pipefail " + script_file(steps.front().script).string(), o);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(has(r.out, "fill in the 'Install ssmd' step")) << r.out << r.err;
}

// A plugin the lock pins but the runner lacks fails the job at the check step, naming the plugin, instead of
// validating with fewer checks than the lock promises. The job's SSMD_LOCKED is what locks the run here.
TEST_F(CiRecipes, APinnedPluginTheRunnerLacksFailsTheJobNamingIt) {
  std::string lock = read_file(work() / "ssmd-plugins.lock");
  write("ssmd-plugins.lock", lock + "  - name: feed-nowhere\n    version: \"1.0.0\"\n    sha256: " + std::string(64, 'a') + "\n");
  upstream_.git_ok("commit -q -am 'pin a plugin the runner lacks'", work());

  std::string github, gitlab;
  EXPECT_FALSE(run_github(github)) << github;
  EXPECT_TRUE(has(github, "## Check the pinned plugins (exit 3)")) << github;
  EXPECT_TRUE(has(github, "plugin 'feed-nowhere' is pinned in")) << github;
  EXPECT_FALSE(has(github, "## Validate (")) << "the job stops at the check\n" << github;
  EXPECT_FALSE(run_gitlab(gitlab)) << gitlab;
  EXPECT_TRUE(has(gitlab, "## ssmd-validate (exit 3)")) << gitlab;
  EXPECT_TRUE(has(gitlab, "plugin 'feed-nowhere' is pinned in")) << gitlab;
  // Every ssmd step is locked through the job's SSMD_LOCKED=true, even one without --locked.
  auto steps = github_steps(work() / ".github/workflows/ssmd.yml", "main");
  ASSERT_FALSE(steps.empty());
  RunResult r = run_script("ssmd validate", steps.front().env);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "plugin 'feed-nowhere' is pinned in")) << r.err;
}
