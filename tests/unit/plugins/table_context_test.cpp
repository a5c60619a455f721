// ABI 1.4's table context: every call of an extension table hands the table's own `context` back as
// `host->context`, so one class registered under two names answers each name with its own instance; and an
// entry point that refuses to start says why. Proven with real test plugins, through the plugin manager (what
// ssmd does) and through a bare harness host (what an ABI 1.3 host does).
#include "../../test-plugins/test_plugins.hpp"
#include "plugin_harness.hpp"
#include "plugins/plugin_manager.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {

const char *const kFeed = "name: x\nexchange: x\nversions:\n  - effective_from: 2025-01-01\n    endpoint: wss://x/\n";

// The messages of a feed check of `validator` with services `host`.
std::vector<Finding> check(const ssmd_feed_validator &validator, const ssmd_host *host, ssmd_status *status = nullptr) {
  Doc feed(kFeed, "exchanges/feeds/x.yaml");
  Collector collector;
  ssmd_feed_context ctx{sizeof(ssmd_feed_context), host, ssmd_str{"exchanges/feeds/x.yaml", 22}, collector.sink()};
  ssmd_status s = validator.check_feed(&ctx, feed.root());
  if (status) *status = s;
  return collector.findings;
}

PluginSettings settings_for(const fs::path &dir) {
  PluginSettings s;
  s.search_path = {dir};
  return s;
}

} // namespace

TEST(TableContext, EachNameOfOneClassReachesItsOwnInstanceThroughThePluginManager) {
  TempDir tmp;
  copy_test_plugin(tmp.path() / "p", "twins", "test-twins");
  PluginManager manager(settings_for(tmp.path() / "p"));
  for (const std::string who : {"a", "b"}) {
    auto lookup = manager.feed_validator("t-twin-" + who);
    ASSERT_TRUE(lookup) << lookup.problem;
    ASSERT_NE(lookup.host, nullptr);
    EXPECT_EQ(lookup.host->context, lookup.table->context) << "the call's services carry the table's context";
    EXPECT_NE(lookup.host->context, nullptr);
    auto findings = check(*lookup.table, lookup.host);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].message, "checked by twin " + who);
  }
  // Two tables, two services: neither call is routed to the other instance.
  EXPECT_NE(manager.feed_validator("t-twin-a").host, manager.feed_validator("t-twin-b").host);
  EXPECT_EQ(manager.feed_validator("t-twin-a").host, manager.feed_validator("t-twin-a").host) << "made once";
}

TEST(TableContext, AnOlderPluginsReservedSlotIsNeverHandedBack) {
  // test-old-rules is laid out as ABI 1.2 and leaves garbage where 1.4 put `context`.
  TempDir tmp;
  copy_test_plugin(tmp.path() / "p", "old-rules", "test-old-rules");
  PluginManager manager(settings_for(tmp.path() / "p"));
  auto lookup = manager.feed_validator("t-old-rules");
  ASSERT_TRUE(lookup) << lookup.problem;
  EXPECT_EQ(lookup.host->context, nullptr);
  EXPECT_EQ(lookup.host, manager.host_services()) << "no context: the process's own services";
}

TEST(TableContext, AHostWithoutContextGetsTheOnlyInstanceOrARefusalToGuess) {
  // The harness host sets no context, as an ABI 1.3 host does not.
  LoadedPlugin twins(test_plugin("twins", "test-twins").string());
  ssmd_status status = SSMD_OK;
  auto findings = check(*twins.feed("t-twin-a"), twins.host(), &status);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "plugin/needs-newer-host") << "two instances of one class: the SDK does not guess";
  EXPECT_EQ(status, SSMD_ENV_ERROR);

  // With the context the host would pass, each name answers for itself.
  for (const std::string who : {"a", "b"}) {
    const ssmd_feed_validator *feed = twins.feed("t-twin-" + who);
    ssmd_host host = *twins.host();
    host.context = feed->context;
    findings = check(*feed, &host, &status);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].message, "checked by twin " + who);
    EXPECT_EQ(status, SSMD_OK);
  }

  // A class registered once needs no context: older hosts keep working with such plugins.
  LoadedPlugin good(test_plugin("good", "test-good").string());
  findings = check(*good.feed("t-good"), good.host(), &status);
  EXPECT_TRUE(findings.empty());
  EXPECT_EQ(status, SSMD_OK);
}

TEST(TableContext, ARefusingEntryPointsReasonReachesTheHostCleaned) {
  TempDir tmp;
  copy_test_plugin(tmp.path() / "p", "refuses", "test-refuses");
  PluginManager manager(settings_for(tmp.path() / "p"));
  auto lookup = manager.feed_validator("t-refuses");
  EXPECT_FALSE(lookup);
  EXPECT_EQ(lookup.failure, LookupFailure::LoadFailed);
  EXPECT_NE(lookup.problem.find("refused plugin 'test-refuses'"), std::string::npos) << lookup.problem;
  EXPECT_NE(lookup.problem.find("it refused to start: no license file at /nonexistent/acme.key\\x1b[2J\\nsecond line"),
            std::string::npos)
      << lookup.problem;
  EXPECT_EQ(lookup.problem.find('\x1b'), std::string::npos) << "no escape sequence of the plugin's is printed";
  EXPECT_EQ(lookup.problem.find('\n'), std::string::npos);
}
