#include "run_ssmd.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

TEST(Cli, VersionAndHelp) {
  auto version = run_ssmd({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("ssmd "), std::string::npos);
  auto help = run_ssmd({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Usage: ssmd"), std::string::npos);
  EXPECT_NE(help.out.find("--repo"), std::string::npos);
}

TEST(Cli, NoArgumentsIsUsageError) { EXPECT_EQ(run_ssmd({}).exit_code, 2); }

TEST(Cli, UnknownCommandSuggestsClosest) {
  auto r = run_ssmd({"hlep"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("did you mean 'help'?"), std::string::npos) << r.err;
}

TEST(Cli, BadGlobalFlagValueIsUsageError) {
  auto r = run_ssmd({"--color", "sometimes", "--help"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--color"), std::string::npos);
}
