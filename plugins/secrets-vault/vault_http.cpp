#include "vault_http.hpp"

#include <curl/curl.h>
#include <ssmd_net/http.hpp>

#include <dirent.h>
#include <fstream>
#include <memory>
#include <sstream>

namespace ssmd::vault {

namespace {
constexpr size_t kInitialBody = 64u << 10;

// Keeps the answer in wiped memory, growing it without letting std::string reallocate on its own: a larger
// buffer is taken, the bytes copied, and the old one wiped as it is replaced.
class SecretSink : public net::BodySink {
public:
  explicit SecretSink(secrets::SecretText &body) : body_(body) {}
  void clear() override { body_ = secrets::SecretText(kInitialBody); }
  void append(std::string_view bytes) override {
    std::string &text = body_.str();
    if (text.size() + bytes.size() > text.capacity()) {
      secrets::SecretText bigger(std::max(text.capacity() * 2, text.size() + bytes.size()));
      bigger.str().assign(text);
      body_ = std::move(bigger);
    }
    body_.str().append(bytes);
  }

private:
  secrets::SecretText &body_;
};

// VAULT_CAPATH is a directory of PEM files, used as Vault uses it: every file is read, no hashed names needed.
std::string read_ca_directory(const std::string &dir) {
  std::string bundle;
  std::unique_ptr<DIR, int (*)(DIR *)> handle(opendir(dir.c_str()), closedir);
  if (!handle) return bundle;
  while (dirent *entry = readdir(handle.get())) {
    if (entry->d_name[0] == '.') continue;
    std::ifstream in(dir + "/" + entry->d_name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    bundle += text.str() + "\n";
  }
  return bundle;
}

bool tls_failure(int code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR || code == CURLE_SSL_CACERT_BADFILE ||
         code == CURLE_SSL_CERTPROBLEM || code == CURLE_SSL_ISSUER_ERROR;
}

// plugins/common's policy with the Vault client's numbers: VAULT_MAX_RETRIES retries, linear jittered backoff,
// 412 (the server has not caught up with the client's index yet) and 500 transient too. A timeout is not
// retried: VAULT_CLIENT_TIMEOUT bounds the whole wait.
net::RetryPolicy retry_policy(const VaultSettings &s) {
  net::RetryPolicy policy;
  policy.max_attempts = s.max_retries + 1;
  policy.backoff = [](int n) { return net::linear_backoff(std::chrono::milliseconds(1000), n, net::random_jitter()); };
  policy.also_retry = {412, 500};
  return policy;
}

// The request's header lines. The token's is built at its final size, so no reallocation leaves a copy
// behind; the request wipes its lines, and libcurl's copies, when it is done.
std::vector<std::string> headers_of(const VaultSettings &s, const HttpRequest &request) {
  std::vector<std::string> lines = {"X-Vault-Request: true", "Accept: application/json"};
  if (!request.token.empty()) {
    std::string line;
    line.reserve(16 + request.token.size());
    line.append("X-Vault-Token: ").append(request.token);
    lines.push_back(std::move(line));
  }
  if (!s.ns.empty()) lines.push_back("X-Vault-Namespace: " + s.ns);
  if (request.body) lines.push_back("Content-Type: application/json");
  return lines;
}

} // namespace

HttpResult vault_request(const VaultSettings &s, const HttpRequest &request) {
  HttpResult result;
  // A header value with CR or LF would end its header and start another: refuse it before anything is sent.
  if (!header_safe(request.token) || !header_safe(s.ns)) {
    result.outcome = HttpResult::Outcome::BadHeader;
    result.error = !header_safe(request.token) ? "the Vault token holds a control character"
                                               : "the namespace holds a control character";
    return result;
  }
  net::Request r;
  r.method = request.method;
  r.url = s.address + request.path;
  r.headers = headers_of(s, request);
  if (request.body) r.body = request.body->view(); // not copied: the caller's wiped buffer stays the only copy
  r.may_retry = true; // Vault's POSTs are logins, which the Vault client sends again too
  r.timeout_ms = s.timeout_ms;
  r.max_body = kMaxBody;
  // Plain http is only ever to loopback: a proxy from the environment must not carry the token elsewhere.
  r.no_proxy = s.plain_http;
  r.tls.verify = !s.skip_verify;
  r.tls.ca_file = s.ca_file;
  if (s.ca_file.empty() && !s.ca_path.empty()) r.tls.ca_pem = read_ca_directory(s.ca_path);
  r.user_agent = "ssmd-secrets-vault/1.0";
  SecretSink sink(result.body);
  r.sink = &sink;

  net::HttpClient http;
  net::Response response = http.send(r, retry_policy(s));
  result.status = response.status;
  result.location = std::move(response.location);
  result.error = std::move(response.error);
  result.attempts = response.attempts;
  result.overflowed = response.too_large;
  if (response.bad_header) result.outcome = HttpResult::Outcome::BadHeader;
  else if (response.too_large) {
    result.outcome = HttpResult::Outcome::TooLarge;
    result.error = "the answer is larger than " + std::to_string(kMaxBody >> 20) + " MiB";
  } else if (response.curl_code == CURLE_OK) result.outcome = HttpResult::Outcome::Response;
  else if (response.curl_code == CURLE_OPERATION_TIMEDOUT) result.outcome = HttpResult::Outcome::Timeout;
  else if (tls_failure(response.curl_code)) result.outcome = HttpResult::Outcome::TlsFailure;
  else result.outcome = HttpResult::Outcome::Unreachable;
  return result;
}

} // namespace ssmd::vault
