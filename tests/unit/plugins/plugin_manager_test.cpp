// The plugin manager with real test plugins: lazy loading, statuses, lookups, and loading from threads.
#include "../../test-plugins/test_plugins.hpp"
#include "config/config.hpp"
#include "core/errors.hpp"
#include "plugin_harness.hpp"
#include "plugins/file_hash.hpp"
#include "plugins/host_services.hpp"
#include "plugins/lock_file.hpp"
#include "plugins/plugin_manager.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>

using namespace ssmd;
using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

// Each test gets its own plugin directories and marker directory; the marker plugins' static
// constructors write <markers>/<plugin>.ran when the library is loaded into this process.
class PluginManagerTest : public ::testing::Test {
protected:
  void SetUp() override {
    fs::create_directories(markers());
    ::setenv("SSMD_TEST_MARKER_DIR", markers().c_str(), 1);
  }
  void TearDown() override { ::unsetenv("SSMD_TEST_MARKER_DIR"); }
  fs::path markers() const { return tmp.path() / "markers"; }
  bool ran(const std::string &plugin) const { return fs::exists(markers() / (plugin + ".ran")); }
  fs::path dir(const std::string &name) const { return tmp.path() / name; }
  PluginSettings settings(std::vector<fs::path> path) const {
    PluginSettings s;
    s.search_path = std::move(path);
    s.reserved_commands = {"help", "plugin"};
    return s;
  }
  static const PluginInfo &info(PluginManager &m, const std::string &name) {
    const PluginInfo *p = m.find(name);
    if (!p) throw std::runtime_error("no plugin " + name);
    return *p;
  }
  TempDir tmp;
};

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_F(PluginManagerTest, ListsWithoutLoadingAndLoadsOnFirstLookup) {
  copy_test_plugin(dir("a"), "good", "test-good");
  PluginManager manager(settings({dir("a")}));
  ASSERT_EQ(manager.plugins().size(), 1u);
  EXPECT_EQ(manager.plugins()[0].status, PluginStatus::Ok);
  EXPECT_EQ(manager.plugins()[0].manifest.version, "1.2.3");
  EXPECT_FALSE(ran("test-good")) << "listing must not load the library";

  auto feed = manager.feed_validator("t-good");
  ASSERT_TRUE(feed) << feed.problem;
  EXPECT_EQ(feed.plugin, "test-good");
  EXPECT_TRUE(ran("test-good"));

  // The table works through the host's services.
  Doc bad("versions:\n  - endpoint: ws://insecure\n");
  Collector found;
  ssmd_feed_context ctx{sizeof(ssmd_feed_context), manager.host_services(), {"f.yaml", 6}, found.sink()};
  EXPECT_EQ(feed.table->check_feed(&ctx, bad.root()), SSMD_FAILED);
  ASSERT_TRUE(found.has_rule("t-good/endpoint-scheme")) << found.dump();
  EXPECT_EQ(found.find("t-good/endpoint-scheme")->path, "versions[0].endpoint");
  Doc good("versions:\n  - endpoint: wss://ok\n");
  Collector none;
  ctx.sink = none.sink();
  EXPECT_EQ(feed.table->check_feed(&ctx, good.root()), SSMD_OK);
  EXPECT_TRUE(none.findings.empty()) << none.dump();

  // The same plugin serves its other extension points without a second load.
  auto command = manager.subcommand("t-hello");
  ASSERT_TRUE(command) << command.problem;
}

TEST_F(PluginManagerTest, ExplainsWhatIsMissing) {
  copy_test_plugin(dir("a"), "good", "test-good");
  PluginManager manager(settings({dir("a")}));
  auto feed = manager.feed_validator("nowhere");
  EXPECT_FALSE(feed);
  EXPECT_EQ(feed.failure, LookupFailure::NotFound);
  EXPECT_EQ(feed.problem, "no plugin provides feed validator 'nowhere'");
  EXPECT_EQ(manager.schema_format("t-good").failure, LookupFailure::NotFound);
  EXPECT_EQ(manager.secret_backend("env").problem, "no plugin provides secret backend 'env'");
  EXPECT_EQ(manager.storage_backend("file").problem, "no plugin provides storage backend 'file'");
  EXPECT_FALSE(ran("test-good"));
}

