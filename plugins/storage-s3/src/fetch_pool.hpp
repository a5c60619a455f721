// GetObject for many URLs at once, with a bounded number of requests in flight.
#pragma once

#include "s3_client.hpp"

#include <functional>
#include <string_view>
#include <vector>

namespace ssmd::s3 {

// Receives one result per URL. Calls are serialised by the pool, though they come from worker threads.
using FetchDone = std::function<void(size_t index, const Outcome &outcome, std::string_view content)>;

// Fetches `urls` (s3://bucket/key) with `client.settings().concurrency` workers, each on its own connection.
// `done` is called exactly once per URL. The first environment failure (access denied, endpoint unreachable,
// server failing) is returned; URLs not yet started then get that failure without a request, since every
// one of them would meet it too. Per-object failures (not found, too large, bad URL) do not stop the others.
Outcome fetch_all(const S3Client &client, const std::vector<std::string_view> &urls, uint64_t max_bytes,
                  const FetchDone &done);

} // namespace ssmd::s3
