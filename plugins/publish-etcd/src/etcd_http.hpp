// POSTs JSON to one etcd server's gateway with libcurl. One handle keeps its connection open between
// requests (a publish makes a handful), and TLS is verified against etcd.cacert or the system's CAs. Never
// follows redirects, so an auth token goes to no other server.
#pragma once

#include "etcd_settings.hpp"

#include <string>

namespace ssmd::etcd {

struct HttpAnswer {
  long status = 0;          // 0 when no HTTP answer arrived
  std::string body;
  int curl_code = 0;        // a CURLcode; 0 when the transfer completed
  std::string error;        // libcurl's explanation when there was no answer
  bool sent = false;        // whether any byte of the request left this machine (a write may have happened)
};

class HttpClient {
public:
  explicit HttpClient(const EtcdSettings &settings);
  ~HttpClient();
  HttpClient(const HttpClient &) = delete;
  HttpClient &operator=(const HttpClient &) = delete;

  // POSTs `body` to `url`, with `Authorization: <token>` when `token` is not empty.
  HttpAnswer post(const std::string &url, const std::string &body, const std::string &token);

private:
  const EtcdSettings &settings_;
  void *curl_; // CURL*
};

} // namespace ssmd::etcd
