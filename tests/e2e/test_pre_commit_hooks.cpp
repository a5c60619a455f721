// The pre-commit hooks: .pre-commit-hooks.yaml at the project root (for repositories that add ssmd as a
// hook repository) and the local hook in the .pre-commit-config.yaml `ssmd init` writes. Each hook's entry
// runs as pre-commit would run it on `pre-commit run --all-files`: only when a tracked file matches `files`,
// with the matching file names appended unless `pass_filenames: false`.
#include "plugin_env.hpp"
#include "schema_fixture.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <regex>
#include <sstream>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

struct Hook {
  std::string id, entry, files, exclude;
  bool pass_filenames = true; // pre-commit's default
};

std::vector<Hook> hooks_in(const YAML::Node &list) {
  std::vector<Hook> out;
  for (const auto &node : list) {
    Hook hook;
    hook.id = node["id"].as<std::string>();
    hook.entry = node["entry"].as<std::string>();
    hook.files = node["files"] ? node["files"].as<std::string>() : "";
    hook.exclude = node["exclude"] ? node["exclude"].as<std::string>() : "^$";
    if (node["pass_filenames"]) hook.pass_filenames = node["pass_filenames"].as<bool>();
    // `system` hooks run the entry as it is; other languages would need an environment pre-commit builds.
    EXPECT_EQ(node["language"].as<std::string>(), "system") << hook.id;
    out.push_back(std::move(hook));
  }
  return out;
}

// A repository made by `ssmd init`, with a valid `trade` schema and everything committed.
class PreCommitHooks : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(run_ssmd({"init", "."}, options()).exit_code, 0);
    const std::string definition = bundled_trade();
    repo_.write("exchanges/schemas/trade.v1.capnp", definition);
    repo_.write("exchanges/schemas/trade.yaml",
                "name: trade\nformat: capnp\nschema_file: trade.v1.capnp\nversions:\n  - version: v1\n    effective_from: 2025-01-01\n"
                "    status: active\n    file: trade.v1.capnp\n    root: Trade\n    hash: sha256:" +
                    ssmd::sha256_hex(definition) + "\n");
    repo_.commit_all("trade v1");
  }

  RunOptions options() const {
    RunOptions o = repo_.options();
    o.unset_env.insert(o.unset_env.end(), {"SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH"});
    const char *path = std::getenv("PATH");
    o.env["PATH"] = fs::path(std::getenv("SSMD_BINARY")).parent_path().string() + ":" + (path ? path : "/usr/bin:/bin");
    return o;
  }

  // Runs `hook` over the tracked files. Fails the test when no file matches (the hook would be skipped,
  // and the test would prove nothing).
  RunResult run_hook(const Hook &hook) const {
    std::regex files(hook.files), exclude(hook.exclude);
    std::string command = hook.entry;
    size_t matched = 0;
    std::istringstream tracked(repo_.git_ok("ls-files"));
    for (std::string file; std::getline(tracked, file);) {
      if (!std::regex_search(file, files) || std::regex_search(file, exclude)) continue;
      ++matched;
      if (hook.pass_filenames) command += " '" + file + "'";
    }
    EXPECT_GT(matched, 0u) << hook.id << ": no tracked file matches " << hook.files;
    return run_shell(command, options());
  }

  // Every hook of both definitions.
  std::vector<Hook> all_hooks() const {
    auto out = hooks_in(YAML::LoadFile((source_dir() / ".pre-commit-hooks.yaml").string()));
    YAML::Node config = YAML::LoadFile((repo_.root() / ".pre-commit-config.yaml").string());
    for (const auto &repo : config["repos"])
      for (auto &hook : hooks_in(repo["hooks"])) out.push_back(std::move(hook));
    return out;
  }

  GitRepo repo_;
};

} // namespace

TEST_F(PreCommitHooks, EveryHookPassesOnACleanRepository) {
  auto hooks = all_hooks();
  ASSERT_GE(hooks.size(), 3u);
  for (const auto &hook : hooks) {
    auto r = run_hook(hook);
    EXPECT_EQ(r.exit_code, 0) << hook.id << ": " << hook.entry << "\n" << r.out << r.err;
  }
}

// A definition edited without its recorded hash: each hook catches it.
TEST_F(PreCommitHooks, EveryHookFailsOnAStaleSchemaHash) {
  repo_.write("exchanges/schemas/trade.v1.capnp", trade_with_added_field());
  for (const auto &hook : all_hooks()) {
    auto r = run_hook(hook);
    EXPECT_EQ(r.exit_code, 1) << hook.id << ": " << hook.entry << "\n" << r.out << r.err;
    EXPECT_TRUE(has(r.out + r.err, "mismatch")) << hook.id << "\n" << r.out << r.err;
  }
}

// `schema hash --all`, which the ssmd-schema-hash hook runs: every schema, one transaction for --update.
TEST_F(PreCommitHooks, SchemaHashAllChecksAndUpdatesEverySchema) {
  auto ok = run_ssmd({"schema", "hash", "--all"}, options());
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(line_starting(ok.out, "SCHEMA").find("VERSION") != std::string::npos) << ok.out;
  EXPECT_TRUE(has(line_starting(ok.out, "trade "), " ok")) << ok.out;
  EXPECT_EQ(run_ssmd({"schema", "hash", "trade", "--all"}, options()).exit_code, 2) << "a name or --all, not both";
  EXPECT_EQ(run_ssmd({"schema", "hash"}, options()).exit_code, 2) << "a name or --all";

  repo_.write("exchanges/schemas/trade.v1.capnp", trade_with_added_field());
  auto stale = run_ssmd({"schema", "hash", "--all"}, options());
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_TRUE(has(stale.err, "run 'ssmd schema hash --all --update'")) << stale.err;
  auto updated = run_ssmd({"schema", "hash", "--all", "--update"}, options());
  EXPECT_EQ(updated.exit_code, 0) << updated.out << updated.err;
  EXPECT_TRUE(has(repo_.read("exchanges/schemas/trade.yaml"), ssmd::sha256_hex(trade_with_added_field())));
  EXPECT_EQ(run_ssmd({"schema", "hash", "--all"}, options()).exit_code, 0);
}