TEST_F(PluginManagerTest, ConflictingPluginsAreBothUnused) {
  copy_test_plugin(dir("a"), "good", "test-good");
  copy_test_plugin(dir("b"), "conflict", "test-conflict");
  PluginManager manager(settings({dir("a"), dir("b")}));
  EXPECT_EQ(info(manager, "test-good").status, PluginStatus::Conflict);
  EXPECT_EQ(info(manager, "test-conflict").status, PluginStatus::Conflict);
  auto feed = manager.feed_validator("t-good");
  EXPECT_FALSE(feed);
  EXPECT_EQ(feed.failure, LookupFailure::Unavailable);
  EXPECT_TRUE(contains(feed.problem, "plugins 'test-good' and 'test-conflict' both provide feed 't-good'")) << feed.problem;
  EXPECT_FALSE(ran("test-good"));
  EXPECT_FALSE(ran("test-conflict"));
}

TEST_F(PluginManagerTest, TheAllowlistResolvesAConflict) {
  copy_test_plugin(dir("a"), "good", "test-good");
  copy_test_plugin(dir("b"), "conflict", "test-conflict");
  auto s = settings({dir("a"), dir("b")});
  s.allowlist = std::vector<std::string>{"test-conflict"};
  PluginManager manager(s);
  EXPECT_EQ(info(manager, "test-good").status, PluginStatus::NotAllowed);
  EXPECT_EQ(info(manager, "test-good").problem, "plugin 'test-good' is not allowed by --plugins");
  EXPECT_EQ(info(manager, "test-conflict").status, PluginStatus::Ok);
  auto feed = manager.feed_validator("t-good");
  ASSERT_TRUE(feed) << feed.problem;
  EXPECT_EQ(feed.plugin, "test-conflict");
  EXPECT_FALSE(ran("test-good"));
  EXPECT_TRUE(ran("test-conflict"));
}

TEST_F(PluginManagerTest, ACommandNamedLikeABuiltInIsAConflict) {
  copy_test_plugin(dir("a"), "builtin-shadow", "test-builtin-shadow");
  PluginManager manager(settings({dir("a")}));
  EXPECT_EQ(info(manager, "test-builtin-shadow").status, PluginStatus::Conflict);
  EXPECT_TRUE(contains(info(manager, "test-builtin-shadow").problem, "command 'plugin', which would shadow the built-in"));
  EXPECT_FALSE(manager.subcommand("plugin"));
}

TEST_F(PluginManagerTest, AbiMismatchIsRefusedWithoutLoading) {
  copy_test_plugin(dir("a"), "abi", "test-abi99");
  PluginManager manager(settings({dir("a")}));
  const auto &p = info(manager, "test-abi99");
  EXPECT_EQ(p.status, PluginStatus::AbiMismatch);
  EXPECT_TRUE(contains(p.problem, "plugin 'test-abi99'")) << p.problem;
  EXPECT_TRUE(contains(p.problem, "plugin ABI 99.0, but this ssmd has ABI 1.4")) << p.problem;
  auto feed = manager.feed_validator("t-abi99");
  EXPECT_EQ(feed.failure, LookupFailure::Unavailable);
  EXPECT_FALSE(ran("test-abi99"));
}

TEST_F(PluginManagerTest, AMissingSymbolFailsTheLoadAndNamesTheFile) {
  fs::path file = copy_test_plugin(dir("a"), "missing-symbol", "test-missing-symbol");
  PluginManager manager(settings({dir("a")}));
  auto command = manager.subcommand("t-missing");
  EXPECT_FALSE(command);
  EXPECT_EQ(command.failure, LookupFailure::LoadFailed);
  EXPECT_TRUE(contains(command.problem, file.string())) << command.problem;
  EXPECT_TRUE(contains(command.problem, "undefined symbol: ssmd_test_function_nobody_defines")) << command.problem;
  EXPECT_FALSE(ran("test-missing-symbol")) << "RTLD_NOW fails before static constructors run";
  EXPECT_EQ(manager.subcommand("t-missing").problem, command.problem) << "the failure is remembered";
}

