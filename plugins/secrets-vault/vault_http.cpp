#include "vault_http.hpp"

#include <curl/curl.h>

#include <chrono>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

namespace ssmd::vault {

namespace {
constexpr size_t kInitialBody = 64u << 10;

struct CurlFree {
  void operator()(CURL *curl) const { curl_easy_cleanup(curl); }
};
struct SlistFree {
  void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Appends to the body without letting std::string reallocate on its own: a larger buffer is taken, the
// bytes copied, and the old one wiped as it is replaced.
size_t on_body(char *data, size_t size, size_t count, void *ctx) {
  auto *result = static_cast<HttpResult *>(ctx);
  secrets::SecretText *body = &result->body;
  size_t n = size * count;
  if (body->size() + n > kMaxBody) {
    result->overflowed = true;
    return 0; // aborts the transfer
  }
  std::string &text = body->str();
  if (text.size() + n > text.capacity()) {
    secrets::SecretText bigger(std::max(text.capacity() * 2, text.size() + n));
    bigger.str().assign(text);
    *body = std::move(bigger);
  }
  body->str().append(data, n);
  return n;
}

size_t on_header(char *data, size_t size, size_t count, void *ctx) {
  std::string_view line(data, size * count);
  if (line.size() > 9 && strncasecmp(line.data(), "location:", 9) == 0) {
    std::string_view value = line.substr(9);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
    *static_cast<std::string *>(ctx) = std::string(value);
  }
  return size * count;
}

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

bool retryable_transport(CURLcode code) {
  switch (code) {
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_CONNECT:
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
    return true;
  default:
    return false;
  }
}

bool tls_failure(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR || code == CURLE_SSL_CACERT_BADFILE ||
         code == CURLE_SSL_CERTPROBLEM || code == CURLE_SSL_ISSUER_ERROR;
}

bool retryable_status(long status) { return status == 412 || (status >= 500 && status != 501); }

// One request. Returns libcurl's code; fills status, body and location. The token header is built in a
// wiped buffer; libcurl's copy of the list is freed with it (curl_slist_free_all does not wipe, which is
// why the list lives no longer than the request).
CURLcode perform(const VaultSettings &s, const HttpRequest &request, const std::string &url,
                 const std::string &ca_bundle, HttpResult &result) {
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return CURLE_FAILED_INIT;
  char error[CURL_ERROR_SIZE] = "";
  curl_slist *list = curl_slist_append(nullptr, "X-Vault-Request: true");
  std::unique_ptr<curl_slist, SlistFree> headers(list);
  curl_slist_append(list, "Accept: application/json");
  if (!request.token.empty()) {
    secrets::SecretText header(16 + request.token.size());
    header.str() = "X-Vault-Token: ";
    header.str().append(request.token);
    curl_slist_append(list, header.str().c_str());
  }
  if (!s.ns.empty()) curl_slist_append(list, ("X-Vault-Namespace: " + s.ns).c_str());
  if (request.body) curl_slist_append(list, "Content-Type: application/json");

  CURL *c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  if (request.body) {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body->view().data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body->size()));
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, s.timeout_ms);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "ssmd-secrets-vault/1.0");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &result);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &result.location);
  curl_easy_setopt(c, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, s.skip_verify ? 0L : 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, s.skip_verify ? 0L : 2L);
  if (!s.ca_file.empty()) {
    curl_easy_setopt(c, CURLOPT_CAINFO, s.ca_file.c_str());
  } else if (!ca_bundle.empty()) {
    curl_blob blob{const_cast<char *>(ca_bundle.data()), ca_bundle.size(), CURL_BLOB_COPY};
    curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &blob);
  }
  // Plain http is only ever to loopback: a proxy from the environment must not carry the token elsewhere.
  if (s.plain_http) curl_easy_setopt(c, CURLOPT_PROXY, "");

  result.body = secrets::SecretText(kInitialBody);
  result.overflowed = false;
  result.location.clear();
  CURLcode code = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &result.status);
  result.error = error[0] ? error : curl_easy_strerror(code);
  return code;
}

std::chrono::milliseconds backoff(int attempt) {
  static std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> jitter(1000, 1500);
  return std::chrono::milliseconds(attempt * jitter(random));
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
  global_init();
  const std::string url = s.address + request.path;
  const std::string ca_bundle = s.ca_file.empty() && !s.ca_path.empty() ? read_ca_directory(s.ca_path) : "";
  for (int attempt = 0;; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(backoff(attempt));
    result.attempts = attempt + 1;
    CURLcode code = perform(s, request, url, ca_bundle, result);
    bool retry;
    if (code == CURLE_OK) {
      result.outcome = HttpResult::Outcome::Response;
      retry = retryable_status(result.status);
    } else if (code == CURLE_WRITE_ERROR && result.overflowed) {
      // on_body refused the next piece: the answer would have passed kMaxBody. Not a network failure.
      result.outcome = HttpResult::Outcome::TooLarge;
      result.error = "the answer is larger than " + std::to_string(kMaxBody >> 20) + " MiB";
      retry = false;
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
      result.outcome = HttpResult::Outcome::Timeout;
      retry = false;
    } else {
      result.outcome = tls_failure(code) ? HttpResult::Outcome::TlsFailure : HttpResult::Outcome::Unreachable;
      retry = retryable_transport(code);
    }
    if (!retry || attempt >= s.max_retries) return result;
  }
}

} // namespace ssmd::vault
