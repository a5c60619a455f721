#include "retry.hpp"

#include "http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <random>

namespace ssmd::net {

namespace {

// Results that say the request never reached a server: nothing was sent, so any request may go again.
bool unsent(int curl_code) {
  return curl_code == CURLE_COULDNT_RESOLVE_HOST || curl_code == CURLE_COULDNT_CONNECT;
}

} // namespace

bool transient_status(long status, const RetryPolicy &policy) {
  if (status == 429 || status == 502 || status == 503 || status == 504) return true;
  return std::find(policy.also_retry.begin(), policy.also_retry.end(), status) != policy.also_retry.end();
}

bool transient_transport(int curl_code, const RetryPolicy &policy) {
  switch (static_cast<CURLcode>(curl_code)) {
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_CONNECT:
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
    return true;
  case CURLE_OPERATION_TIMEDOUT:
    return policy.retry_timeouts;
  default:
    return false;
  }
}

bool should_retry(const Request &request, const Response &response, const RetryPolicy &policy) {
  if (response.bad_header || response.too_large) return false;
  const bool again_is_harmless = request.idempotent() || request.may_retry;
  if (response.curl_code != CURLE_OK) {
    if (!transient_transport(response.curl_code, policy)) return false;
    return again_is_harmless || unsent(response.curl_code) || !response.sent;
  }
  return again_is_harmless && transient_status(response.status, policy);
}

std::chrono::milliseconds exponential_backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, int n,
                                              double jitter) {
  long long ceiling = base.count();
  for (int i = 1; i < n && ceiling < cap.count(); ++i) ceiling *= 2;
  ceiling = std::min<long long>(ceiling, cap.count());
  jitter = std::clamp(jitter, 0.0, 1.0);
  return std::chrono::milliseconds(ceiling / 2 + static_cast<long long>(jitter * static_cast<double>(ceiling - ceiling / 2)));
}

std::chrono::milliseconds linear_backoff(std::chrono::milliseconds unit, int n, double jitter) {
  jitter = std::clamp(jitter, 0.0, 1.0);
  return std::chrono::milliseconds(
      static_cast<long long>(static_cast<double>(n) * static_cast<double>(unit.count()) * (1.0 + jitter / 2)));
}

double random_jitter() {
  thread_local std::mt19937 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

} // namespace ssmd::net
