// storage-s3 through its C ABI against s3rver (an S3-compatible server) holding 408 daily manifests, with
// SigV4 signatures verified in front of it. Each test process starts its own server on a free port.
#include "plugin_calls.hpp"
#include "test_servers.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace ssmd::test;
using namespace ssmd::test::s3;

namespace {

const std::string k_key = "AKIASSMDTESTKEY00001";
const std::string k_secret = "ssmd/test+Secret=Key/0123456789abcdefXYZ";

const LoadedPlugin &plugin() {
  static LoadedPlugin loaded(STORAGE_S3_PLUGIN); // a path, so the suite needs no SSMD_BUILD_DIR
  return loaded;
}

std::string url(const std::string &key) { return std::string("s3://") + k_bucket + "/" + key; }

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// Every message the plugin produced, joined, to check that no secret is in any of them.
std::string all_messages(const Collector &diagnostics, const std::vector<FetchedObject> &results = {}) {
  std::string out = diagnostics.dump();
  for (const auto &r : results) out += r.error + "\n";
  return out;
}

class S3rverTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { server_ = start_s3rver(k_key, k_secret).release(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void TearDown() override {
    const_cast<LoadedPlugin &>(plugin()).set_config("s3.endpoint", "~");
    const_cast<LoadedPlugin &>(plugin()).set_config("s3.max_keys", "~");
  }
  static NodeServer *server_;
};
NodeServer *S3rverTest::server_ = nullptr;

} // namespace

TEST_F(S3rverTest, ListsEveryDayAcrossPages) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  ScopedEnv pages{{"SSMD_S3_MAX_KEYS", "100"}}; // 408 objects: five pages
  Listing l;
  list(plugin(), url("kalshi"), l);
  ASSERT_EQ(l.status, SSMD_OK) << l.diagnostics.dump();
  EXPECT_EQ(l.diagnostics.findings.size(), 0u);
  ASSERT_EQ(l.entries.size(), static_cast<size_t>(k_days) - k_gap_days.size());
  EXPECT_EQ(l.entries.front().first, "2024/01/01/manifest.json"); // relative to the listed folder
  EXPECT_EQ(l.entries.back().first, "2025/02/13/manifest.json");
  std::set<std::string> keys;
  for (const auto &[key, size] : l.entries) {
    EXPECT_GT(size, 300u) << key;
    keys.insert(key);
  }
  EXPECT_EQ(keys.size(), l.entries.size()) << "a page boundary repeated a key";
  EXPECT_TRUE(std::is_sorted(l.entries.begin(), l.entries.end()));
  EXPECT_EQ(keys.count("2024/02/29/manifest.json"), 0u);
  EXPECT_EQ(keys.count("2024/03/01/manifest.json"), 1u);
}

TEST_F(S3rverTest, OnePageAndManySmallPagesListTheSame) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  Listing whole, paged;
  list(plugin(), url("kalshi/"), whole);
  {
    ScopedEnv pages{{"SSMD_S3_MAX_KEYS", "7"}};
    list(plugin(), url("kalshi/"), paged);
  }
  ASSERT_EQ(whole.status, SSMD_OK) << whole.diagnostics.dump();
  ASSERT_EQ(paged.status, SSMD_OK) << paged.diagnostics.dump();
  EXPECT_EQ(whole.entries.size(), 408u);
  EXPECT_EQ(paged.entries, whole.entries);
}

TEST_F(S3rverTest, ListsOneMonthAndNotTheFolderNextDoor) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  Listing month;
  list(plugin(), url("kalshi/2025/01"), month);
  ASSERT_EQ(month.status, SSMD_OK) << month.diagnostics.dump();
  ASSERT_EQ(month.entries.size(), 31u);
  EXPECT_EQ(month.entries[0].first, "01/manifest.json");
  EXPECT_EQ(month.entries[30].first, "31/manifest.json");

  Listing feeds; // "kalshi" must not pick up "kalshi-archive/..."
  list(plugin(), url("kalshi"), feeds);
  for (const auto &[key, size] : feeds.entries) EXPECT_FALSE(contains(key, "archive")) << key;
  Listing archive;
  list(plugin(), url("kalshi-archive"), archive);
  EXPECT_EQ(archive.entries.size(), 3u);
}

TEST_F(S3rverTest, AnEmptyFolderListsNothing) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  Listing l;
  list(plugin(), url("nothing-here"), l);
  EXPECT_EQ(l.status, SSMD_OK) << l.diagnostics.dump();
  EXPECT_TRUE(l.entries.empty());
}