TEST_F(PluginManagerTest, APluginRegisteringMoreThanItsManifestSaysIsRefused) {
  copy_test_plugin(dir("a"), "liar", "test-liar");
  PluginManager manager(settings({dir("a")}));
  EXPECT_EQ(info(manager, "test-liar").status, PluginStatus::Ok) << "only loading can reveal the lie";
  auto feed = manager.feed_validator("t-liar");
  EXPECT_EQ(feed.failure, LookupFailure::LoadFailed);
  EXPECT_TRUE(contains(feed.problem, "registers feed 't-undeclared', which its manifest does not declare")) << feed.problem;
  EXPECT_FALSE(manager.subcommand("t-liar")) << "no extension of a refused plugin is used";
}

TEST_F(PluginManagerTest, TheFirstPluginOfANameWins) {
  fs::path first = copy_test_plugin(dir("a"), "good", "test-good");
  fs::path second = copy_test_plugin(dir("b"), "good", "test-good");
  PluginManager manager(settings({dir("a"), dir("b")}));
  ASSERT_EQ(manager.plugins().size(), 2u);
  EXPECT_EQ(manager.plugins()[0].status, PluginStatus::Ok);
  EXPECT_EQ(manager.plugins()[1].status, PluginStatus::Shadowed);
  EXPECT_TRUE(contains(manager.plugins()[1].problem, "shadowed by " + first.string())) << manager.plugins()[1].problem;
  EXPECT_EQ(info(manager, "test-good").path, first);
  auto feed = manager.feed_validator("t-good");
  ASSERT_TRUE(feed) << feed.problem << " (a shadowed copy is no conflict)";
}

TEST_F(PluginManagerTest, LooseFilePermissionsMakeAPluginUnsafe) {
  fs::path file = copy_test_plugin(dir("file"), "good", "test-good");
  fs::permissions(file, fs::perms::group_write, fs::perm_options::add);
  copy_test_plugin(dir("dir"), "command", "test-command");
  fs::permissions(dir("dir"), fs::perms::others_write, fs::perm_options::add);
  // A symlink in a tidy directory to a file in a world-writable one is no better.
  fs::path target = copy_test_plugin(dir("loose"), "marker", "test-marker");
  fs::permissions(dir("loose"), fs::perms::others_write, fs::perm_options::add);
  fs::create_directories(dir("tidy"));
  fs::create_symlink(target, dir("tidy") / "test-marker.so");

  PluginManager manager(settings({dir("file"), dir("dir"), dir("tidy")}));
  EXPECT_EQ(info(manager, "test-good").status, PluginStatus::Unsafe);
  EXPECT_TRUE(contains(info(manager, "test-good").problem, file.string() + " is writable by group or others"));
  EXPECT_EQ(info(manager, "test-command").status, PluginStatus::Unsafe);
  EXPECT_TRUE(contains(info(manager, "test-command").problem, dir("dir").string() + " is writable"));
  EXPECT_EQ(info(manager, "test-marker").status, PluginStatus::Unsafe);
  EXPECT_FALSE(manager.subcommand("t-marker"));
  EXPECT_FALSE(ran("test-marker"));
}

