// When a failed HTTP request of a bundled plugin is tried again, and how long it waits first: one policy for
// every plugin, with the few numbers a server's documentation asks for as parameters.
//
// Transient, so worth another try: failures to reach the server (a name lookup, a refused or reset
// connection, a connection dropped mid-answer) and the statuses that say "later": 429, 502, 503 and 504, plus
// those a server documents as passing (`RetryPolicy::also_retry`: S3's 500 InternalError, Vault's 412). A
// timeout is retried only where the caller asks. A request that is not idempotent (a POST) and may have
// reached the server is never sent again unless the caller says it may (`Request::may_retry`): only a
// failure that shows nothing was sent lets it go again.
#pragma once

#include <chrono>
#include <functional>
#include <vector>

namespace ssmd::net {

struct Request;
struct Response;

struct RetryPolicy {
  int max_attempts = 1; // tries, the first included
  // The wait before retry `n` (1 for the first retry); none when empty.
  std::function<std::chrono::milliseconds(int n)> backoff;
  std::vector<long> also_retry; // statuses this server documents as transient, beyond 429, 502, 503, 504
  bool retry_timeouts = false;  // whether an attempt that ran out of time is tried again
};

// True for 429, 502, 503, 504 and the policy's `also_retry`.
bool transient_status(long status, const RetryPolicy &policy);

// True for libcurl results (CURLcode values) that may pass: name lookups, refused or dropped connections,
// and timeouts when the policy retries them. Certificate failures are not among them.
bool transient_transport(int curl_code, const RetryPolicy &policy);

// Whether the attempt that gave `response` to `request` should be made again (attempts left aside).
bool should_retry(const Request &request, const Response &response, const RetryPolicy &policy);

// AWS's "exponential backoff with equal jitter": retry n waits between half and all of min(cap, base·2^(n-1)),
// so clients that failed together do not come back together. `jitter` is a number in [0, 1].
std::chrono::milliseconds exponential_backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, int n,
                                              double jitter);

// HashiCorp's "linear jitter" (the Vault client's): retry n waits n × unit × (1 + jitter/2), 1.0 to 1.5 units
// per retry. `jitter` is a number in [0, 1].
std::chrono::milliseconds linear_backoff(std::chrono::milliseconds unit, int n, double jitter);

// A number in [0, 1) from a generator of this thread's own.
double random_jitter();

} // namespace ssmd::net
