// Every command that calls plugin code contains the plugin's faults as `ssmd validate` does: a crash, hang
// or abort is a diagnostic naming the plugin and the signal or timeout, and exit 3, never ssmd dying. A
// plugin's standard output never reaches ssmd's, and the processes it starts end with it. The plugin is
// tests/test-plugins/faulty.cpp, whose extension names say how it misbehaves.
#include "plugin_env.hpp"


#include <gtest/gtest.h>
#include <ssmd_json/strict_json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

// A repository with the bundled metadata, the faulty plugin on the plugin path, and files that hand each
// extension point to one of its modes.
class FaultyWorld : public ::testing::Test {
protected:
  void SetUp() override {
    fs::copy(source_dir() / "exchanges", env_.repo() / "exchanges",
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    env_.add("faulty", "test-faulty");
  }

  // Schema `fx` of format `format` with two versions, for `schema show` and `schema breaking`.
  void schema(const std::string &format) {
    write("exchanges/schemas/fx.v1.faulty", "v1\n");
    write("exchanges/schemas/fx.v2.faulty", "v2\n");
    write("exchanges/schemas/fx.yaml",
          "name: fx\nformat: " + format + "\nschema_file: fx.v1.faulty\nversions:\n"
          "  - version: v1\n    effective_from: 2025-01-01\n    status: active\n    file: fx.v1.faulty\n"
          "    hash: sha256:" + sha256sum(env_.repo() / "exchanges/schemas/fx.v1.faulty") + "\n"
          "  - version: v2\n    effective_from: 2025-06-01\n    status: draft\n    file: fx.v2.faulty\n"
          "    hash: sha256:" + sha256sum(env_.repo() / "exchanges/schemas/fx.v2.faulty") + "\n");
  }
  // Environment `fx` with one required key whose source has prefix `prefix`.
  void environment(const std::string &prefix) {
    write("exchanges/environments/fx.yaml", "name: fx\nfeed: kalshi\nschemas: [trade:v1]\nkeys:\n  k:\n"
                                            "    type: api_key\n    required: true\n    fields: [api_key]\n"
                                            "    source: " + prefix + "\n");
  }
  void write(const std::string &relative, const std::string &content) const {
    fs::create_directories((env_.repo() / relative).parent_path());
    std::ofstream(env_.repo() / relative) << content;
  }
  RunResult run(const std::vector<std::string> &args, RunOptions options = {}) const { return env_.run(args, options); }
  // Makes the repository a git repository whose one commit, "metadata", holds everything written so far.
  void commit_with_git() const {
    auto committed = run_shell("git init -q -b main && git add -A && git -c user.name=Jane -c user.email=jane@example.com "
                               "commit -q -m metadata", in_repo());
    ASSERT_EQ(committed.exit_code, 0) << committed.err;
  }
  RunOptions in_repo() const {
    RunOptions options;
    options.cwd = env_.repo();
    return options;
  }

  PluginEnv env_;
};

// Whether ssmd itself ended normally (a crash would be a shell-style 128 + signal, or -1).
void expect_no_crash(const RunResult &r) {
  EXPECT_GE(r.exit_code, 0);
  EXPECT_LT(r.exit_code, 128) << "ssmd died of a signal\n" << r.err;
}

bool parses_as_json(const std::string &text) {
  ssmd::strict_json::Json doc;
  return !ssmd::strict_json::parse(text, doc);
}

// Whether process `pid` is gone: it does not exist, or is a zombie nobody has reaped yet.
bool gone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

// Waits up to five seconds for every pid listed in `file` (one per line) to be gone; the pids still there.
std::vector<pid_t> survivors(const fs::path &file) {
  std::vector<pid_t> pids;
  std::ifstream in(file);
  for (long pid; in >> pid;) pids.push_back(static_cast<pid_t>(pid));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  std::vector<pid_t> left;
  do {
    left.clear();
    for (pid_t pid : pids)
      if (!gone(pid)) left.push_back(pid);
    if (left.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  } while (std::chrono::steady_clock::now() < deadline);
  for (pid_t pid : left) ::kill(pid, SIGKILL); // leave nothing behind
  return left;
}

} // namespace

TEST_F(FaultyWorld, SchemaShowReportsACrashedPluginAndExits3) {
  schema("crash");
  auto r = run({"schema", "show", "fx:v1"});
  expect_no_crash(r);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "exchanges/schemas/fx.v1.faulty:1:1: error: plugin 'test-faulty' crashed with SIGSEGV while "
                         "computing the fingerprint of exchanges/schemas/fx.v1.faulty [plugin/failed]"))
      << r.err;
  // Everything that does not need the plugin is still shown.
  EXPECT_TRUE(has(r.out, "fingerprint:      unavailable (plugin 'test-faulty' crashed with SIGSEGV")) << r.out;
  EXPECT_TRUE(has(r.out, "\nv1\n")) << r.out;
}