TEST_F(S3rverTest, ListingAMissingBucketFails) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  Listing l;
  list(plugin(), "s3://no-such-bucket/kalshi", l);
  EXPECT_EQ(l.status, SSMD_FAILED);
  ASSERT_TRUE(l.diagnostics.has_rule("s3/no-such-bucket")) << l.diagnostics.dump();
  EXPECT_TRUE(contains(l.diagnostics.find("s3/no-such-bucket")->message, "no-such-bucket"));
}

TEST_F(S3rverTest, ABadUrlIsRefusedBeforeAnyRequest) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  Listing l;
  list(plugin(), "s3://Bad_Bucket/kalshi", l);
  EXPECT_EQ(l.status, SSMD_FAILED);
  EXPECT_TRUE(l.diagnostics.has_rule("s3/bad-url")) << l.diagnostics.dump();
}

TEST_F(S3rverTest, KeysThatNeedEncodingListAndFetch) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  Listing l;
  list(plugin(), url("odd"), l);
  ASSERT_EQ(l.status, SSMD_OK) << l.diagnostics.dump();
  std::vector<std::string> keys;
  for (const auto &[key, size] : l.entries) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> expected = {"a&b <c>+d e.json", "percent%20literal.json", "quote\"'s.json",
                                       "tilde~star*(1)!.json", "\xc3\xbcn\xc3\xaf" "code \xe6\x97\xa5\xe6\x9c\xac.json"};
  EXPECT_EQ(keys, expected);

  std::vector<std::string> urls;
  for (const auto &k : keys) urls.push_back(url("odd/" + k));
  Fetch f;
  fetch(plugin(), urls, 1024, f);
  ASSERT_EQ(f.status, SSMD_OK) << f.diagnostics.dump();
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(f.results[i].status, SSMD_OK) << keys[i] << ": " << f.results[i].error;
    EXPECT_EQ(f.results[i].content, "content of odd/" + keys[i]);
  }
}

TEST_F(S3rverTest, FetchesFourHundredDaysInParallel) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  Listing l;
  list(plugin(), url("kalshi"), l);
  std::map<std::string, uint64_t> sizes(l.entries.begin(), l.entries.end());

  std::vector<std::string> urls = manifest_urls(k_first_day, k_days);
  Fetch f;
  fetch(plugin(), urls, 64 * 1024, f);
  EXPECT_EQ(f.status, SSMD_OK) << f.diagnostics.dump();
  EXPECT_EQ(f.bad_indexes, 0);
  size_t ok = 0;
  for (size_t i = 0; i < urls.size(); ++i) {
    const FetchedObject &r = f.results[i];
    EXPECT_EQ(r.calls, 1) << urls[i];
    std::string relative = urls[i].substr(url("kalshi/").size());
    std::string date = relative.substr(0, 4) + "-" + relative.substr(5, 2) + "-" + relative.substr(8, 2);
    bool gap = std::find(k_gap_days.begin(), k_gap_days.end(), date) != k_gap_days.end();
    if (gap) {
      EXPECT_EQ(r.status, SSMD_FAILED) << urls[i];
      EXPECT_EQ(r.error, urls[i] + " not found");
      continue;
    }
    ASSERT_EQ(r.status, SSMD_OK) << urls[i] << ": " << r.error;
    EXPECT_TRUE(contains(r.content, "\"feed\":\"kalshi\",\"date\":\"" + date + "\"")) << r.content;
    EXPECT_EQ(r.content.size(), sizes[relative]) << relative;
    ++ok;
  }
  EXPECT_EQ(ok, 408u);
  RecordProperty("fetch_410_seconds", std::to_string(f.seconds));
}

TEST_F(S3rverTest, AMissingObjectFailsAloneWhileTheOthersSucceed) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  std::vector<std::string> urls = {url("kalshi/2025/01/01/manifest.json"), url("kalshi/2031/01/01/manifest.json"),
                                   url("kalshi/2025/01/02/manifest.json")};
  Fetch f;
  fetch(plugin(), urls, 64 * 1024, f);
  EXPECT_EQ(f.status, SSMD_OK) << f.diagnostics.dump();
  EXPECT_EQ(f.results[0].status, SSMD_OK);
  EXPECT_EQ(f.results[1].status, SSMD_FAILED);
  EXPECT_EQ(f.results[1].error, urls[1] + " not found");
  EXPECT_TRUE(f.results[1].content.empty());
  EXPECT_EQ(f.results[2].status, SSMD_OK);
  EXPECT_TRUE(contains(f.results[2].content, "2025-01-02"));
}