TEST_F(PluginManagerTest, LockedChecksHashesBeforeLoading) {
  fs::path good = copy_test_plugin(dir("a"), "good", "test-good");
  fs::path marker = copy_test_plugin(dir("a"), "marker", "test-marker");
  copy_test_plugin(dir("a"), "command", "test-command");
  std::string error;
  LockFile lock;
  lock.plugins.push_back({"test-good", "1.2.3", *sha256_file(good, error)});
  lock.plugins.push_back({"test-marker", "1.0.0", std::string(64, '0')});
  write_file_atomically(tmp.path() / "ssmd-plugins.lock", format_lock_file(lock));
  auto s = settings({dir("a")});
  s.locked = true;
  s.lock_file = tmp.path() / "ssmd-plugins.lock";
  PluginManager manager(s);

  EXPECT_EQ(info(manager, "test-good").status, PluginStatus::Ok);
  const auto &m = info(manager, "test-marker");
  EXPECT_EQ(m.status, PluginStatus::HashMismatch);
  EXPECT_TRUE(contains(m.problem, "plugin 'test-marker'")) << m.problem;
  EXPECT_TRUE(contains(m.problem, "expected sha256 " + std::string(64, '0') + ", actual " + *sha256_file(marker, error)))
      << m.problem;
  // Never pinned is never allowed: not a mismatch, and named with the hash it would need.
  const auto &unlisted = info(manager, "test-command");
  EXPECT_EQ(unlisted.status, PluginStatus::NotAllowed);
  EXPECT_TRUE(contains(unlisted.problem, "is not in ssmd-plugins.lock (actual sha256 " + *sha256_file(unlisted.path, error)))
      << unlisted.problem;
  EXPECT_FALSE(manager.subcommand("t-marker"));
  EXPECT_FALSE(ran("test-marker"));
  EXPECT_TRUE(manager.feed_validator("t-good"));
}

TEST_F(PluginManagerTest, LockedRefusesAFileReplacedAfterDiscovery) {
  fs::path marker = copy_test_plugin(dir("a"), "marker", "test-marker");
  std::string error;
  LockFile lock;
  lock.plugins.push_back({"test-marker", "1.0.0", *sha256_file(marker, error)});
  write_file_atomically(tmp.path() / "ssmd-plugins.lock", format_lock_file(lock));
  auto s = settings({dir("a")});
  s.locked = true;
  s.lock_file = tmp.path() / "ssmd-plugins.lock";
  PluginManager manager(s);
  ASSERT_EQ(info(manager, "test-marker").status, PluginStatus::Ok);
  std::ofstream(marker, std::ios::app) << "tampered";
  auto command = manager.subcommand("t-marker");
  EXPECT_EQ(command.failure, LookupFailure::LoadFailed);
  EXPECT_TRUE(contains(command.problem, "changed since it was checked")) << command.problem;
  EXPECT_FALSE(ran("test-marker"));
}

// The path is only how a plugin is found: once checked, the file itself is what loads. An impostor renamed over
// the path after discovery (with or without --locked) is never loaded, and the checked file still is.
TEST_F(PluginManagerTest, LoadsTheFileItCheckedWhateverThePathNamesLater) {
  for (bool locked : {false, true}) {
    fs::path a = dir(locked ? "locked" : "plain");
    fs::path marker = copy_test_plugin(a, "marker", "test-marker");
    fs::path impostor = copy_test_plugin(dir("impostors"), "impostor", "test-marker");
    std::string error;
    LockFile lock;
    lock.plugins.push_back({"test-marker", "1.0.0", *sha256_file(marker, error)});
    write_file_atomically(tmp.path() / "ssmd-plugins.lock", format_lock_file(lock));
    auto s = settings({a});
    s.locked = locked;
    s.lock_file = tmp.path() / "ssmd-plugins.lock";
    PluginManager manager(s);
    ASSERT_EQ(info(manager, "test-marker").status, PluginStatus::Ok);
    fs::rename(impostor, marker);
    auto command = manager.subcommand("t-marker");
    EXPECT_TRUE(command) << (locked ? "locked: " : "") << command.problem;
    EXPECT_TRUE(ran("test-marker")) << "the checked file was loaded";
    EXPECT_FALSE(ran("test-marker-impostor")) << "the file now at the path was not";
    fs::remove(markers() / "test-marker.ran");
  }
}

TEST_F(PluginManagerTest, LockedWithoutALockFileIsAnEnvironmentError) {
  copy_test_plugin(dir("a"), "good", "test-good");
  auto s = settings({dir("a")});
  s.locked = true;
  s.lock_file = tmp.path() / "ssmd-plugins.lock";
  PluginManager manager(s);
  EXPECT_THROW(manager.plugins(), EnvironmentError);
  EXPECT_THROW(manager.feed_validator("t-good"), EnvironmentError) << "the error stays";
  s.lock_file.reset();
  PluginManager outside(s);
  EXPECT_THROW(outside.plugins(), EnvironmentError);
}