TEST_F(FaultyWorld, SchemaBreakingReportsACrashAndAHangAndExits3) {
  schema("crash");
  auto crash = run({"schema", "breaking", "fx"});
  expect_no_crash(crash);
  EXPECT_EQ(crash.exit_code, 3) << crash.out << crash.err;
  EXPECT_EQ(crash.err, "ssmd: cannot compare versions of schema 'fx': plugin 'test-faulty' crashed with SIGSEGV while "
                       "comparing exchanges/schemas/fx.v1.faulty with exchanges/schemas/fx.v2.faulty\n");

  schema("hang");
  write(".ssmd/config.yaml", "validate:\n  plugin_timeout: 0.5\n");
  auto start = std::chrono::steady_clock::now();
  auto hang = run({"schema", "breaking", "fx"});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
  EXPECT_EQ(hang.exit_code, 3) << hang.out << hang.err;
  EXPECT_TRUE(has(hang.err, "plugin 'test-faulty' timed out after 500 ms while comparing")) << hang.err;
}

TEST_F(FaultyWorld, EnvCheckKeysAndEnvRunReportABackendThatCrashesAbortsOrHangs) {
  write(".ssmd/config.yaml", "plugins:\n  network_timeout: 0.5\n");
  for (auto [prefix, what] : {std::pair<std::string, std::string>{"crash", "crashed with SIGSEGV"},
                              {"abort", "crashed with SIGABRT"}, {"hang", "timed out after 500 ms"}}) {
    environment(prefix);
    auto check = run({"env", "check-keys", "fx"});
    expect_no_crash(check);
    EXPECT_EQ(check.exit_code, 3) << prefix << "\n" << check.out << check.err;
    EXPECT_TRUE(has(check.err, "error: key `k` of environment `fx`: plugin 'test-faulty' " + what +
                                   " while resolving it [plugin/failed]"))
        << check.err;
    EXPECT_TRUE(has(line_containing(check.out, "api_key"), "  error  ")) << check.out;

    auto exec = run({"env", "run", "fx", "--", "true"});
    expect_no_crash(exec);
    EXPECT_EQ(exec.exit_code, 3) << prefix << "\n" << exec.err;
    EXPECT_TRUE(has(exec.err, "plugin 'test-faulty' " + what)) << exec.err;
    EXPECT_TRUE(has(exec.err, "ssmd: env run: not running true")) << exec.err;
  }
}

TEST_F(FaultyWorld, DataCommandsReportACrashedStorageBackendAndExit3) {
  for (std::string command : {"inventory", "gaps", "quality"}) {
    std::vector<std::string> args = {"data", command, "--feed", "kalshi", "--raw", "crash://bucket/raw"};
    if (command == "inventory") args.insert(args.end(), {"--from", "2025-01-01", "--to", "2025-01-02"});
    else args.insert(args.end(), {"--date", "2025-01-01"});
    auto r = run(args);
    expect_no_crash(r);
    EXPECT_EQ(r.exit_code, 3) << command << "\n" << r.out << r.err;
    EXPECT_TRUE(has(r.err, "plugin 'test-faulty' crashed with SIGSEGV while ")) << command << "\n" << r.err;
  }
}

TEST_F(FaultyWorld, PublishReportsAPublisherThatCrashesOrHangsAndExits3) {
  ASSERT_NO_FATAL_FAILURE(commit_with_git());

  auto read = run({"publish", "--all", "--to", "crash://store/prefix"});
  expect_no_crash(read);
  EXPECT_EQ(read.exit_code, 3) << read.out << read.err;
  EXPECT_EQ(read.err, "ssmd: plugin 'test-faulty' crashed with SIGSEGV while reading crash://store/prefix\n");

  // A crash while a batch is applied: the message says how far the publish got.
  auto apply = run({"publish", "--all", "--to", "crash-apply://store/prefix"});
  expect_no_crash(apply);
  EXPECT_EQ(apply.exit_code, 3) << apply.out << apply.err;
  EXPECT_TRUE(has(apply.err, "plugin 'test-faulty' crashed with SIGSEGV while writing to crash-apply://store/prefix "
                             "(batch 1 of 1; the 0 before it were written, each whole"))
      << apply.err;

  write(".ssmd/config.yaml", "plugins:\n  network_timeout: 0.5\n");
  auto start = std::chrono::steady_clock::now();
  auto hang = run({"publish", "--all", "--check", "--to", "hang://store/prefix"});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
  EXPECT_EQ(hang.exit_code, 3) << hang.out << hang.err;
  EXPECT_TRUE(has(hang.err, "plugin 'test-faulty' timed out after 500 ms while reading hang://store/prefix")) << hang.err;
}

