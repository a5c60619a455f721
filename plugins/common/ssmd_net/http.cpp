#include "http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <string.h>  // explicit_bzero (glibc)
#include <strings.h> // strncasecmp
#include <thread>

namespace ssmd::net {

namespace {

// One attempt's state, for libcurl's callbacks.
struct Transfer {
  CURL *curl;
  const Request *request;
  Response *response;
  size_t received = 0; // body bytes that arrived, kept or not
};

void deliver(Transfer &t, const char *data, size_t bytes) {
  if (t.request->sink) t.request->sink->append(std::string_view(data, bytes));
  else t.response->body.append(data, bytes);
}

size_t on_body(char *data, size_t size, size_t count, void *user) {
  auto &t = *static_cast<Transfer *>(user);
  const size_t bytes = size * count;
  long status = 0;
  curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &status);
  const size_t cut = t.request->error_body_cut;
  if ((status < 200 || status >= 300) && cut > 0) {
    // An error document is short; the rest is read and dropped, so the connection stays usable.
    deliver(t, data, std::min(bytes, cut - std::min(t.received, cut)));
    t.received += bytes;
    return bytes;
  }
  if (t.request->max_body > 0 && t.received + bytes > t.request->max_body) {
    t.response->too_large = true;
    return 0; // makes libcurl stop with CURLE_WRITE_ERROR
  }
  deliver(t, data, bytes);
  t.received += bytes;
  return bytes;
}

size_t on_header(char *data, size_t size, size_t count, void *user) {
  std::string_view line(data, size * count);
  if (line.size() > 9 && strncasecmp(line.data(), "location:", 9) == 0) {
    std::string_view value = line.substr(9);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
    static_cast<Response *>(user)->location = std::string(value);
  }
  return size * count;
}

// libcurl's list of header lines, whose copies are wiped before they are freed: a line may hold a token.
struct HeaderList {
  curl_slist *head = nullptr;
  HeaderList() = default;
  HeaderList(const HeaderList &) = delete;
  HeaderList &operator=(const HeaderList &) = delete;
  ~HeaderList() {
    for (curl_slist *item = head; item; item = item->next) explicit_bzero(item->data, strlen(item->data));
    curl_slist_free_all(head);
  }
  bool add(const char *line) {
    curl_slist *grown = curl_slist_append(head, line);
    if (grown) head = grown;
    return grown != nullptr;
  }
};

bool header_safe(std::string_view line) { return line.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos; }

void set_tls(CURL *curl, const Tls &tls) {
  curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, tls.verify ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, tls.verify ? 2L : 0L);
  if (!tls.ca_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, tls.ca_file.c_str());
  } else if (!tls.ca_pem.empty()) {
    curl_blob blob{const_cast<char *>(tls.ca_pem.data()), tls.ca_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(curl, CURLOPT_CAINFO_BLOB, &blob);
  }
  if (!tls.cert.empty()) curl_easy_setopt(curl, CURLOPT_SSLCERT, tls.cert.c_str());
  if (!tls.key.empty()) curl_easy_setopt(curl, CURLOPT_SSLKEY, tls.key.c_str());
}

Response failed(CURLcode code, std::string why) {
  Response r;
  r.curl_code = code;
  r.error = std::move(why);
  return r;
}

} // namespace

Request::~Request() {
  for (std::string &line : headers) explicit_bzero(line.data(), line.capacity());
}

void init_http() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  (void)result; // a failed init shows as a handle that cannot be made
}

HttpClient::HttpClient() = default;

HttpClient::~HttpClient() {
  if (curl_) curl_easy_cleanup(static_cast<CURL *>(curl_));
}

Response HttpClient::perform(const Request &request) {
  for (const std::string &line : request.headers)
    if (!header_safe(line)) {
      Response r;
      r.bad_header = true;
      r.error = "a header line holds a control character; nothing was sent";
      return r;
    }
  if (!curl_) {
    init_http();
    curl_ = curl_easy_init();
    if (!curl_) return failed(CURLE_FAILED_INIT, "libcurl could not create a handle");
  }
  CURL *curl = static_cast<CURL *>(curl_);
  HeaderList headers;
  for (const std::string &line : request.headers)
    if (!headers.add(line.c_str())) return failed(CURLE_OUT_OF_MEMORY, "out of memory building request headers");
  // Without "Expect:" libcurl waits for "100 Continue" before sending a large body.
  if (request.method == "POST" && !headers.add("Expect:"))
    return failed(CURLE_OUT_OF_MEMORY, "out of memory building request headers");

  Response response;
  Transfer transfer{curl, &request, &response};
  if (request.sink) request.sink->clear();
  char error[CURL_ERROR_SIZE] = "";

  curl_easy_reset(curl); // keeps the open connection, forgets the last request's options
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    if (request.method == "POST") curl_easy_setopt(curl, CURLOPT_POST, 1L);
    else curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    // Never NULL: libcurl would then read the body from stdin.
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.empty() ? "" : request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.head);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  if (request.connect_timeout_ms > 0) curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout_ms);
  if (request.timeout_ms > 0) curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);       // timeouts without SIGALRM, safe in threads
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L); // a redirect would carry a signature or token elsewhere
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  if (request.path_as_is) curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
  if (request.no_proxy) curl_easy_setopt(curl, CURLOPT_PROXY, "");
  if (!request.user_agent.empty()) curl_easy_setopt(curl, CURLOPT_USERAGENT, request.user_agent.c_str());
  set_tls(curl, request.tls);

  const CURLcode code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  long request_size = 0;
  curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_size);
  response.sent = request_size > 0;
  // The handle keeps pointers to this call's header list and buffers; it must not use them again.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  if (response.too_large) {
    response.error = "the answer is larger than " + std::to_string(request.max_body) + " bytes";
  } else if (code != CURLE_OK) {
    response.curl_code = code;
    response.error = error[0] ? error : curl_easy_strerror(code);
  }
  return response;
}

Response HttpClient::send(const std::function<Request(int attempt)> &make, const RetryPolicy &policy) {
  for (int attempt = 1;; ++attempt) {
    const Request request = make(attempt);
    Response response = perform(request);
    response.attempts = attempt;
    if (attempt >= policy.max_attempts || !should_retry(request, response, policy)) return response;
    if (policy.backoff) std::this_thread::sleep_for(policy.backoff(attempt));
  }
}

Response HttpClient::send(const Request &request, const RetryPolicy &policy) {
  return send([&request](int) { return request; }, policy);
}

} // namespace ssmd::net
