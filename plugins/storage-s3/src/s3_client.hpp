// The two S3 operations the plugin needs, signed, retried and with their failures explained:
// ListObjectsV2 across all pages, and GetObject with a size limit.
#pragma once

#include "s3_responses.hpp"
#include "settings.hpp"

#include <ssmd/plugin.h>
#include <ssmd_net/http.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace ssmd::s3 {

// One connection to the endpoint (plugins/common/ssmd_net); one per thread.
using HttpClient = net::HttpClient;

// How one operation ended. `rule` and `message` are empty on success; the message never holds a secret.
struct Outcome {
  ssmd_status status = SSMD_OK;
  std::string rule;    // "s3/access-denied", "s3/unreachable", "s3/not-found", ...
  std::string message; // one sentence that names the object and the endpoint
};

class S3Client {
public:
  explicit S3Client(Settings settings);

  // Lists every object whose key starts with `prefix`, page by page, and calls `emit` for each in key order.
  Outcome list(HttpClient &http, const std::string &bucket, const std::string &prefix,
               const std::function<void(const ListedObject &)> &emit) const;

  // Reads one object into `content`. An object longer than `max_bytes` fails with "s3/too-large".
  Outcome get(HttpClient &http, const std::string &bucket, const std::string &key, uint64_t max_bytes,
              std::string &content) const;

  const Settings &settings() const { return settings_; }

private:
  // Sends a signed GET, again after a backoff while the failure is transient and attempts remain.
  net::Response perform(HttpClient &http, const std::string &bucket, const std::string &key,
                        const std::vector<QueryParam> &query, uint64_t max_body) const;
  net::Request signed_request(const std::string &bucket, const std::string &key, const std::vector<QueryParam> &query,
                              uint64_t max_body) const;
  // When a request is tried again: plugins/common's policy, with S3's numbers (see README.md, "Retries").
  net::RetryPolicy retry_policy() const;
  // Explains a request that did not succeed; `what` is the s3:// URL it was about.
  Outcome failure(const net::Response &response, const std::string &bucket, const std::string &what,
                  uint64_t max_body) const;
  // Replaces any credential secret in `text`, so no server echo can leak one into a message.
  std::string redact(std::string text) const;

  Settings settings_;
};

} // namespace ssmd::s3
