#include "s3_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <ctime>

namespace ssmd::s3 {

namespace {

// A ListObjectsV2 page of 1000 keys is well under 1 MiB; anything this large is not a listing.
constexpr uint64_t k_max_list_body = 32ull * 1024 * 1024;

// Error documents are small; a longer non-2xx body is cut here rather than kept in memory.
constexpr size_t k_max_error_body = 64 * 1024;

// Error codes that mean the credentials or their use were refused, whatever HTTP status carries them.
constexpr std::array<std::string_view, 11> k_auth_codes = {
    "AccessDenied",       "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken",     "ExpiredToken",
    "TokenRefreshRequired", "AuthorizationHeaderMalformed", "RequestTimeTooSkewed", "AccountProblem",
    "AllAccessDisabled",  "InvalidSecurity"};

// The server's trouble rather than the request's: throttling and 5xx, except 501 and 505, which say the
// request asked for something this server does not do.
bool server_trouble(long status) { return status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505); }

std::string attempts_text(long attempts) {
  return attempts == 1 ? "1 attempt" : std::to_string(attempts) + " attempts";
}

// "503 SlowDown: Please reduce your request rate." or "503" when the body says nothing.
std::string describe_answer(long status, const ErrorDocument &doc) {
  std::string text = std::to_string(status);
  if (!doc.code.empty()) text += " " + doc.code;
  if (!doc.message.empty()) text += ": " + doc.message.substr(0, 300);
  return text;
}

} // namespace

S3Client::S3Client(Settings settings) : settings_(std::move(settings)) {}

net::Request S3Client::signed_request(const std::string &bucket, const std::string &key,
                                      const std::vector<QueryParam> &query, uint64_t max_body) const {
  SigningRequest sr;
  sr.method = "GET";
  sr.canonical_uri = uri_encode_path(bucket, key);
  sr.query = query;
  sr.payload_hash = std::string(k_empty_payload_sha256);
  sr.amz_date = amz_date(std::time(nullptr));
  sr.region = settings_.region;
  sr.headers = {{"host", settings_.endpoint.authority},
                {"x-amz-content-sha256", sr.payload_hash},
                {"x-amz-date", sr.amz_date}};
  if (!settings_.credentials.session_token.empty())
    sr.headers.push_back({"x-amz-security-token", settings_.credentials.session_token});
  SignedRequest signed_request = sign_v4(sr, settings_.credentials);

  net::Request request;
  std::string query_text = canonical_query(query);
  request.url = settings_.endpoint.base_url() + sr.canonical_uri + (query_text.empty() ? "" : "?" + query_text);
  sr.headers[0].name = "Host"; // the value libcurl would send, set explicitly so it is the one signed
  for (const Header &h : sr.headers) request.headers.push_back(h.name + ": " + h.value);
  request.headers.push_back("Authorization: " + signed_request.authorization);
  request.max_body = max_body;
  request.error_body_cut = k_max_error_body;
  request.connect_timeout_ms = settings_.connect_timeout_ms;
  request.timeout_ms = settings_.timeout_ms;
  request.path_as_is = true; // keep "/./" and "/../" in keys: the signature covers them
  request.user_agent = "ssmd-storage-s3/0.1.0";
  return request;
}

net::RetryPolicy S3Client::retry_policy() const {
  net::RetryPolicy policy;
  policy.max_attempts = static_cast<int>(settings_.max_attempts);
  policy.backoff = [base = std::chrono::milliseconds(settings_.retry_base_ms),
                    cap = std::chrono::milliseconds(settings_.retry_cap_ms)](int n) {
    return net::exponential_backoff(base, cap, n, net::random_jitter());
  };
  policy.also_retry = {500}; // InternalError: AWS asks clients to retry it
  policy.retry_timeouts = true; // every request is a GET
  return policy;
}

net::Response S3Client::perform(HttpClient &http, const std::string &bucket, const std::string &key,
                                const std::vector<QueryParam> &query, uint64_t max_body) const {
  // Signed anew on every attempt: x-amz-date must stay within minutes of the server's clock.
  return http.send([&](int) { return signed_request(bucket, key, query, max_body); }, retry_policy());
}

std::string S3Client::redact(std::string text) const {
  for (const std::string *secret : {&settings_.credentials.secret_access_key, &settings_.credentials.session_token}) {
    if (secret->empty()) continue;
    for (size_t at = text.find(*secret); at != std::string::npos; at = text.find(*secret, at))
      text.replace(at, secret->size(), "[redacted]");
  }
  return text;
}

