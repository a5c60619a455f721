#include "etcd_http.hpp"

namespace ssmd::etcd {

namespace {

// A range answer holds every document under the prefix; far more than that is not an etcd answer.
constexpr size_t kMaxAnswer = 256u << 20;

} // namespace

net::Response HttpClient::post(const std::string &url, const std::string &body, const std::string &token) {
  net::Request request;
  request.method = "POST";
  request.url = url;
  request.headers = {"Content-Type: application/json"};
  // The token is a credential: the request wipes its header lines, and libcurl's copies, when it is done.
  if (!token.empty()) request.headers.push_back("Authorization: " + token);
  request.body = body;
  request.max_body = kMaxAnswer;
  request.connect_timeout_ms = settings_.dial_timeout_ms;
  request.timeout_ms = settings_.command_timeout_ms;
  request.tls.ca_file = settings_.cacert;
  request.tls.cert = settings_.cert;
  request.tls.key = settings_.key;
  request.user_agent = "ssmd-publish-etcd/0.1.0";
  return http_.perform(request);
}

} // namespace ssmd::etcd
