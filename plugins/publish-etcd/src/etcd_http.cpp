#include "etcd_http.hpp"

#include <curl/curl.h>
#include <openssl/crypto.h>

#include <mutex>
#include <stdexcept>

namespace ssmd::etcd {

namespace {

// A range answer holds every document under the prefix; far more than that is not an etcd answer.
constexpr size_t kMaxAnswer = 256u << 20;

size_t on_body(char *data, size_t size, size_t count, void *user) {
  auto *body = static_cast<std::string *>(user);
  size_t bytes = size * count;
  if (body->size() + bytes > kMaxAnswer) return 0; // stops the transfer with CURLE_WRITE_ERROR
  body->append(data, bytes);
  return bytes;
}

} // namespace

HttpClient::HttpClient(const EtcdSettings &settings) : settings_(settings) {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
  });
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("libcurl could not create a handle");
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL *>(curl_)); }

HttpAnswer HttpClient::post(const std::string &url, const std::string &body, const std::string &token) {
  CURL *curl = static_cast<CURL *>(curl_);
  HttpAnswer answer;
  // Without "Expect:" libcurl waits for "100 Continue" before sending a large body. The token is a
  // credential: the header text is wiped once the request is made.
  std::string authorization = token.empty() ? std::string() : "Authorization: " + token;
  curl_slist *headers = nullptr;
  for (const char *line : {"Content-Type: application/json", "Expect:", authorization.c_str()}) {
    if (!*line) continue;
    curl_slist *grown = curl_slist_append(headers, line);
    if (!grown) {
      curl_slist_free_all(headers);
      throw std::runtime_error("out of memory building request headers");
    }
    headers = grown;
  }

  curl_easy_reset(curl); // keeps the open connection, forgets the last request's options
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, settings_.dial_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, settings_.command_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "ssmd-publish-etcd/0.1.0");
  if (!settings_.cacert.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.cacert.c_str());
  if (!settings_.cert.empty()) {
    curl_easy_setopt(curl, CURLOPT_SSLCERT, settings_.cert.c_str());
    curl_easy_setopt(curl, CURLOPT_SSLKEY, settings_.key.c_str());
  }

  CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (!authorization.empty()) OPENSSL_cleanse(authorization.data(), authorization.size());
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  long request_size = 0;
  curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_size);
  answer.sent = request_size > 0;
  if (code != CURLE_OK) {
    answer.curl_code = code;
    answer.error = curl_easy_strerror(code);
  }
  return answer;
}

} // namespace ssmd::etcd
