// One libcurl easy handle that performs GET requests. A handle keeps its connection open between requests,
// so each fetch worker owns one. Not thread-safe: one handle per thread.
#pragma once

#include "sigv4.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace ssmd::s3 {

struct HttpRequest {
  std::string url;
  std::vector<Header> headers;
  uint64_t max_body = 0;        // a 2xx body longer than this aborts the transfer
  long connect_timeout_ms = 0;
  long timeout_ms = 0;
};

struct HttpResponse {
  long status = 0;            // 0 when no HTTP answer arrived
  std::string body;
  int transport_error = 0;    // a CURLcode; 0 when the transfer completed
  std::string transport_message;
  bool body_too_large = false;
};

// Makes libcurl ready for use from several threads. Safe to call any number of times.
void init_http();

class HttpClient {
public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient &) = delete;
  HttpClient &operator=(const HttpClient &) = delete;

  HttpResponse get(const HttpRequest &request);

private:
  void *curl_; // CURL*
};

} // namespace ssmd::s3