TEST_F(S3rverTest, MaxBytesIsEnforcedToTheByte) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  Fetch exact, big;
  std::string manifest = url("kalshi/2025/01/01/manifest.json");
  fetch(plugin(), {manifest}, 64 * 1024, exact);
  ASSERT_EQ(exact.results[0].status, SSMD_OK) << exact.results[0].error;
  const uint64_t size = exact.results[0].content.size();

  Fetch at_limit, below_limit;
  fetch(plugin(), {manifest}, size, at_limit);
  fetch(plugin(), {manifest}, size - 1, below_limit);
  EXPECT_EQ(at_limit.results[0].status, SSMD_OK) << at_limit.results[0].error;
  EXPECT_EQ(below_limit.results[0].status, SSMD_FAILED);
  EXPECT_EQ(below_limit.results[0].error, manifest + " is larger than the limit of " + std::to_string(size - 1) + " bytes");

  fetch(plugin(), {url("big/large.bin"), manifest}, 1000, big);
  EXPECT_EQ(big.results[0].status, SSMD_FAILED);
  EXPECT_TRUE(big.results[0].content.empty());
  EXPECT_EQ(big.results[1].status, SSMD_OK) << big.results[1].error; // the small one in the same batch passes
  Fetch roomy;
  fetch(plugin(), {url("big/large.bin")}, 300 * 1024, roomy);
  EXPECT_EQ(roomy.results[0].status, SSMD_OK);
  EXPECT_EQ(roomy.results[0].content.size(), 200u * 1024);
}

TEST_F(S3rverTest, BadUrlsInABatchFailAlone) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  Fetch f;
  fetch(plugin(), {"http://market-data/kalshi", url("kalshi/"), url("kalshi/2025/01/03/manifest.json")}, 65536, f);
  EXPECT_EQ(f.status, SSMD_OK);
  EXPECT_EQ(f.results[0].status, SSMD_FAILED);
  EXPECT_TRUE(contains(f.results[0].error, "not an s3:// URL"));
  EXPECT_EQ(f.results[1].status, SSMD_FAILED);
  EXPECT_TRUE(contains(f.results[1].error, "names a folder"));
  EXPECT_EQ(f.results[2].status, SSMD_OK);
}

TEST_F(S3rverTest, AWrongSecretIsAccessDeniedAndNeverPrinted) {
  const std::string wrong = "WRONG-secret-value-that-must-not-appear";
  auto env = s3_environment(server_->endpoint(), k_key, wrong);
  Listing l;
  list(plugin(), url("kalshi"), l);
  EXPECT_EQ(l.status, SSMD_ENV_ERROR);
  ASSERT_TRUE(l.diagnostics.has_rule("s3/access-denied")) << l.diagnostics.dump();
  const std::string &message = l.diagnostics.find("s3/access-denied")->message;
  EXPECT_TRUE(contains(message, "access denied")) << message;
  EXPECT_TRUE(contains(message, "SignatureDoesNotMatch")) << message;
  EXPECT_TRUE(contains(message, "AWS_SECRET_ACCESS_KEY")) << message;

  Fetch f;
  fetch(plugin(), manifest_urls("2025-01-01", 50), 65536, f);
  EXPECT_EQ(f.status, SSMD_ENV_ERROR);
  EXPECT_EQ(f.diagnostics.errors(), 1u) << f.diagnostics.dump();
  for (const auto &r : f.results) {
    EXPECT_EQ(r.calls, 1);
    EXPECT_EQ(r.status, SSMD_ENV_ERROR);
    EXPECT_TRUE(contains(r.error, "access denied")) << r.error;
  }
  EXPECT_FALSE(contains(all_messages(l.diagnostics) + all_messages(f.diagnostics, f.results), wrong));
  EXPECT_FALSE(contains(all_messages(l.diagnostics) + all_messages(f.diagnostics, f.results), k_secret));
}

TEST_F(S3rverTest, AnUnknownAccessKeyIsAccessDenied) {
  auto env = s3_environment(server_->endpoint(), "AKIANOBODYKNOWSTHIS", k_secret);
  Listing l;
  list(plugin(), url("kalshi"), l);
  EXPECT_EQ(l.status, SSMD_ENV_ERROR);
  ASSERT_TRUE(l.diagnostics.has_rule("s3/access-denied")) << l.diagnostics.dump();
  EXPECT_TRUE(contains(l.diagnostics.find("s3/access-denied")->message, "InvalidAccessKeyId"));
  EXPECT_FALSE(contains(l.diagnostics.dump(), k_secret));
}

