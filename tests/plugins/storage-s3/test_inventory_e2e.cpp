// `ssmd data inventory` and `data gaps` through the real binary, the real storage-s3 plugin and s3rver.
#include "cli_run.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;

namespace {
RunOptions s3_env(const s3::NodeServer &server, const std::string &secret) { return s3::s3_env(server.endpoint(), secret); }

std::vector<std::string> inventory(const std::string &from, const std::string &to) {
  return s3::data_command("inventory", "kalshi", {"--from", from, "--to", to, "--raw", s3::raw_root()});
}
} // namespace

TEST(S3InventoryE2E, ListsAcrossPagesAndShowsMissingDays) {
  auto server = s3::start_s3rver("S3RVER", "S3RVER");
  auto r = run_ssmd(inventory("2024-02-27", "2024-03-02"), s3_env(*server, "S3RVER"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2024-02-28  "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2024-02-29  -      -           -         -        -"), std::string::npos) << r.out; // a gap day
  EXPECT_NE(r.out.find("complete"), std::string::npos);
  EXPECT_NE(r.out.find("4/5 days"), std::string::npos) << r.out;
}

TEST(S3InventoryE2E, FourHundredDaysSpanTwoYearsOfListings) {
  auto server = s3::start_s3rver("S3RVER", "S3RVER");
  auto args = inventory("2024-01-01", "2025-02-03");
  args.insert(args.end(), {"--output", "json"});
  auto r = run_ssmd(args, s3_env(*server, "S3RVER"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"days_with_data\": 398"), std::string::npos) << r.out.substr(r.out.size() - 400);
}

TEST(S3InventoryE2E, BadCredentialsAreAccessDeniedWithExit3AndNoSecret) {
  auto server = s3::start_s3rver("S3RVER", "S3RVER");
  auto r = run_ssmd(inventory("2024-01-01", "2024-01-31"), s3_env(*server, "not-the-secret-canary"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("access denied"), std::string::npos) << r.err;
  EXPECT_EQ((r.out + r.err).find("not-the-secret-canary"), std::string::npos);
}

TEST(S3InventoryE2E, UnreachableEndpointIsExit3) {
  RunOptions o;
  o.env = {{"AWS_ACCESS_KEY_ID", "S3RVER"}, {"AWS_SECRET_ACCESS_KEY", "S3RVER"},
           {"AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + std::to_string(s3::closed_port())}};
  o.unset_env = {"SSMD_REPO"};
  auto r = run_ssmd(inventory("2024-01-01", "2024-01-02"), o);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("cannot"), std::string::npos) << r.err;
}

TEST(S3InventoryE2E, AProgressLineOnATerminalAndNothingWhenPiped) {
  auto server = s3::start_s3rver("S3RVER", "S3RVER");
  auto args = inventory("2024-01-01", "2025-02-03");
  auto piped = run_ssmd(args, s3_env(*server, "S3RVER"));
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.err, "");

  // script(1) gives ssmd a pseudo-terminal; its transcript is what a user sees.
  RunOptions o = s3_env(*server, "S3RVER");
  o.env["TERM"] = "xterm";
  std::string command = "$SSMD_BINARY";
  for (const auto &a : args) command += " '" + a + "'";
  auto tty = run_shell("script -qfec \"" + command + "\" /dev/null", o);
  EXPECT_NE(tty.out.find("Reading manifests"), std::string::npos) << tty.out;
  EXPECT_NE(tty.out.find("/400 ("), std::string::npos) << tty.out;
  EXPECT_NE(tty.out.find("\r\033[K"), std::string::npos) << tty.out;
  EXPECT_NE(tty.out.find("398/400 days"), std::string::npos) << tty.out;
}
