// When a failed S3 request is tried again, and how long to wait first.
//
// Retried: transport failures that may pass (refused or reset connections, timeouts, name lookups) and
// answers that say "later" (429 and 5xx, which include 503 SlowDown). Not retried: every other 4xx, since
// the same request would get the same answer.
#pragma once

#include <chrono>

namespace ssmd::s3 {

struct RetryPolicy {
  long max_attempts = 4; // tries per request, the first included
  std::chrono::milliseconds base{100};
  std::chrono::milliseconds cap{5000};
};

// True for HTTP statuses worth another try.
bool retryable_status(long http_status);

// True for libcurl results (CURLcode values) worth another try.
bool retryable_transport(int curl_code);

// The wait before retry number `retry` (1 for the first retry): exponential, capped, with "equal jitter" so
// clients that failed together do not come back together. `jitter` is a number in [0, 1).
std::chrono::milliseconds backoff_delay(const RetryPolicy &policy, long retry, double jitter);

} // namespace ssmd::s3
