// The one URL reader of the bundled plugins: libcurl's URL API (curl_url), which is also what sends their
// requests, so a URL is read here the way libcurl will use it. Link the CMake target `ssmd_net`.
//
// Only absolute URLs with an authority are taken: `scheme://[userinfo@]host[:port][/path][?query][#fragment]`,
// for any scheme (wss, etcd, ...). libcurl checks the host and the port; the path is kept as written (no
// "/../" squashed), since plugins compare it and S3 signs it. Userinfo is noted but never kept, so a password
// written into a URL cannot reach a message.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ssmd::net {

struct Url {
  std::string scheme;              // lower-cased: "wss"
  std::string host;                // lower-cased; IPv4 in dotted decimal ("127.1" is "127.0.0.1"); IPv6 in
                                   // brackets, with its zone if any ("[fe80::1%25eth0]")
  std::optional<std::string> port; // the port the URL names, in decimal ("0443" is "443"); none when it names none
  std::string path;                // as written; "/" when the URL has none
  bool has_userinfo = false;       // `user[:password]@` was present, even empty (its text is dropped)
  bool has_query = false;          // a `?` part was present, even empty
  bool has_fragment = false;       // a non-empty `#` part was present (libcurl drops an empty one)

  // "host" or "host:port".
  std::string authority() const { return port ? host + ":" + *port : host; }
};

// What is wrong with a URL that is not taken.
enum class UrlFault {
  not_absolute, // no `scheme://` and authority, or white space or a control character anywhere
  no_host,      // `scheme://` and nothing before the path
  bad_host,     // a host name libcurl refuses (`h*st`, a backslash, ...)
  bad_ipv6,     // an IPv6 address that is not closed or not valid
  bad_port,     // not a decimal number from 0 to 65535
  malformed,    // anything else (libcurl's reason is in `UrlError::reason`)
};

struct UrlError {
  UrlFault fault = UrlFault::malformed;
  std::string reason; // libcurl's sentence, or ours for `not_absolute`; never quotes the URL
};

// Reads `text`; nullopt (with `error` when given) when it is not an absolute URL of the form above.
std::optional<Url> parse_url(std::string_view text, UrlError *error = nullptr);

} // namespace ssmd::net
