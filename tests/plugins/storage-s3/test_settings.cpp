// Settings and URLs: pure functions, checked without a server. (The retry policy is plugins/common's:
// tests/plugins/common/retry_test.cpp.)
#include "s3_url.hpp"
#include "settings.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace ssmd::s3;

namespace {

Lookup from(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string &name) -> std::optional<std::string> {
    auto it = values.find(name);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

const std::map<std::string, std::string> k_credentials = {{"AWS_ACCESS_KEY_ID", "AKID"},
                                                          {"AWS_SECRET_ACCESS_KEY", "very-secret"}};

std::map<std::string, std::string> with(std::map<std::string, std::string> extra) {
  auto all = k_credentials;
  for (auto &[k, v] : extra) all[k] = v;
  return all;
}

} // namespace

TEST(Settings, DefaultsToAwsInUsEast1) {
  SettingsProblem problem;
  auto s = load_settings(from(k_credentials), from({}), problem);
  ASSERT_TRUE(s) << problem.message;
  EXPECT_EQ(s->region, "us-east-1");
  EXPECT_EQ(s->endpoint.base_url(), "https://s3.us-east-1.amazonaws.com");
  EXPECT_EQ(s->max_keys, 1000);
  EXPECT_EQ(s->concurrency, 16);
  EXPECT_EQ(s->max_attempts, 4);
  EXPECT_TRUE(s->credentials.session_token.empty());
}

TEST(Settings, AFlagWinsOverTheEnvironmentAndIsNamedWhenWrong) {
  SettingsProblem problem;
  auto env = from(with({{"AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"}, {"SSMD_S3_MAX_KEYS", "100"}}));
  auto config = from({{"s3.endpoint", "http://config.invalid:1"}});
  auto s = load_settings(env, config, problem, from({{"s3.endpoint", "http://flag.test:8080"}}));
  ASSERT_TRUE(s) << problem.message;
  EXPECT_EQ(s->endpoint.base_url(), "http://flag.test:8080");
  EXPECT_EQ(s->max_keys, 100); // no flag for it: the environment still wins over the configuration

  auto none = load_settings(env, config, problem, from({}));
  ASSERT_TRUE(none) << problem.message;
  EXPECT_EQ(none->endpoint.base_url(), "http://127.0.0.1:9000");

  EXPECT_FALSE(load_settings(env, config, problem, from({{"s3.endpoint", "ftp://x.test"}})));
  EXPECT_EQ(problem.where, "s3.endpoint (from the command line)");
  EXPECT_NE(problem.message.find("must use http or https"), std::string::npos) << problem.message;
}

TEST(Settings, EnvironmentWinsOverConfiguration) {
  SettingsProblem problem;
  auto s = load_settings(from(with({{"AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"},
                                    {"AWS_REGION", "eu-west-3"},
                                    {"AWS_SESSION_TOKEN", "tok"},
                                    {"SSMD_S3_MAX_KEYS", "100"}})),
                         from({{"s3.endpoint", "http://config.invalid:1"}, {"s3.region", "ap-south-1"},
                               {"s3.max_keys", "7"}, {"s3.concurrency", "4"}}),
                         problem);
  ASSERT_TRUE(s) << problem.message;
  EXPECT_EQ(s->endpoint.base_url(), "http://127.0.0.1:9000");
  EXPECT_EQ(s->region, "eu-west-3");
  EXPECT_EQ(s->credentials.session_token, "tok");
  EXPECT_EQ(s->max_keys, 100);
  EXPECT_EQ(s->concurrency, 4); // only in the configuration
}

TEST(Settings, ConfigurationGivesEndpointAndRegionWhenTheEnvironmentDoesNot) {
  SettingsProblem problem;
  auto s = load_settings(from(with({{"AWS_ENDPOINT_URL", "http://generic.invalid"}})),
                         from({{"s3.endpoint", "https://minio.internal:9443/"}, {"s3.region", "eu-central-1"}}),
                         problem);
  ASSERT_TRUE(s) << problem.message;
  EXPECT_EQ(s->endpoint.base_url(), "https://minio.internal:9443");
  EXPECT_EQ(s->region, "eu-central-1");
}

TEST(Settings, MissingCredentialsAreAnEnvironmentProblemNamingTheVariable) {
  SettingsProblem problem;
  EXPECT_FALSE(load_settings(from({{"AWS_ACCESS_KEY_ID", "AKID"}}), from({}), problem));
  EXPECT_TRUE(problem.environment);
  EXPECT_EQ(problem.rule, "s3/credentials");
  EXPECT_NE(problem.message.find("AWS_SECRET_ACCESS_KEY"), std::string::npos);
  EXPECT_FALSE(load_settings(from({{"AWS_ACCESS_KEY_ID", ""}, {"AWS_SECRET_ACCESS_KEY", "s"}}), from({}), problem));
  EXPECT_NE(problem.message.find("AWS_ACCESS_KEY_ID"), std::string::npos);
  EXPECT_EQ(problem.message.find(" s "), std::string::npos);
}

TEST(Settings, RefusesOutOfRangeNumbersAndSaysWhere) {
  SettingsProblem problem;
  EXPECT_FALSE(load_settings(from(with({{"SSMD_S3_MAX_KEYS", "1001"}})), from({}), problem));
  EXPECT_FALSE(problem.environment);
  EXPECT_EQ(problem.where, "SSMD_S3_MAX_KEYS");
  EXPECT_NE(problem.message.find("from 1 to 1000"), std::string::npos);
  EXPECT_FALSE(load_settings(from(k_credentials), from({{"s3.concurrency", "0"}}), problem));
  EXPECT_EQ(problem.where, "s3.concurrency");
  EXPECT_FALSE(load_settings(from(k_credentials), from({{"s3.timeout_ms", "10s"}}), problem));
  EXPECT_FALSE(load_settings(from(k_credentials), from({{"s3.max_attempts", "(a list)"}}), problem));
  EXPECT_FALSE(load_settings(from(with({{"AWS_REGION", "US East"}})), from({}), problem));
  EXPECT_EQ(problem.where, "AWS_REGION");
  EXPECT_FALSE(load_settings(from(k_credentials), from({{"s3.endpoint", "ftp://x"}}), problem));
  EXPECT_EQ(problem.where, "s3.endpoint");
  EXPECT_EQ(problem.message.find("very-secret"), std::string::npos);
}

TEST(Endpoint, ParsesHostsPortsAndIpv6) {
  std::string error;
  EXPECT_EQ(parse_endpoint("http://127.0.0.1:4568", error)->authority, "127.0.0.1:4568");
  EXPECT_EQ(parse_endpoint("http://localhost:80", error)->authority, "localhost"); // the default port is implied
  EXPECT_EQ(parse_endpoint("https://s3.eu-west-1.amazonaws.com/", error)->authority, "s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(parse_endpoint("http://[::1]:9000", error)->authority, "[::1]:9000");
  EXPECT_EQ(parse_endpoint("https://[::1]", error)->authority, "[::1]");
  EXPECT_EQ(parse_endpoint("HTTP://S3.Example.COM:0443", error)->authority, "s3.example.com:443");
  // An empty port is no port (RFC 3986, section 3.2.3), as libcurl reads it.
  EXPECT_EQ(parse_endpoint("http://h:", error)->authority, "h");
  EXPECT_EQ(parse_endpoint("http://h%41", error)->authority, "ha"); // percent-encoded, as libcurl decodes it
  for (const char *bad : {"127.0.0.1:9000", "ftp://h", "http://", "http://h:0", "http://h:65536", "http:/h",
                          "http:///h", "http://h:9x", "http://h/base", "http://u@h", "http://h?x", "http://h#x",
                          "http://[::1", "http://[::1]x", "http://h h", "http://h*x", "http://h%2Fx"}) {
    error.clear();
    EXPECT_FALSE(parse_endpoint(bad, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

TEST(S3Url, SplitsBucketAndKey) {
  std::string error;
  auto url = parse_s3_url("s3://market-data/kalshi/2025/01/01/manifest.json", error);
  ASSERT_TRUE(url) << error;
  EXPECT_EQ(url->bucket, "market-data");
  EXPECT_EQ(url->key, "kalshi/2025/01/01/manifest.json");
  EXPECT_EQ(parse_s3_url("s3://my.bucket-1", error)->key, "");
  EXPECT_EQ(parse_s3_url("s3://b12/a%20b", error)->key, "a%20b"); // keys are taken as written
}

TEST(S3Url, RefusesOtherSchemesAndBadBucketNames) {
  std::string error;
  for (const char *bad : {"http://bucket/key", "s3:/bucket/key", "s3://", "s3:///key", "s3://ab/key", "s3://Bucket/key",
                          "s3://under_score/k", "s3://-bucket/k", "s3://bucket-/k", "s3://a..b/k"}) {
    EXPECT_FALSE(parse_s3_url(bad, error)) << bad;
    EXPECT_NE(error.find(bad), std::string::npos) << error;
  }
}

TEST(S3Url, FolderPrefixEndsWithOneSlash) {
  EXPECT_EQ(folder_prefix({"b", ""}), "");
  EXPECT_EQ(folder_prefix({"b", "data"}), "data/");
  EXPECT_EQ(folder_prefix({"b", "data/"}), "data/");
  EXPECT_EQ(folder_prefix({"b", "kalshi/2025/01"}), "kalshi/2025/01/");
}