Outcome S3Client::failure(const net::Response &r, const std::string &bucket, const std::string &what,
                          uint64_t max_body) const {
  const std::string endpoint = settings_.endpoint.base_url();
  const std::string tries = attempts_text(r.attempts);
  Outcome out;
  if (r.too_large) {
    out = {SSMD_FAILED, "s3/too-large", what + " is larger than the limit of " + std::to_string(max_body) + " bytes"};
  } else if (r.curl_code == CURLE_OPERATION_TIMEDOUT) {
    out = {SSMD_ENV_ERROR, "s3/unreachable",
           "the S3 endpoint " + endpoint + " did not answer for " + what + " within " +
               std::to_string(settings_.timeout_ms) + " ms (" + tries + "): " + r.error};
  } else if (r.curl_code) {
    out = {SSMD_ENV_ERROR, "s3/unreachable",
           "cannot reach the S3 endpoint " + endpoint + " for " + what + ": " + r.error + " (" + tries +
               "); check AWS_ENDPOINT_URL_S3 or s3.endpoint"};
  } else {
    ErrorDocument doc = parse_error_document(r.body);
    bool auth_code = std::find(k_auth_codes.begin(), k_auth_codes.end(), doc.code) != k_auth_codes.end();
    if (r.status == 401 || r.status == 403 || auth_code) {
      out = {SSMD_ENV_ERROR, "s3/access-denied",
             "access denied to " + what + " by " + endpoint + " (" + describe_answer(r.status, doc) +
                 "); check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN"};
    } else if (r.status == 404 && doc.code == "NoSuchBucket") {
      out = {SSMD_FAILED, "s3/no-such-bucket", "the bucket '" + bucket + "' does not exist at " + endpoint};
    } else if (r.status == 404) {
      out = {SSMD_FAILED, "s3/not-found", what + " not found"};
    } else if (server_trouble(r.status)) {
      out = {SSMD_ENV_ERROR, "s3/server-error",
             "the S3 endpoint " + endpoint + " kept failing for " + what + " (" + describe_answer(r.status, doc) +
                 ", " + tries + ")"};
    } else {
      out = {SSMD_FAILED, "s3/request-failed",
             "the S3 endpoint " + endpoint + " refused " + what + " (" + describe_answer(r.status, doc) + ")"};
    }
  }
  out.message = redact(out.message);
  return out;
}

Outcome S3Client::get(HttpClient &http, const std::string &bucket, const std::string &key, uint64_t max_bytes,
                      std::string &content) const {
  const std::string what = "s3://" + bucket + "/" + key;
  net::Response r = perform(http, bucket, key, {}, max_bytes);
  if (r.ok()) {
    content = std::move(r.body);
    return {};
  }
  return failure(r, bucket, what, max_bytes);
}

Outcome S3Client::list(HttpClient &http, const std::string &bucket, const std::string &prefix,
                       const std::function<void(const ListedObject &)> &emit) const {
  const std::string what = "s3://" + bucket + "/" + prefix;
  std::string token;
  for (size_t page_number = 1;; ++page_number) {
    std::vector<QueryParam> query = {{"list-type", "2"}, {"max-keys", std::to_string(settings_.max_keys)}};
    if (!prefix.empty()) query.push_back({"prefix", prefix});
    if (!token.empty()) query.push_back({"continuation-token", token});

    net::Response r = perform(http, bucket, "", query, k_max_list_body);
    if (!r.ok()) return failure(r, bucket, what, k_max_list_body);

    std::string error;
    std::optional<ListPage> page = parse_list_page(r.body, error);
    if (!page)
      return {SSMD_ENV_ERROR, "s3/bad-response",
              redact("the S3 endpoint " + settings_.endpoint.base_url() + " sent a malformed ListObjectsV2 page " +
                     std::to_string(page_number) + " for " + what + ": " + error)};
    for (const auto &object : page->objects) emit(object);
    if (!page->truncated) return {};
    if (page->next_token == token)
      return {SSMD_ENV_ERROR, "s3/bad-response",
              "the S3 endpoint " + settings_.endpoint.base_url() + " returned the same continuation token twice for " +
                  what + " (page " + std::to_string(page_number) + "); stopping instead of looping"};
    token = page->next_token;
  }
}

} // namespace ssmd::s3
