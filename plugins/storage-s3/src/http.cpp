#include "http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace ssmd::s3 {

namespace {

// Error documents are small; a longer non-2xx body is cut here rather than kept in memory.
constexpr size_t k_max_error_body = 64 * 1024;

struct Transfer {
  CURL *curl;
  HttpResponse *response;
  uint64_t max_body;
};

size_t on_body(char *data, size_t size, size_t count, void *user) {
  auto *t = static_cast<Transfer *>(user);
  size_t bytes = size * count;
  long status = 0;
  curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 200 && status < 300) {
    if (t->response->body.size() + bytes > t->max_body) {
      t->response->body_too_large = true;
      return 0; // makes libcurl stop with CURLE_WRITE_ERROR
    }
  } else if (t->response->body.size() + bytes > k_max_error_body) {
    bytes = k_max_error_body - std::min(t->response->body.size(), k_max_error_body);
    t->response->body.append(data, bytes);
    return size * count;
  }
  t->response->body.append(data, bytes);
  return bytes;
}

} // namespace

void init_http() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
  });
}

HttpClient::HttpClient() {
  init_http();
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("libcurl could not create a handle");
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL *>(curl_)); }

HttpResponse HttpClient::get(const HttpRequest &request) {
  CURL *curl = static_cast<CURL *>(curl_);
  HttpResponse response;
  Transfer transfer{curl, &response, request.max_body};

  curl_slist *headers = nullptr;
  for (const auto &h : request.headers) {
    curl_slist *grown = curl_slist_append(headers, (h.name + ": " + h.value).c_str());
    if (!grown) {
      curl_slist_free_all(headers);
      throw std::runtime_error("out of memory building request headers");
    }
    headers = grown;
  }

  curl_easy_reset(curl); // keeps the open connection, forgets the last request's options
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);      // timeouts without SIGALRM, safe in threads
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);    // keep "/./" and "/../" in keys: the signature covers them
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L); // a redirect would need a new signature
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "ssmd-storage-s3/0.1.0");

  CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  if (code != CURLE_OK && !response.body_too_large) {
    response.transport_error = code;
    response.transport_message = curl_easy_strerror(code);
  }
  return response;
}

} // namespace ssmd::s3
