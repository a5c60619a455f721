#include "retry.hpp"

#include <curl/curl.h>

#include <algorithm>

namespace ssmd::s3 {

bool retryable_status(long http_status) {
  if (http_status == 429) return true;
  // 501 Not Implemented and 505 HTTP Version Not Supported will not change on a second try.
  return http_status >= 500 && http_status <= 599 && http_status != 501 && http_status != 505;
}

bool retryable_transport(int curl_code) {
  switch (static_cast<CURLcode>(curl_code)) {
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_CONNECT:
  case CURLE_OPERATION_TIMEDOUT:
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
    return true;
  default:
    return false;
  }
}

std::chrono::milliseconds backoff_delay(const RetryPolicy &policy, long retry, double jitter) {
  long long ceiling = policy.base.count();
  for (long i = 1; i < retry && ceiling < policy.cap.count(); ++i) ceiling *= 2;
  ceiling = std::min<long long>(ceiling, policy.cap.count());
  jitter = std::clamp(jitter, 0.0, 1.0);
  return std::chrono::milliseconds(ceiling / 2 + static_cast<long long>(jitter * static_cast<double>(ceiling - ceiling / 2)));
}

} // namespace ssmd::s3
