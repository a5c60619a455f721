// POSTs JSON to one etcd server's gateway with plugins/common's HTTP client (ssmd_net): one connection kept
// open between requests (a publish makes a handful), TLS verified against etcd.cacert or the system's CAs,
// the client certificate when one is set, redirects never followed (an auth token goes to no other server).
// One attempt per call: Client::call moves on to the next server itself, and knows which writes may be
// sent again.
#pragma once

#include "etcd_settings.hpp"

#include <ssmd_net/http.hpp>

#include <string>

namespace ssmd::etcd {

class HttpClient {
public:
  explicit HttpClient(const EtcdSettings &settings) : settings_(settings) {}

  // POSTs `body` to `url`, with `Authorization: <token>` when `token` is not empty. `status` is 0 when no
  // answer arrived; `sent` says whether any byte of the request left this machine (a write may have happened).
  net::Response post(const std::string &url, const std::string &body, const std::string &token);

private:
  const EtcdSettings &settings_;
  net::HttpClient http_;
};

} // namespace ssmd::etcd
