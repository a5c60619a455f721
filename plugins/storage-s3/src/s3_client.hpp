// The two S3 operations the plugin needs, signed, retried and with their failures explained:
// ListObjectsV2 across all pages, and GetObject with a size limit.
#pragma once

#include "http.hpp"
#include "s3_responses.hpp"
#include "settings.hpp"

#include <ssmd/plugin.h>

#include <cstdint>
#include <functional>
#include <string>

namespace ssmd::s3 {

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
  struct Attempted {
    HttpResponse response;
    long attempts = 0;
  };

  // Sends a signed GET, again after a backoff while the failure is retryable and attempts remain.
  Attempted perform(HttpClient &http, const std::string &bucket, const std::string &key,
                    const std::vector<QueryParam> &query, uint64_t max_body) const;
  HttpRequest signed_request(const std::string &bucket, const std::string &key, const std::vector<QueryParam> &query,
                             uint64_t max_body) const;
  // Explains a request that did not succeed; `what` is the s3:// URL it was about.
  Outcome failure(const Attempted &attempted, const std::string &bucket, const std::string &what,
                  uint64_t max_body) const;
  // Replaces any credential secret in `text`, so no server echo can leak one into a message.
  std::string redact(std::string text) const;

  Settings settings_;
};

} // namespace ssmd::s3