TEST_F(PluginManagerTest, MalformedFilesAreInvalidAndOtherLibrariesIgnored) {
  copy_test_plugin(dir("a"), "good", "test-good", "renamed.so");
  tmp.write("a/linker-script.so", "INPUT(-lc)\n");
  fs::copy_file(std::getenv("SSMD_BINARY"), dir("a") / "no-manifest.so");
  std::string good = read_file(test_plugin("good", "test-good"));
  tmp.write("a/test-truncated.so", good.substr(0, good.size() / 2));
  tmp.write("a/not-a-library.txt", good);
  PluginManager manager(settings({dir("a")}));
  ASSERT_EQ(manager.plugins().size(), 2u);
  for (const auto &p : manager.plugins()) EXPECT_EQ(p.status, PluginStatus::Invalid) << p.path;
  EXPECT_TRUE(contains(info(manager, "renamed").problem, "the file must then be named test-good.so"));
  EXPECT_TRUE(contains(info(manager, "test-truncated").problem, "outside the file"));
}

TEST_F(PluginManagerTest, ConcurrentLookupsAllGetTheOneTable) {
  copy_test_plugin(dir("a"), "good", "test-good");
  PluginManager manager(settings({dir("a")}));
  std::vector<const ssmd_feed_validator *> tables(8, nullptr);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < tables.size(); ++i)
    threads.emplace_back([&, i] { tables[i] = manager.feed_validator("t-good").table; });
  for (auto &t : threads) t.join();
  for (auto *t : tables) {
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t, tables[0]);
  }
}

TEST_F(PluginManagerTest, HostServicesDescribeTheHost) {
  auto s = settings({});
  s.repo_root = "/repo/root";
  PluginManager manager(s);
  const ssmd_host *host = manager.host_services();
  ASSERT_NE(host, nullptr);
  EXPECT_EQ(host->struct_size, sizeof(ssmd_host));
  EXPECT_EQ(host->abi_major, SSMD_ABI_VERSION_MAJOR);
  EXPECT_EQ(host->abi_minor, SSMD_ABI_VERSION_MINOR);
  EXPECT_EQ(host->doc, yaml::Document::api());
  EXPECT_EQ(std::string(host->repo_root.data, host->repo_root.size), "/repo/root");
  EXPECT_GT(host->ssmd_version.size, 0u);
  ASSERT_NE(host->config, nullptr);
  EXPECT_EQ(host->config(ssmd_str{"any.key", 7}), nullptr);
  ASSERT_NE(host->flag_config, nullptr); // ABI 1.2
  EXPECT_EQ(host->flag_config(ssmd_str{"any.key", 7}), nullptr);
  ASSERT_NE(host->trusted_config, nullptr); // ABI 1.3
  EXPECT_EQ(host->trusted_config(ssmd_str{"any.key", 7}), nullptr);
  for (void *slot : host->reserved) EXPECT_EQ(slot, nullptr);
  EXPECT_EQ(manager.host_services(), host) << "one table for the manager's lifetime";
}

TEST_F(PluginManagerTest, FlagConfigAnswersOnlyValuesAFlagSet) {
  PluginManager manager(settings({}));
  const ssmd_host *host = manager.host_services();
  Config config = Config::load(std::nullopt);
  config.set("acme.endpoint", "http://flag.test:9000", "flag --acme-endpoint");
  config.set("acme.region", "eu-1", "env ACME_REGION");
  HostServices::use_config(&config);
  auto text = [&](const ssmd_node *node) {
    ssmd_str s = host->doc->scalar(node);
    return std::string(s.data ? s.data : "", s.size);
  };
  EXPECT_EQ(text(host->flag_config(ssmd_str{"acme.endpoint", 13})), "http://flag.test:9000");
  EXPECT_EQ(text(host->config(ssmd_str{"acme.endpoint", 13})), "http://flag.test:9000");
  EXPECT_EQ(host->flag_config(ssmd_str{"acme.region", 11}), nullptr) << "set by a variable, not a flag";
  EXPECT_EQ(text(host->config(ssmd_str{"acme.region", 11})), "eu-1");
  HostServices::use_config(nullptr);
}