TEST_F(S3rverTest, TheSessionTokenIsSignedAndSent) {
  const std::string token = "FQoGZXIvYXdzEXAMPLE//token+with/slashes==";
  auto server = start_s3rver(k_key, k_secret, token);
  auto env = s3_environment(server->endpoint(), k_key, k_secret);
  Listing without;
  list(plugin(), url("kalshi/2025/01"), without);
  EXPECT_EQ(without.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(contains(without.diagnostics.dump(), "InvalidToken")) << without.diagnostics.dump();

  ScopedEnv with_token{{"AWS_SESSION_TOKEN", token}};
  Listing with;
  list(plugin(), url("kalshi/2025/01"), with);
  EXPECT_EQ(with.status, SSMD_OK) << with.diagnostics.dump();
  EXPECT_EQ(with.entries.size(), 31u);
  EXPECT_FALSE(contains(without.diagnostics.dump() + with.diagnostics.dump(), token));
}

TEST_F(S3rverTest, MissingCredentialsNameTheVariable) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  ScopedEnv unset{{"AWS_SECRET_ACCESS_KEY", std::nullopt}};
  Listing l;
  list(plugin(), url("kalshi"), l);
  EXPECT_EQ(l.status, SSMD_ENV_ERROR);
  ASSERT_TRUE(l.diagnostics.has_rule("s3/credentials")) << l.diagnostics.dump();
  EXPECT_TRUE(contains(l.diagnostics.find("s3/credentials")->message, "AWS_SECRET_ACCESS_KEY"));
  Fetch f;
  fetch(plugin(), manifest_urls("2025-01-01", 3), 65536, f);
  EXPECT_EQ(f.status, SSMD_ENV_ERROR);
  for (const auto &r : f.results) EXPECT_EQ(r.status, SSMD_ENV_ERROR);
}

TEST_F(S3rverTest, AnUnreachableEndpointIsAnEnvironmentError) {
  const std::string closed = "http://127.0.0.1:" + std::to_string(closed_port());
  auto env = s3_environment(closed, k_key, k_secret);
  Listing l;
  list(plugin(), url("kalshi"), l);
  EXPECT_EQ(l.status, SSMD_ENV_ERROR);
  ASSERT_TRUE(l.diagnostics.has_rule("s3/unreachable")) << l.diagnostics.dump();
  const std::string &message = l.diagnostics.find("s3/unreachable")->message;
  EXPECT_TRUE(contains(message, "cannot reach the S3 endpoint " + closed)) << message;
  EXPECT_TRUE(contains(message, "4 attempts")) << message;

  Fetch f;
  fetch(plugin(), manifest_urls("2025-01-01", 40), 65536, f);
  EXPECT_EQ(f.status, SSMD_ENV_ERROR);
  EXPECT_EQ(f.diagnostics.errors(), 1u);
  for (const auto &r : f.results) {
    EXPECT_EQ(r.calls, 1);
    EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  }
  EXPECT_LT(f.seconds, 5.0) << "the batch should stop once the endpoint is known to be unreachable";
}

TEST_F(S3rverTest, TheEndpointCanComeFromTheRepositoryConfiguration) {
  auto env = s3_environment(server_->endpoint(), k_key, k_secret);
  ScopedEnv no_env_endpoint{{"AWS_ENDPOINT_URL_S3", std::nullopt}};
  const_cast<LoadedPlugin &>(plugin()).set_config("s3.endpoint", server_->endpoint());
  Listing l;
  list(plugin(), url("kalshi/2024/02"), l);
  EXPECT_EQ(l.status, SSMD_OK) << l.diagnostics.dump();
  EXPECT_EQ(l.entries.size(), 28u); // February 2024 without its 29th

  const_cast<LoadedPlugin &>(plugin()).set_config("s3.max_keys", "5000");
  Listing bad;
  list(plugin(), url("kalshi/2024/02"), bad);
  EXPECT_EQ(bad.status, SSMD_FAILED);
  ASSERT_TRUE(bad.diagnostics.has_rule("s3/config")) << bad.diagnostics.dump();
  EXPECT_TRUE(contains(bad.diagnostics.find("s3/config")->message, "s3.max_keys"));
}
