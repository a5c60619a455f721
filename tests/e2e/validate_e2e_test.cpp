// `ssmd validate` through the real binary, the bundled plugins and copies of the bundled exchanges/.
#include "run_ssmd.hpp"

#include <gtest/gtest.h>
#include <ssmd_json/strict_json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

bool has(const std::string &text, const std::string &needle) { return text.find(needle) != std::string::npos; }

// The SHA-256 of a file as coreutils computes it, independent of the host's code.
std::string sha256sum(const fs::path &file) { return run_shell("sha256sum '" + file.string() + "'").out.substr(0, 64); }

// A copy of the bundled repository in a temporary directory.
struct BundledCopy {
  TempDir dir;
  BundledCopy() { fs::copy(source_dir() / "exchanges", dir.path() / "exchanges", fs::copy_options::recursive); }
  RunResult validate(std::vector<std::string> args = {}) const {
    args.insert(args.begin(), "validate");
    RunOptions o;
    o.cwd = dir.path();
    o.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH", "SSMD_OUTPUT"};
    return run_ssmd(args, o);
  }
  std::string read(const std::string &relative) const { return read_file(dir.path() / relative); }
  void write(const std::string &relative, const std::string &content) const { dir.write(relative, content); }
  void replace(const std::string &relative, const std::string &from, const std::string &to) const {
    std::string text = read(relative);
    size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    write(relative, text.replace(at, from.size(), to));
  }
  // "file:line:col" of the first occurrence of `needle` in a file.
  std::string where(const std::string &relative, const std::string &needle) const {
    std::string text = read(relative);
    size_t at = text.find(needle);
    size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
    size_t col = at - (text.rfind('\n', at) == std::string::npos ? -1 : text.rfind('\n', at));
    return relative + ":" + std::to_string(line) + ":" + std::to_string(col);
  }
};

// The kalshi-demo feed renamed to `name` and handed to the feed plugin of exchange `name`.
std::string as_exchange(const std::string &feed, const std::string &name) {
  std::string out = std::regex_replace(feed, std::regex("name: kalshi-demo"), "name: " + name);
  return std::regex_replace(out, std::regex("exchange: kalshi"), "exchange: " + name);
}

} // namespace