// `ssmd commit` checks the working tree as `ssmd validate` does, with the configured plugin timeout: a
// plugin that hangs holds the commit for half a second, not the 10 s default, and nothing is committed.
TEST_F(FaultyWorld, CommitHonoursTheConfiguredPluginTimeout) {
  ASSERT_NO_FATAL_FAILURE(commit_with_git());
  write(".ssmd/config.yaml", "validate:\n  plugin_timeout: 0.5\n");
  write("exchanges/feeds/stuck.yaml", "name: stuck\nexchange: hang\ntype: websocket\nstatus: active\nversions:\n"
                                      "  - version: v1\n    effective_from: 2025-01-01\n    protocol: wss\n"
                                      "    endpoint: wss://stuck.example/\n");
  RunOptions identity;
  identity.env = {{"GIT_AUTHOR_NAME", "Jane"}, {"GIT_AUTHOR_EMAIL", "jane@example.com"},
                  {"GIT_COMMITTER_NAME", "Jane"}, {"GIT_COMMITTER_EMAIL", "jane@example.com"}};
  auto start = std::chrono::steady_clock::now();
  auto commit = run({"commit", "-m", "a feed whose plugin hangs"}, identity);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_LT(took, std::chrono::seconds(5)) << "the 10 s default was used";
  EXPECT_NE(commit.exit_code, 0) << commit.out << commit.err;
  EXPECT_TRUE(has(commit.err, "plugin 'test-faulty' timed out after 500 ms")) << commit.err;
  auto log = run_shell("git log --format=%s", in_repo());
  EXPECT_EQ(log.out, "metadata\n") << "nothing was committed";
}

TEST_F(FaultyWorld, APluginSubcommandThatCrashesIsReportedAndExits3) {
  auto r = run({"faulty-crash"});
  expect_no_crash(r);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_EQ(r.err, "ssmd: plugin 'test-faulty' crashed with SIGSEGV while running `ssmd faulty-crash`\n");
}

