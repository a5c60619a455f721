#include "s3_rules.hpp"

namespace ssmd::s3 {

std::vector<Rule> s3_rules() {
  const std::string readme = "https://github.com/ssmd/ssmd/blob/main/plugins/storage-s3/README.md";
  const std::string errors = "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html";
  constexpr auto E = SSMD_SEVERITY_ERROR;
  return {
      {"s3/access-denied", "Reports credentials S3 refuses (401 or 403, or an authentication error code).", errors, E,
       "access"},
      {"s3/bad-response", "Reports a ListObjectsV2 page that is not well-formed or not trustworthy.",
       "https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html", E, "response"},
      {"s3/bad-url", "Checks that a URL is s3://BUCKET/KEY with a valid bucket name, and that a fetch names an object.",
       "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html", E, "reference"},
      {"s3/config", "Checks that every s3.* setting and AWS_* variable is in range and well formed.", readme, E,
       "config"},
      {"s3/credentials", "Checks that AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set.", readme, E, "access"},
      {"s3/internal", "Reports a failure of the plugin itself (out of memory, no thread); never expected.", readme, E,
       "internal"},
      {"s3/no-such-bucket", "Reports a bucket S3 does not have (404 NoSuchBucket).", errors, E, "reference"},
      {"s3/not-found", "Reports an object S3 does not have (404), for that object only.", errors, E, "reference"},
      {"s3/request-failed", "Reports any other refusal (400, 301 PermanentRedirect, ...) with the server's code and "
                            "message.",
       errors, E, "response"},
      {"s3/server-error", "Reports a server that still answers 429 or 5xx after every retry.", errors, E,
       "connection"},
      {"s3/too-large", "Reports an object longer than the limit of the call; its transfer is aborted there.", readme,
       E, "response"},
      {"s3/unreachable", "Reports a server that could not be connected to, or did not answer in time, after every "
                         "retry.",
       readme, E, "connection"},
  };
}

} // namespace ssmd::s3
