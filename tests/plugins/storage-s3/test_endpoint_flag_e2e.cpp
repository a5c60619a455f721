// `--s3-endpoint URL`: derived by the host from storage-s3's manifest, passed to the plugin as a flag, and
// stronger than AWS_ENDPOINT_URL_S3 (and than the generic `--endpoint`).
#include "cli_run.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;
using namespace ssmd::test::s3;

namespace {

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

std::string closed_endpoint() { return "http://127.0.0.1:" + std::to_string(closed_port()); }

std::vector<std::string> one_day(std::vector<std::string> extra) {
  std::vector<std::string> rest = {"--from", "2025-01-01", "--to", "2025-01-02", "--raw", raw_root()};
  rest.insert(rest.end(), extra.begin(), extra.end());
  return data_command("inventory", "kalshi", rest);
}

} // namespace

TEST(S3EndpointFlag, TheFlagBeatsTheEnvironmentVariable) {
  auto server = start_s3rver("S3RVER", "S3RVER");
  // The variable points nowhere; the flag at the server: the flag is used.
  auto r = run_ssmd(one_day({"--s3-endpoint", server->endpoint()}), s3_env(closed_endpoint()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "2/2 days")) << r.out;
  // The other way round: the flag points nowhere and wins, so the run cannot reach the server.
  auto wrong = run_ssmd(one_day({"--s3-endpoint", closed_endpoint()}), s3_env(server->endpoint()));
  EXPECT_EQ(wrong.exit_code, 3) << wrong.out;
  EXPECT_TRUE(contains(wrong.err, "cannot list s3://market-data/kalshi/2025")) << wrong.err;
}

TEST(S3EndpointFlag, TheGenericEndpointFlagBeatsTheVariableAndTheSchemeFlagBeatsIt) {
  auto server = start_s3rver("S3RVER", "S3RVER");
  auto generic = run_ssmd(one_day({"--endpoint", server->endpoint()}), s3_env(closed_endpoint()));
  EXPECT_EQ(generic.exit_code, 0) << generic.err;
  auto both = run_ssmd(one_day({"--endpoint", closed_endpoint(), "--s3-endpoint", server->endpoint()}),
                       s3_env(closed_endpoint()));
  EXPECT_EQ(both.exit_code, 0) << both.err;
}

TEST(S3EndpointFlag, WithoutTheFlagTheVariableIsUsed) {
  auto server = start_s3rver("S3RVER", "S3RVER");
  auto r = run_ssmd(one_day({}), s3_env(server->endpoint()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(S3EndpointFlag, AMalformedFlagValueIsNamedAsTheFlags) {
  auto r = run_ssmd(one_day({"--s3-endpoint", "ftp://example.test"}), s3_env(closed_endpoint()));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(contains(r.err, "s3.endpoint (from the command line)")) << r.err;
  EXPECT_TRUE(contains(r.err, "must use http or https")) << r.err;
}

TEST(S3EndpointFlag, HelpListsTheFlagFromThePluginsManifest) {
  auto r = run_ssmd({"data", "inventory", "--help", "--plugin-path", plugin_path()[1]}, s3_env(closed_endpoint()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "--s3-endpoint URL")) << r.out;
  // With the plugin not allowed there is no such flag (only the generic one).
  auto none = run_ssmd({"data", "inventory", "--help", "--plugins", "feed-kalshi"}, s3_env(closed_endpoint()));
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_TRUE(contains(none.out, "--endpoint URL")) << none.out;
  EXPECT_FALSE(contains(none.out, "--s3-endpoint")) << none.out;
}

// Every `s3.*` key says where signed requests go, so storage-s3 reads them from trusted layers only: the
// user's own file counts, a cloned repository's .ssmd/config.yaml and ssmd.yaml do not (ABI 1.3's
// trusted_config). Without that, a repository could point the user's signed requests at its own server.
TEST(S3EndpointFlag, TheRepositorysFilesCannotRedirectTheEndpoint) {
  auto server = start_s3rver("S3RVER", "S3RVER");
  TempDir dirs;
  const auto repo = dirs.path() / "repo", home = dirs.path() / "home";
  // The feed is registered: inside a repository the data commands refuse one that is not.
  dirs.write("repo/exchanges/feeds/kalshi.yaml", read_file(source_dir() / "exchanges/feeds/kalshi.yaml"));
  dirs.write("repo/.ssmd/config.yaml", "s3:\n  endpoint: " + closed_endpoint() + "\n");
  dirs.write("repo/ssmd.yaml", "s3:\n  endpoint: " + closed_endpoint() + "\n");
  dirs.write("home/.config/ssmd/config.yaml", "s3:\n  endpoint: " + server->endpoint() + "\n");
  RunOptions o = s3_env(server->endpoint());
  o.env.erase("AWS_ENDPOINT_URL_S3");
  o.env["HOME"] = home.string();
  o.unset_env.push_back("XDG_CONFIG_HOME");
  o.cwd = repo;
  auto r = run_ssmd(one_day({}), o);
  EXPECT_EQ(r.exit_code, 0) << "the user's endpoint is used, the repository's ignored\n" << r.err;
  EXPECT_TRUE(contains(r.out, "2/2 days")) << r.out;
}
