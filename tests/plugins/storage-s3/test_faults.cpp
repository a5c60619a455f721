// Retries, timeouts and malformed answers, against fault_server.js: an S3 look-alike that answers 503 then
// 200, 429, 500 forever, slowly, with bodies of no declared length, or with XML that cannot be trusted.
#include "plugin_calls.hpp"
#include "test_servers.hpp"

#include <gtest/gtest.h>

using namespace ssmd::test;
using namespace ssmd::test::s3;

namespace {

const LoadedPlugin &plugin() {
  static LoadedPlugin loaded(STORAGE_S3_PLUGIN); // a path, so the suite needs no SSMD_BUILD_DIR
  return loaded;
}

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

class FaultTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { server_ = start_fault_server().release(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  ScopedEnv env_ = s3_environment(server_->endpoint(), "AKIAFAULTS", "fault-secret");

  FetchedObject fetch_one(const std::string &key, uint64_t max_bytes = 65536) {
    Fetch f;
    fetch(plugin(), {"s3://faults/" + key}, max_bytes, f);
    EXPECT_EQ(f.results[0].calls, 1);
    status_ = f.status;
    diagnostics_ = f.diagnostics.dump();
    return f.results[0];
  }
  int attempts(const std::string &key) { return fault_attempts(*server_, "/faults/" + key); }

  ssmd_status status_ = SSMD_OK;
  std::string diagnostics_;
  static NodeServer *server_;
};
NodeServer *FaultTest::server_ = nullptr;

} // namespace

TEST_F(FaultTest, RetriesSlowDownThenSucceeds) {
  FetchedObject r = fetch_one("flaky-503/2/object");
  EXPECT_EQ(r.status, SSMD_OK) << r.error;
  EXPECT_EQ(r.content, "attempt 3");
  EXPECT_EQ(attempts("flaky-503/2/object"), 3);
  EXPECT_EQ(status_, SSMD_OK);
}

TEST_F(FaultTest, RetriesTooManyRequestsThenSucceeds) {
  FetchedObject r = fetch_one("flaky-429/1/object");
  EXPECT_EQ(r.status, SSMD_OK) << r.error;
  EXPECT_EQ(r.content, "attempt 2");
  EXPECT_EQ(attempts("flaky-429/1/object"), 2);
}

TEST_F(FaultTest, GivesUpAfterMaxAttemptsOnServerErrors) {
  ScopedEnv three{{"SSMD_S3_MAX_ATTEMPTS", "3"}};
  FetchedObject r = fetch_one("always-500/object");
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(contains(r.error, "500 InternalError")) << r.error;
  EXPECT_TRUE(contains(r.error, "3 attempts")) << r.error;
  EXPECT_EQ(attempts("always-500/object"), 3);
  EXPECT_EQ(status_, SSMD_ENV_ERROR);
  EXPECT_TRUE(contains(diagnostics_, "[s3/server-error]")) << diagnostics_;
}

TEST_F(FaultTest, ASlowDownThatOutlastsTheAttemptsIsReported) {
  ScopedEnv two{{"SSMD_S3_MAX_ATTEMPTS", "2"}};
  FetchedObject r = fetch_one("flaky-503/5/object");
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(contains(r.error, "503 SlowDown")) << r.error;
  EXPECT_EQ(attempts("flaky-503/5/object"), 2);
}

TEST_F(FaultTest, DoesNotRetryAccessDenied) {
  FetchedObject r = fetch_one("deny/object");
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(contains(r.error, "access denied")) << r.error;
  EXPECT_EQ(attempts("deny/object"), 1);
  EXPECT_TRUE(contains(diagnostics_, "[s3/access-denied]")) << diagnostics_;
}

TEST_F(FaultTest, DoesNotRetryNotFoundOrABadRequest) {
  FetchedObject missing = fetch_one("missing/object");
  EXPECT_EQ(missing.status, SSMD_FAILED);
  EXPECT_EQ(missing.error, "s3://faults/missing/object not found");
  EXPECT_EQ(attempts("missing/object"), 1);
  EXPECT_EQ(status_, SSMD_OK); // one missing object is that object's failure, not the call's

  FetchedObject bad = fetch_one("bad-request/object");
  EXPECT_EQ(bad.status, SSMD_FAILED);
  EXPECT_TRUE(contains(bad.error, "400 InvalidArgument")) << bad.error;
  EXPECT_EQ(attempts("bad-request/object"), 1);
}

TEST_F(FaultTest, ASlowAnswerTimesOut) {
  ScopedEnv quick{{"SSMD_S3_TIMEOUT_MS", "300"}, {"SSMD_S3_MAX_ATTEMPTS", "2"}};
  auto started = std::chrono::steady_clock::now();
  FetchedObject r = fetch_one("slow/3000/object");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(contains(r.error, "did not answer")) << r.error;
  EXPECT_TRUE(contains(r.error, "within 300 ms (2 attempts)")) << r.error;
  EXPECT_EQ(attempts("slow/3000/object"), 2); // a timeout may pass, so it is retried
  EXPECT_LT(seconds, 2.5);

  FetchedObject fine = fetch_one("slow/50/object");
  EXPECT_EQ(fine.status, SSMD_OK) << fine.error;
}

TEST_F(FaultTest, MaxBytesStopsABodyOfUndeclaredLength) {
  FetchedObject big = fetch_one("chunked/100000/object", 1000);
  EXPECT_EQ(big.status, SSMD_FAILED);
  EXPECT_TRUE(contains(big.error, "larger than the limit of 1000 bytes")) << big.error;
  EXPECT_EQ(attempts("chunked/100000/object"), 1);
  FetchedObject fits = fetch_one("chunked/100000/other", 100000);
  EXPECT_EQ(fits.status, SSMD_OK) << fits.error;
  EXPECT_EQ(fits.content.size(), 100000u);
}

TEST_F(FaultTest, AnEnvironmentFailureStopsTheRestOfTheBatch) {
  ScopedEnv one_worker{{"SSMD_S3_CONCURRENCY", "1"}};
  std::vector<std::string> urls;
  for (int i = 0; i < 20; ++i) urls.push_back("s3://faults/deny/batch-" + std::to_string(i));
  Fetch f;
  fetch(plugin(), urls, 65536, f);
  EXPECT_EQ(f.status, SSMD_ENV_ERROR);
  EXPECT_EQ(f.diagnostics.errors(), 1u) << f.diagnostics.dump();
  for (const auto &r : f.results) {
    EXPECT_EQ(r.calls, 1);
    EXPECT_EQ(r.status, SSMD_ENV_ERROR);
  }
  EXPECT_TRUE(contains(f.results[19].error, "not requested: access denied")) << f.results[19].error;
  EXPECT_EQ(attempts("deny/batch-0"), 1);
  EXPECT_EQ(attempts("deny/batch-19"), 0);
}

TEST_F(FaultTest, ListingRetriesSlowDown) {
  Listing l;
  list(plugin(), "s3://flaky-list", l);
  EXPECT_EQ(l.status, SSMD_OK) << l.diagnostics.dump();
  EXPECT_EQ(l.entries.size(), 2u);
  EXPECT_EQ(fault_attempts(*server_, "/flaky-list"), 2);
}

TEST_F(FaultTest, MalformedListingsAreReportedWithTheirPosition) {
  Listing garbage, no_token;
  list(plugin(), "s3://garbage-list/a", garbage);
  EXPECT_EQ(garbage.status, SSMD_ENV_ERROR);
  ASSERT_TRUE(garbage.diagnostics.has_rule("s3/bad-response")) << garbage.diagnostics.dump();
  EXPECT_TRUE(contains(garbage.diagnostics.find("s3/bad-response")->message, "malformed XML at line 1, column"));

  list(plugin(), "s3://untruncated-token/a", no_token);
  EXPECT_EQ(no_token.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(contains(no_token.diagnostics.dump(), "no <NextContinuationToken>")) << no_token.diagnostics.dump();
}

TEST_F(FaultTest, ARepeatedContinuationTokenStopsTheListing) {
  Listing l;
  list(plugin(), "s3://loop-list/a", l);
  EXPECT_EQ(l.status, SSMD_ENV_ERROR);
  EXPECT_TRUE(contains(l.diagnostics.dump(), "same continuation token twice")) << l.diagnostics.dump();
  EXPECT_EQ(fault_attempts(*server_, "/loop-list"), 2);
}

TEST_F(FaultTest, ListingAGoneBucketFails) {
  Listing l;
  list(plugin(), "s3://gone-bucket/a", l);
  EXPECT_EQ(l.status, SSMD_FAILED);
  EXPECT_TRUE(l.diagnostics.has_rule("s3/no-such-bucket")) << l.diagnostics.dump();
}