TEST(Validate, BundledRepositoryIsValid) {
  BundledCopy repo;
  auto r = repo.validate({"--no-cache"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has(r.out, "files checked: 0 errors, 0 warnings")) << r.out;
}

TEST(Validate, FeedPluginFindingPointsAtTheYamlNode) {
  BundledCopy repo;
  repo.replace("exchanges/feeds/kalshi.yaml", "wss://api.elections.kalshi.com/trade-api/ws/v2",
               "wss://api.example.com/trade-api/ws/v2");
  auto r = repo.validate();
  EXPECT_EQ(r.exit_code, 1) << r.out;
  std::string at = repo.where("exchanges/feeds/kalshi.yaml", "wss://api.example.com");
  EXPECT_TRUE(has(r.out, at + ": error: ")) << at << "\n" << r.out;
  EXPECT_TRUE(has(r.out, "[kalshi/endpoint-host]")) << r.out;
}

TEST(Validate, InheritedKeyIsReportedInTheParentThatDefinesIt) {
  BundledCopy repo;
  repo.write("exchanges/environments/base.yaml",
             "name: base\nfeed: kalshi-demo\nschemas: [trade:v1]\nkeys:\n  kalshi:\n    type: api_key\n"
             "    fields: [key_id, private_key]\n    source: vault/\n");
  repo.write("exchanges/environments/child.yaml", "name: child\nextends: base\n");
  auto r = repo.validate({"--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  std::string at = repo.where("exchanges/environments/base.yaml", "vault/");
  auto line = at.substr(at.find(':') + 1, at.rfind(':') - at.find(':') - 1);
  EXPECT_TRUE(has(r.out, "\"file\": \"exchanges/environments/base.yaml\",\n      \"line\": " + line)) << r.out;
  EXPECT_FALSE(has(r.out, "\"file\": \"exchanges/environments/child.yaml\"")) << r.out;
}

TEST(Validate, FalseCompatibilityClaimListsTheBreakingFindings) {
  BundledCopy repo;
  std::string v2 = repo.read("exchanges/schemas/trade.v2.capnp");
  std::regex price(R"(priceMicros @(\d+) :Int64)");
  ASSERT_TRUE(std::regex_search(v2, price));
  repo.write("exchanges/schemas/trade.v2.capnp", std::regex_replace(v2, price, "priceMicros @$1 :Text", std::regex_constants::format_first_only));
  repo.validate({"--no-cache"}); // hash mismatch is reported too; refresh the hash to isolate the claim
  RunOptions o;
  o.cwd = repo.dir.path();
  o.unset_env = {"SSMD_REPO"};
  ASSERT_EQ(run_ssmd({"schema", "hash", "trade:v2", "--update"}, o).exit_code, 0);
  auto r = repo.validate();
  EXPECT_EQ(r.exit_code, 1) << r.out;
  std::string at = repo.where("exchanges/schemas/trade.yaml", "v1]");
  EXPECT_TRUE(has(r.out, at + ": error: v2 claims compatibility with v1, but the format checker finds")) << at << r.out;
  EXPECT_TRUE(has(r.out, "[schema/false-compatibility-claim]")) << r.out;
}

TEST(Validate, MissingFeedPluginIsAWarningAndAnErrorUnderStrict) {
  BundledCopy repo;
  repo.write("exchanges/feeds/acme.yaml", as_exchange(repo.read("exchanges/feeds/kalshi-demo.yaml"), "acme"));
  auto r = repo.validate();
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(has(r.out, "warning: no feed validator plugin provides 'acme'")) << r.out;
  auto strict = repo.validate({"--strict"});
  EXPECT_EQ(strict.exit_code, 1) << strict.out;
}

TEST(Validate, ARestrictedPluginSetNeverSkipsValidationSilently) {
  BundledCopy repo;
  auto r = repo.validate({"--plugins", "feed-kalshi,feed-polymarket"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.out, "the schema-format checker for 'capnp' is needed, but plugin 'schema-capnp' is not usable: "
                         "not allowed by --plugins; validation of this file is incomplete"))
      << r.out;
  EXPECT_TRUE(has(r.out, "[plugin/unavailable]")) << r.out;
}

// Under --locked a needed plugin the lock does not allow is an error naming it and both hashes.
TEST(Validate, ALockedRunNamesTheRefusedPluginAndItsHashes) {
  BundledCopy repo;
  RunOptions o;
  o.cwd = repo.dir.path();
  o.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH", "SSMD_OUTPUT"};
  ASSERT_EQ(run_ssmd({"plugin", "lock"}, o).exit_code, 0);
  const std::string kalshi = sha256sum(build_dir() / "plugins" / "feed-kalshi.so");
  const std::string polymarket = sha256sum(build_dir() / "plugins" / "feed-polymarket.so");
  // Pin feed-kalshi to other bytes, and drop feed-polymarket from the lock.
  std::string lock = repo.read("ssmd-plugins.lock");
  lock.replace(lock.find(kalshi), 64, std::string(64, '0'));
  size_t entry = lock.find("  - name: feed-polymarket\n");
  ASSERT_NE(entry, std::string::npos) << lock;
  lock.erase(entry, lock.find("  - ", entry + 4) - entry);
  repo.write("ssmd-plugins.lock", lock);

  auto r = repo.validate({"--locked", "--no-cache"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.out, "the feed validator for 'kalshi' is needed, but plugin 'feed-kalshi' is not usable: its hash "
                         "differs from ssmd-plugins.lock: expected sha256 " + std::string(64, '0') + ", actual " + kalshi))
      << r.out;
  EXPECT_TRUE(has(r.out, "the feed validator for 'polymarket' is needed, but plugin 'feed-polymarket' is not usable: not "
                         "in ssmd-plugins.lock (actual sha256 " + polymarket + ")"))
      << r.out;
}

TEST(Validate, EveryFormatHasItsStructure) {
  BundledCopy repo;
  repo.replace("exchanges/feeds/kalshi.yaml", "wss://api.elections.kalshi.com", "wss://api.example.com");
  auto json = repo.validate({"--format", "json"});
  ssmd::strict_json::Json root;
  ASSERT_FALSE(ssmd::strict_json::parse(json.out, root)) << json.out;
  EXPECT_EQ(root.at("valid"), false);
  EXPECT_GE(root.at("errors").get<uint64_t>(), 1u);
  EXPECT_GE(root.at("files").get<uint64_t>(), 10u);
  const auto &d = root.at("diagnostics").at(0);
  for (const char *k : {"file", "line", "column", "severity", "rule", "message"}) EXPECT_TRUE(d.contains(k)) << k;

  auto sarif = repo.validate({"--format", "sarif"});
  ssmd::strict_json::Json s;
  ASSERT_FALSE(ssmd::strict_json::parse(sarif.out, s)) << sarif.out;
  EXPECT_EQ(s.at("version"), "2.1.0");
  const auto &run = s.at("runs").at(0);
  EXPECT_GE(run.at("tool").at("driver").at("rules").size(), 10u);
  EXPECT_TRUE(run.at("results").at(0).at("locations").at(0).at("physicalLocation").contains("region"));

  auto junit = repo.validate({"--format", "junit"});
  EXPECT_TRUE(has(junit.out, "<testsuites name=\"ssmd validate\"")) << junit.out;
  EXPECT_TRUE(has(junit.out, "<failure message=\"1 error\" type=\"ssmd.validate\">exchanges/feeds/kalshi.yaml:")) << junit.out;

  auto github = repo.validate({"--format", "github"});
  EXPECT_TRUE(has(github.out, "::error file=exchanges/feeds/kalshi.yaml,line=")) << github.out;
  EXPECT_EQ(repo.validate({"--format", "xml"}).exit_code, 2);
}

TEST(Validate, WarmRunParsesNothingAndAChangeRerunsOnlyItsJobs) {
  BundledCopy repo;
  auto cold = repo.validate({"--stats"});
  ASSERT_EQ(cold.exit_code, 0) << cold.out;
  EXPECT_TRUE(has(cold.err, " run, 0 from the cache")) << cold.err;
  auto warm = repo.validate({"--stats"});
  EXPECT_EQ(warm.exit_code, 0);
  EXPECT_TRUE(has(warm.err, "report from the cache (nothing parsed)")) << warm.err;
  EXPECT_EQ(warm.out, cold.out);

  repo.replace("exchanges/feeds/polymarket.yaml", "display_name:", "# a comment\ndisplay_name:");
  auto changed = repo.validate({"--stats"});
  // The feed's own job and the job of the environment that uses it; every other job is cached.
  EXPECT_TRUE(has(changed.err, "14 plugin jobs, 2 run, 12 from the cache")) << changed.err;

  auto bypass = repo.validate({"--stats", "--no-cache"});
  EXPECT_TRUE(has(bypass.err, " from the cache")) << bypass.err;
  EXPECT_FALSE(has(bypass.err, "report from the cache")) << bypass.err;
}

// A rebuilt ssmd keeps its version string but may check differently: its cached results are not trusted.
TEST(Validate, ARebuiltSsmdBinaryDoesNotTrustTheCache) {
  BundledCopy repo;
  TempDir bin;
  const fs::path copy = bin.path() / "ssmd";
  fs::copy_file(std::getenv("SSMD_BINARY"), copy);
  RunOptions o;
  o.cwd = repo.dir.path();
  o.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH", "SSMD_OUTPUT"};
  // The copy lives outside the build tree, so it is shown the build's plugins explicitly.
  const std::string command =
      "'" + copy.string() + "' validate --stats --plugin-path '" + (build_dir() / "plugins").string() + "'";

  auto cold = run_shell(command, o);
  ASSERT_EQ(cold.exit_code, 0) << cold.out << cold.err;
  EXPECT_TRUE(has(cold.err, " run, 0 from the cache")) << cold.err;
  auto warm = run_shell(command, o);
  EXPECT_TRUE(has(warm.err, "report from the cache (nothing parsed)")) << warm.err;

  // The same bytes with a new mtime, as a rebuild leaves them: nothing cached is reused, not even a job.
  fs::last_write_time(copy, fs::last_write_time(copy) + std::chrono::hours(1));
  auto rebuilt = run_shell(command, o);
  EXPECT_EQ(rebuilt.exit_code, 0) << rebuilt.out << rebuilt.err;
  EXPECT_FALSE(has(rebuilt.err, "report from the cache")) << rebuilt.err;
  EXPECT_TRUE(has(rebuilt.err, " run, 0 from the cache")) << rebuilt.err;
}

TEST(Validate, ACorruptCacheIsIgnoredNeverTrusted) {
  BundledCopy repo;
  repo.validate();
  fs::path cache = repo.dir.path() / ".ssmd/cache/validate.json";
  ASSERT_TRUE(fs::exists(cache));
  // Forge a cache that claims the broken repository below is clean.
  std::string text = read_file(cache);
  repo.replace("exchanges/feeds/kalshi.yaml", "wss://api.elections.kalshi.com", "wss://api.example.com");
  std::ofstream(cache, std::ios::binary) << text.substr(0, 64) << "\n{\"format\": \"ssmd-validate-cache-1\", \"entries\": {}}";
  auto r = repo.validate({"--stats"});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(has(r.out, "[kalshi/endpoint-host]"));
  std::ofstream(cache, std::ios::binary) << "\x00\xff garbage";
  EXPECT_EQ(repo.validate().exit_code, 1);
}

// The cache is read back by the strict JSON reader, which refuses text that is not UTF-8. A file name that
// is not UTF-8, quoted by its findings, leaves its own entries out of the cache, not the whole cache.
TEST(Validate, AFileNameThatIsNotUtf8LeavesTheRestOfTheCacheUsable) {
  BundledCopy repo;
  repo.write("exchanges/feeds/b\xff" "d.yaml", "name: bad\n");
  auto cold = repo.validate({"--stats"});
  EXPECT_EQ(cold.exit_code, 1) << cold.out << cold.err;
  EXPECT_TRUE(has(cold.out, "exchanges/feeds/b\\xffd.yaml")) << cold.out;
  auto warm = repo.validate({"--stats"});
  EXPECT_EQ(warm.exit_code, 1) << warm.err;
  EXPECT_EQ(warm.out, cold.out) << "the same findings, from the cache or not";
  EXPECT_TRUE(has(warm.err, "from the cache")) << warm.err;
  EXPECT_FALSE(has(warm.err, " 0 from the cache")) << warm.err;
}

TEST(Validate, APluginThatCrashesHangsAbortsOrThrowsIsReportedAndSsmdExits3) {
  BundledCopy repo;
  std::string demo = repo.read("exchanges/feeds/kalshi-demo.yaml");
  for (const std::string exchange : {"crash", "abort", "hang", "throw", "calm"})
    repo.write("exchanges/feeds/" + exchange + ".yaml", as_exchange(demo, exchange));
  for (const std::string exchange : {"crash", "abort", "hang", "throw", "calm"}) {
    std::string text = repo.read("exchanges/feeds/" + exchange + ".yaml");
    ASSERT_TRUE(has(text, "name: " + exchange)) << text;
  }
  auto plugin_dir = build_dir() / "tests/test-plugins/faulty";
  auto start = std::chrono::steady_clock::now();
  auto r = repo.validate({"--plugin-path", plugin_dir.string(), "--plugin-timeout", "1", "--no-cache"});
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "plugin 'test-faulty' crashed with SIGSEGV while checking exchanges/feeds/crash.yaml")) << r.err;
  EXPECT_TRUE(has(r.err, "plugin 'test-faulty' crashed with SIGABRT while checking exchanges/feeds/abort.yaml")) << r.err;
  EXPECT_TRUE(has(r.err, "plugin 'test-faulty' timed out after 1000 ms while checking exchanges/feeds/hang.yaml")) << r.err;
  EXPECT_TRUE(has(r.err, "plugin 'test-faulty' threw an exception")) << r.err;
  // The healthy validator of the same plugin, and every other plugin, still reported.
  EXPECT_TRUE(has(r.out, "[faulty/calm]")) << r.out;
  EXPECT_TRUE(has(r.out, "exchanges/feeds/crash.yaml:1:1: error: plugin 'test-faulty' crashed with SIGSEGV")) << r.out;
  EXPECT_TRUE(has(r.out, "[plugin/failed]")) << r.out;
  EXPECT_LT(elapsed, std::chrono::seconds(20));
}

// Each fault on its own, so a regression names the fault it broke. The combined test above checks that
// they also coexist in one run.
struct Fault {
  std::string exchange, report;
  friend void PrintTo(const Fault &f, std::ostream *os) { *os << f.exchange; }
};

class ValidateFault : public ::testing::TestWithParam<Fault> {};

TEST_P(ValidateFault, IsReportedWithThePluginTheFileAndTheCauseAndSsmdExits3) {
  const Fault &fault = GetParam();
  BundledCopy repo;
  repo.write("exchanges/feeds/" + fault.exchange + ".yaml",
             as_exchange(repo.read("exchanges/feeds/kalshi-demo.yaml"), fault.exchange));
  auto plugin_dir = build_dir() / "tests/test-plugins/faulty";
  auto r = repo.validate({"--plugin-path", plugin_dir.string(), "--plugin-timeout", "1", "--no-cache"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "plugin 'test-faulty' " + fault.report + " while checking exchanges/feeds/" +
                             fault.exchange + ".yaml"))
      << r.err;
  // The diagnostic sits in the report too, and the bundled files were still checked by their plugins.
  EXPECT_TRUE(has(r.out, "exchanges/feeds/" + fault.exchange + ".yaml")) << r.out;
  EXPECT_TRUE(has(r.out, "[plugin/failed]")) << r.out;
}

INSTANTIATE_TEST_SUITE_P(Faults, ValidateFault,
                         ::testing::Values(Fault{"crash", "crashed with SIGSEGV"}, Fault{"abort", "crashed with SIGABRT"},
                                           Fault{"hang", "timed out after 1000 ms"},
                                           Fault{"throw", "threw an exception: thrown past the C boundary"}),
                         [](const auto &info) { return info.param.exchange; });

TEST(Validate, ThePluginTimeoutComesFromTheConfigurationUnlessTheFlagSetsIt) {
  BundledCopy repo;
  repo.write("exchanges/feeds/hang.yaml", as_exchange(repo.read("exchanges/feeds/kalshi-demo.yaml"), "hang"));
  repo.write(".ssmd/config.yaml", "validate:\n  plugin_timeout: 0.5\n");
  auto plugin_dir = build_dir() / "tests/test-plugins/faulty";
  auto configured = repo.validate({"--plugin-path", plugin_dir.string(), "--no-cache"});
  EXPECT_EQ(configured.exit_code, 3) << configured.err;
  EXPECT_TRUE(has(configured.err, "timed out after 500 ms")) << configured.err;
  auto flagged = repo.validate({"--plugin-path", plugin_dir.string(), "--no-cache", "--plugin-timeout", "0.3"});
  EXPECT_TRUE(has(flagged.err, "timed out after 300 ms")) << "the flag beats the configuration\n" << flagged.err;
  repo.write(".ssmd/config.yaml", "validate:\n  plugin_timeout: soon\n");
  auto bad = repo.validate({"--no-cache"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_TRUE(has(bad.err, "validate.plugin_timeout (")) << bad.err;
  EXPECT_TRUE(has(bad.err, ".ssmd/config.yaml:2:19) takes seconds between 0 and 3600")) << bad.err;
}

TEST(Validate, DisabledRulesAreDroppedFromEveryRunButPluginFaultsAlwaysCount) {
  BundledCopy repo;
  repo.replace("exchanges/feeds/kalshi.yaml", "wss://api.elections.kalshi.com", "wss://api.example.com");
  repo.write("exchanges/feeds/acme.yaml", as_exchange(repo.read("exchanges/feeds/kalshi-demo.yaml"), "acme"));
  auto before = repo.validate();
  EXPECT_EQ(before.exit_code, 1) << before.out;
  ASSERT_TRUE(has(before.out, "[kalshi/endpoint-host]")) << before.out;

  // One rule by id: gone from the report and from the exit code, on a warm run too.
  repo.write(".ssmd/config.yaml", "validate:\n  disabled_rules: [kalshi/endpoint-host]\n");
  for (int run = 0; run < 2; ++run) {
    auto r = repo.validate();
    EXPECT_EQ(r.exit_code, 0) << "run " << run << "\n" << r.out;
    EXPECT_FALSE(has(r.out, "[kalshi/endpoint-host]")) << r.out;
  }
  // A whole family; and a protected family is refused with a warning, its finding kept.
  repo.write(".ssmd/config.yaml", "validate:\n  disabled_rules: ['kalshi/*', 'plugin/*']\n");
  auto r = repo.validate({"--strict"});
  EXPECT_FALSE(has(r.out, "[kalshi/")) << r.out;
  EXPECT_TRUE(has(r.out, "[plugin/missing]")) << "plugin findings always count\n" << r.out;
  EXPECT_EQ(r.exit_code, 1) << "--strict: the missing acme plugin is an error" << r.out;
  EXPECT_TRUE(has(r.err, "warning: 'plugin/*' cannot be disabled")) << r.err;
}

TEST(Validate, AProgressLineOnATerminalAndNothingWhenPiped) {
  BundledCopy repo;
  auto piped = repo.validate({"--no-cache"});
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_FALSE(has(piped.err, "Validating")) << piped.err;
  EXPECT_FALSE(has(piped.err, "\r")) << piped.err;

  // script(1) gives ssmd a pseudo-terminal for stdin, stdout and stderr; its transcript is what a user sees.
  RunOptions o;
  o.cwd = repo.dir.path();
  o.env = {{"TERM", "xterm"}};
  o.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_PLUGIN_PATH", "SSMD_OUTPUT", "NO_COLOR"};
  auto tty = run_shell("script -qfec \"$SSMD_BINARY validate --no-cache\" /dev/null", o);
  EXPECT_EQ(tty.exit_code, 0) << tty.out << tty.err;
  EXPECT_TRUE(has(tty.out, "Validating")) << tty.out;
  // The line is erased before the report, so the report starts on a clean line.
  EXPECT_TRUE(has(tty.out, "\r")) << tty.out;
}
