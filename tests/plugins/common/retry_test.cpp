// plugins/common/ssmd_net/retry: which failures are transient, and the two backoffs, as pure functions.
#include <ssmd_net/http.hpp>

#include <curl/curl.h>
#include <gtest/gtest.h>

using namespace ssmd;
using ms = std::chrono::milliseconds;

TEST(RetryPolicy, TransientStatusesAreThoseThatSayLater) {
  net::RetryPolicy policy;
  for (long status : {429L, 502L, 503L, 504L}) EXPECT_TRUE(net::transient_status(status, policy)) << status;
  for (long status : {200L, 301L, 400L, 401L, 403L, 404L, 409L, 412L, 500L, 501L, 505L})
    EXPECT_FALSE(net::transient_status(status, policy)) << status;
  policy.also_retry = {500, 412};
  EXPECT_TRUE(net::transient_status(500, policy));
  EXPECT_TRUE(net::transient_status(412, policy));
  EXPECT_FALSE(net::transient_status(501, policy));
}

TEST(RetryPolicy, TransientTransportFailuresAreThoseThatMayPass) {
  net::RetryPolicy policy;
  for (CURLcode code : {CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
                        CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE})
    EXPECT_TRUE(net::transient_transport(code, policy)) << code;
  for (CURLcode code : {CURLE_OK, CURLE_WRITE_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR,
                        CURLE_URL_MALFORMAT, CURLE_OPERATION_TIMEDOUT})
    EXPECT_FALSE(net::transient_transport(code, policy)) << code;
  policy.retry_timeouts = true;
  EXPECT_TRUE(net::transient_transport(CURLE_OPERATION_TIMEDOUT, policy));
}

TEST(RetryPolicy, APostThatMayHaveArrivedGoesAgainOnlyWhenTheCallerSaysSo) {
  net::RetryPolicy policy;
  net::Request post;
  post.method = "POST";
  net::Response unavailable;
  unavailable.status = 503;
  unavailable.sent = true;
  EXPECT_FALSE(net::should_retry(post, unavailable, policy));
  net::Response dropped;
  dropped.curl_code = CURLE_RECV_ERROR;
  dropped.sent = true;
  EXPECT_FALSE(net::should_retry(post, dropped, policy));
  net::Response refused;
  refused.curl_code = CURLE_COULDNT_CONNECT;
  EXPECT_TRUE(net::should_retry(post, refused, policy)) << "nothing reached the server";
  post.may_retry = true;
  EXPECT_TRUE(net::should_retry(post, unavailable, policy));
  EXPECT_TRUE(net::should_retry(post, dropped, policy));

  net::Request get;
  EXPECT_TRUE(net::should_retry(get, unavailable, policy));
  net::Response too_large;
  too_large.status = 200;
  too_large.too_large = true;
  EXPECT_FALSE(net::should_retry(get, too_large, policy)) << "the same answer would come again";
}

TEST(RetryPolicy, ExponentialBackoffDoublesWithinJitterAndStopsAtTheCap) {
  const ms base(100), cap(1000);
  EXPECT_EQ(net::exponential_backoff(base, cap, 1, 0.0), ms(50));
  EXPECT_EQ(net::exponential_backoff(base, cap, 1, 0.999), ms(99));
  EXPECT_EQ(net::exponential_backoff(base, cap, 2, 0.0), ms(100));
  EXPECT_EQ(net::exponential_backoff(base, cap, 3, 0.5), ms(300));
  EXPECT_EQ(net::exponential_backoff(base, cap, 4, 0.0), ms(400));
  EXPECT_EQ(net::exponential_backoff(base, cap, 5, 1.0), ms(1000));
  EXPECT_EQ(net::exponential_backoff(base, cap, 60, 1.0), ms(1000)); // no overflow however long it goes on
  EXPECT_EQ(net::exponential_backoff(base, cap, 60, 0.0), ms(500));
}

TEST(RetryPolicy, LinearBackoffWaitsOneToOneAndAHalfUnitsPerRetry) {
  const ms unit(1000);
  EXPECT_EQ(net::linear_backoff(unit, 1, 0.0), ms(1000));
  EXPECT_EQ(net::linear_backoff(unit, 1, 1.0), ms(1500));
  EXPECT_EQ(net::linear_backoff(unit, 2, 0.5), ms(2500));
  EXPECT_EQ(net::linear_backoff(unit, 3, 0.0), ms(3000));
  for (int i = 0; i < 100; ++i) {
    double j = net::random_jitter();
    EXPECT_GE(j, 0.0);
    EXPECT_LT(j, 1.0);
  }
}
