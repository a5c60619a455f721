// What feed validators ask of an endpoint URL. The URL itself is read by `ssmd::net::parse_url`
// (plugins/common/ssmd_net, libcurl's URL API), the one URL reader of the bundled plugins: scheme and host
// lower-cased, the port, the path as written, and whether userinfo (never kept), a query or a fragment was
// present.
#pragma once

#include <ssmd_net/url.hpp>

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace ssmd_feed {

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// True when the URL names no port, or the scheme's default one (443 for wss and https).
inline bool uses_default_tls_port(const ssmd::net::Url &url) { return !url.port || *url.port == "443"; }

// True when `host` is `domain` or a name under it: `api.kalshi.com` is within `kalshi.com`; `kalshi.com.evil.io`
// and `evilkalshi.com` are not. Both are compared as given, so pass the lower-cased host of a parsed Url.
inline bool host_within(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.ends_with(domain) && host[host.size() - domain.size() - 1] == '.';
}

// The number of an API version path segment such as `v2`, or nullopt when `segment` is not `v` and digits.
inline std::optional<unsigned> api_version_number(std::string_view segment) {
  if (segment.size() < 2 || segment.size() > 6 || segment[0] != 'v') return std::nullopt;
  unsigned n = 0;
  for (char c : segment.substr(1)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  return n;
}

} // namespace ssmd_feed
