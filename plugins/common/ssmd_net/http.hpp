// The one HTTP client of the bundled plugins: a libcurl easy handle with the options they all need, and the
// retry policy of retry.hpp. Link the CMake target `ssmd_net`.
//
// Every request: http and https only, redirects never followed (a signature or a token goes to no other
// server), TLS 1.2 at least and verified unless the caller turns verification off, no signals (timeouts are
// safe in threads), every header line checked before anything is sent (a CR or LF would start a header of
// its own). Header lines may hold a credential: libcurl's copies are wiped before they are freed. A body to
// send is not copied; an answer's body goes to `Request::sink` when the caller keeps it in wiped memory.
//
// One client keeps its connection open between requests; it is not thread-safe: one client per thread.
#pragma once

#include "retry.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::net {

struct Tls {
  std::string ca_file;   // PEM bundle that signed the server's certificate; empty: the system's
  std::string ca_pem;    // the same as text, used when there is no file (a directory read by the caller)
  std::string cert, key; // client certificate and key files, for servers that authenticate clients
  bool verify = true;    // check the server's certificate and host name
};

// Where an answer's body goes, for callers that keep it in memory of their own (wiped, for secrets).
class BodySink {
public:
  virtual ~BodySink() = default;
  virtual void clear() = 0; // a new attempt begins
  virtual void append(std::string_view bytes) = 0;
};

struct Request {
  std::string method = "GET";      // "GET" or "POST"
  std::string url;
  std::vector<std::string> headers; // "Name: value"; wiped when the request goes away (one may hold a token)
  std::string_view body;           // a POST's body; not copied, so a caller's wiped buffer stays the only copy
  bool may_retry = false;          // a POST that may be sent again after it may have reached the server
  long connect_timeout_ms = 0;     // per attempt; 0: libcurl's default
  long timeout_ms = 0;             // the whole transfer, per attempt; 0: none
  size_t max_body = 0;             // an answer longer than this stops the transfer (`too_large`); 0: no limit
  size_t error_body_cut = 0;       // a non-2xx answer's body is kept up to this, the rest dropped; 0: as max_body
  bool path_as_is = false;         // send "/./" and "/../" as written (a signature covers the path)
  bool no_proxy = false;           // ignore proxy variables: the request must go to the URL's host itself
  Tls tls;
  std::string user_agent;
  BodySink *sink = nullptr;        // where the body goes; nullptr: `Response::body`

  Request() = default;
  Request(const Request &) = default;
  Request(Request &&) = default;
  Request &operator=(const Request &) = default;
  Request &operator=(Request &&) = default;
  ~Request(); // wipes the header lines

  // GET (and HEAD) ask for something without changing it: sending one twice is harmless.
  bool idempotent() const { return method == "GET" || method == "HEAD"; }
};

struct Response {
  long status = 0;        // the HTTP status; 0 when no answer arrived
  std::string body;       // the answer's body, unless the request named a sink
  std::string location;   // the Location header of a redirect (never followed)
  int curl_code = 0;      // a CURLcode; 0 when the transfer completed
  std::string error;      // libcurl's explanation when `curl_code` is not 0
  bool too_large = false; // the body passed `max_body`; the transfer was stopped
  bool bad_header = false; // a header line held CR, LF or NUL: nothing was sent
  bool sent = false;      // some of the request left this machine (a POST may have taken effect)
  int attempts = 0;       // tries made, the last included

  bool ok() const { return curl_code == 0 && !too_large && !bad_header && status >= 200 && status < 300; }
};

// Makes libcurl ready for use from several threads. Safe to call any number of times.
void init_http();

class HttpClient {
public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient &) = delete;
  HttpClient &operator=(const HttpClient &) = delete;

  // One attempt.
  Response perform(const Request &request);

  // Attempts until one succeeds, fails for good, or `policy.max_attempts` are made, waiting `policy.backoff`
  // between them. `make` builds the request for each attempt (1 for the first): a signature that covers the
  // time is made anew each time.
  Response send(const std::function<Request(int attempt)> &make, const RetryPolicy &policy);
  Response send(const Request &request, const RetryPolicy &policy);

private:
  void *curl_ = nullptr; // CURL*, made on first use
};

} // namespace ssmd::net