TEST_F(FaultyWorld, APluginsStandardOutputNeverReachesSsmdsOwn) {
  const std::string noise = "{ this is not JSON: the faulty plugin wrote to its standard output";
  schema("stdout");
  auto breaking = run({"schema", "breaking", "fx", "--format", "json"});
  EXPECT_EQ(breaking.exit_code, 0) << breaking.err;
  EXPECT_TRUE(parses_as_json(breaking.out)) << breaking.out;
  EXPECT_TRUE(has(breaking.err, noise)) << "it goes to standard error instead\n" << breaking.err;
  auto show = run({"schema", "show", "fx:v2", "--output", "json"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(parses_as_json(show.out)) << show.out;

  environment("stdout");
  auto check = run({"env", "check-keys", "fx", "--output", "json"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_TRUE(parses_as_json(check.out)) << check.out;
  auto dry = run({"env", "run", "fx", "--dry-run", "--output", "json"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_TRUE(parses_as_json(dry.out)) << dry.out;

  write("exchanges/feeds/stdout.yaml", "name: stdout\ndisplay_name: Stdout\nexchange: stdout\ntype: websocket\n"
                                       "status: active\nversions:\n  - version: v1\n    effective_from: 2025-01-01\n"
                                       "    protocol: wss\n    endpoint: wss://example.com/ws\n"
                                       "    auth_method: none\n");
  auto validate = run({"validate", "--format", "json", "--no-cache"});
  EXPECT_TRUE(parses_as_json(validate.out)) << validate.out;
  EXPECT_TRUE(has(validate.out, "faulty/calm")) << validate.out;

  auto inventory = run({"data", "inventory", "--feed", "kalshi", "--raw", "stdout://bucket/raw", "--from", "2025-01-01",
                        "--to", "2025-01-02", "--output", "json"});
  expect_no_crash(inventory);
  EXPECT_TRUE(parses_as_json(inventory.out)) << inventory.out;
}

TEST_F(FaultyWorld, ProcessesAPluginStartsEndWithItsWorker) {
  RunOptions options;
  const fs::path pids = env_.root() / "grandchildren";
  options.env["SSMD_TEST_GRANDCHILD_FILE"] = pids.string();

  environment("spawn");
  auto check = run({"env", "check-keys", "fx"}, options);
  EXPECT_EQ(check.exit_code, 0) << check.err;
  ASSERT_TRUE(fs::exists(pids)) << "the plugin started no process";
  EXPECT_EQ(survivors(pids), std::vector<pid_t>{}) << "a process the secret backend started outlived it";

  // The process holds the worker's pipe open: ssmd still sees the worker end, at once, not at the timeout.
  fs::remove(pids);
  write("exchanges/feeds/spawn.yaml", "name: spawn\ndisplay_name: Spawn\nexchange: spawn\ntype: websocket\n"
                                      "status: active\nversions:\n  - version: v1\n    effective_from: 2025-01-01\n"
                                      "    protocol: wss\n    endpoint: wss://example.com/ws\n"
                                      "    auth_method: none\n");
  auto start = std::chrono::steady_clock::now();
  auto validate = run({"validate", "--no-cache", "--plugin-timeout", "20"}, options);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));
  EXPECT_FALSE(has(validate.err, "timed out")) << validate.err;
  EXPECT_TRUE(has(validate.out, "faulty/calm")) << validate.out;
  ASSERT_TRUE(fs::exists(pids));
  EXPECT_EQ(survivors(pids), std::vector<pid_t>{}) << "a process the feed validator started outlived it";
}

// The schema of the issue that found this: a 5,000-deep alias chain (about 100 KB) killed `schema show` and
// `schema breaking` with SIGSEGV. The capnp plugin now refuses it where it starts; were it to crash anyway,
// the worker would, not ssmd.
TEST_F(FaultyWorld, AFiveThousandDeepAliasChainIsRefusedByEveryCommandThatReadsIt) {
  const fs::path file = env_.repo() / "exchanges/schemas/trade.v2.capnp";
  std::string text = read_file(file);
  std::string chain;
  for (int i = 0; i < 5000; ++i) chain += "using A" + std::to_string(i) + " = A" + std::to_string(i + 1) + ";\n";
  chain += "using A5000 = UInt32;\n";
  size_t first_line = text.find('\n') + 1; // after the file ID
  text.insert(first_line, chain);
  write("exchanges/schemas/trade.v2.capnp", text);
  const std::string finding = "exchanges/schemas/trade.v2.capnp:2:1: error: `A0` starts a chain of 5001 declarations";

  auto show = run({"schema", "show", "trade:v2"});
  expect_no_crash(show);
  EXPECT_EQ(show.exit_code, 0) << show.err; // shown, without a fingerprint
  EXPECT_TRUE(has(show.err, finding)) << show.err;
  EXPECT_TRUE(has(show.out, "using A4999 = A5000;")) << "the definition is shown";
  auto breaking = run({"schema", "breaking", "trade"});
  expect_no_crash(breaking);
  EXPECT_EQ(breaking.exit_code, 1) << breaking.out << breaking.err;
  EXPECT_TRUE(has(breaking.out, finding)) << breaking.out;
  auto validate = run({"validate", "--no-cache"});
  EXPECT_EQ(validate.exit_code, 1) << validate.out << validate.err;
  EXPECT_TRUE(has(validate.out, finding)) << validate.out;
}

// A plugin call in a worker runs on a deep stack whatever `ulimit -s` says (worker_process.cpp): a feed
// validator that uses 80 MiB of it is checked like any other, where the process's main thread (8 MiB
// here) would have died of it.
TEST_F(FaultyWorld, APluginCallHasADeepStackInItsWorker) {
  write("exchanges/feeds/deep.yaml", "name: deep\ndisplay_name: Deep\nexchange: deep\ntype: websocket\n"
                                     "status: active\nversions:\n  - version: v1\n    effective_from: 2025-01-01\n"
                                     "    protocol: wss\n    endpoint: wss://example.com/ws\n"
                                     "    auth_method: none\n");
  auto validate = run({"validate", "--no-cache"});
  expect_no_crash(validate);
  EXPECT_FALSE(has(validate.out + validate.err, "signal")) << validate.out << validate.err;
  EXPECT_TRUE(has(validate.out, "faulty/calm")) << validate.out << validate.err;
}
