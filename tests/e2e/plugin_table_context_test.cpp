// ABI 1.4 through the real binary: one plugin class registered under two names answers each with its own
// instance in `ssmd validate` and in plugin commands; a publisher lists its rules; and a plugin that refuses
// to start is reported with its own reason.
#include "plugin_env.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {


// Creates feed `name` and points its `exchange:` at `exchange`.
void create_feed(const PluginEnv &env, const std::string &name, const std::string &exchange) {
  auto created = env.run({"feed", "create", name, "--type", "websocket", "--endpoint", "wss://" + name + ".example/v1",
                          "--effective-from", "2025-01-01"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const fs::path feed = env.repo() / "exchanges" / "feeds" / (name + ".yaml");
  std::string text = read_file(feed);
  const std::string line = "exchange: " + name + "\n";
  ASSERT_NE(text.find(line), std::string::npos) << text;
  text.replace(text.find(line), line.size(), "exchange: " + exchange + "\n");
  std::ofstream(feed, std::ios::binary) << text;
}

} // namespace

TEST(PluginTableContext, ValidateReachesTheInstanceOfEachFeedsTable) {
  PluginEnv env;
  env.add("twins", "test-twins");
  create_feed(env, "alpha", "t-twin-a");
  create_feed(env, "beta", "t-twin-b");
  auto r = env.run({"validate", "--no-cache"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(line_starting(r.out, "exchanges/feeds/alpha.yaml"),
            "exchanges/feeds/alpha.yaml:1:1: info: checked by twin a [t-twin/checked-by]")
      << r.out;
  EXPECT_EQ(line_starting(r.out, "exchanges/feeds/beta.yaml"),
            "exchanges/feeds/beta.yaml:1:1: info: checked by twin b [t-twin/checked-by]")
      << r.out;
}

TEST(PluginTableContext, EachCommandOfOneClassRunsItsOwnInstance) {
  PluginEnv env;
  env.add("twins", "test-twins");
  auto a = env.run({"t-twin-hello-a"});
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, "hello from twin a\n");
  auto b = env.run({"t-twin-hello-b"});
  EXPECT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(b.out, "hello from twin b\n");
}

TEST(PluginTableContext, APublishersRulesAreListed) {
  PluginEnv env;
  env.add("twins", "test-twins");
  auto list = env.run({"rules", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(has(line_starting(list.out, "t-twin/not-a-store"), "test-twins")) << list.out;
  EXPECT_TRUE(has(line_starting(list.out, "t-twin/not-a-store"), "Refuses every t-twin:// URL")) << list.out;
  auto check = env.run({"plugin", "check", env.root().string() + "/plugins/twins/test-twins.so"});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST(PluginTableContext, ARefusalNamesThePluginsOwnReason) {
  PluginEnv env;
  env.add("refuses", "test-refuses");
  create_feed(env, "gamma", "t-refuses");
  auto r = env.run({"validate", "--no-cache"});
  EXPECT_NE(r.exit_code, 0) << r.out << r.err;
  const std::string all = r.out + r.err;
  EXPECT_TRUE(has(all, "it refused to start: no license file at /nonexistent/acme.key\\x1b[2J\\nsecond line")) << all;
  EXPECT_FALSE(has(all, "\x1b")) << "the plugin's escape sequence is not printed";
  EXPECT_FALSE(has(all, "returned NULL")) << all;
}
