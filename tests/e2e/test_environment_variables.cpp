// Boolean and numeric environment variables are read one way (ssmd/env.hpp): SSMD_LOCKED=true, as a CI file
// writes it, locks the run; a value that is neither on nor off, or not a whole number, is a usage error
// (exit 2) naming the variable and what it accepts, for every command alike.
#include "git_fixture.hpp"
#include "plugin_env.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

TEST(EnvironmentVariables, SsmdLockedReadsEveryWayOfSayingOnOrOff) {
  PluginEnv env; // no ssmd-plugins.lock: a locked run fails for want of it, an unlocked one lists plugins
  env.add("good", "test-good");
  auto with = [&](const std::string &value) {
    RunOptions o;
    o.env["SSMD_LOCKED"] = value;
    return env.run({"plugin", "list"}, o);
  };
  for (const char *on : {"1", "true", "TRUE", "yes", "On"}) {
    auto r = with(on);
    EXPECT_EQ(r.exit_code, 3) << "SSMD_LOCKED=" << on << " must lock the run\n" << r.out;
    EXPECT_TRUE(has(r.err, "ssmd-plugins.lock, which does not exist")) << r.err;
  }
  for (const char *off : {"0", "false", "No", "OFF", ""}) EXPECT_EQ(with(off).exit_code, 0) << "SSMD_LOCKED=" << off;
  for (const char *bad : {"2", "maybe", "locked", " 1"}) {
    auto r = with(bad);
    EXPECT_EQ(r.exit_code, 2) << "SSMD_LOCKED=" << bad << "\n" << r.out;
    EXPECT_TRUE(has(r.err, "ssmd: SSMD_LOCKED is '" + std::string(bad) +
                               "'; expected 1, true, yes or on for on; 0, false, no, off or empty for off"))
        << r.err;
  }
}

TEST(EnvironmentVariables, SsmdLockTimeoutMsIsAWholeNumberForEveryCommand) {
  GitRepo repo;
  repo.write("exchanges/feeds/alpha.yaml", feed_yaml("alpha", {"v1"}));
  auto with = [&](const std::string &value, const std::vector<std::string> &args) {
    RunOptions o = repo.options();
    o.env["SSMD_LOCK_TIMEOUT_MS"] = value;
    return run_ssmd(args, o);
  };
  const std::vector<std::string> create{"feed", "create", "beta", "--type", "websocket", "--endpoint", "wss://beta.example.com/v1"};
  for (const char *bad : {"abc", "-5", "1.5", " 5", "3600001"}) {
    for (const auto &args : std::vector<std::vector<std::string>>{{"feed", "list"}, create}) {
      auto r = with(bad, args);
      EXPECT_EQ(r.exit_code, 2) << "SSMD_LOCK_TIMEOUT_MS=" << bad << " " << args[1] << "\n" << r.out;
      EXPECT_TRUE(has(r.err, "ssmd: SSMD_LOCK_TIMEOUT_MS is '" + std::string(bad) +
                                 "'; expected a whole number from 0 to 3600000")) << r.err;
    }
  }
  EXPECT_FALSE(std::filesystem::exists(repo.root() / "exchanges/feeds/beta.yaml")) << "nothing was written";
  EXPECT_EQ(with("", {"feed", "list"}).exit_code, 0) << "empty is unset";
  auto ok = with("0", create);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}
