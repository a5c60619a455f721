// Splits an endpoint URL (`scheme://[userinfo@]host[:port][/path][?query][#fragment]`) into the parts a feed
// validator compares against an exchange's published hosts and paths.
//
// Why not a URL library: feed endpoints are short, absolute and ASCII, and validators need exactly five facts
// (scheme, host, port, path, and whether userinfo, a query or a fragment is present). Userinfo is recorded as
// present but never kept, so a password written into an endpoint cannot leak into a message.
#pragma once

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace ssmd_feed {

struct Url {
  std::string scheme;               // lower-cased, e.g. "wss"
  std::string host;                 // lower-cased (host names are case-insensitive)
  std::optional<std::string> port;  // the text after ':' in the authority, when present
  std::string path;                 // "" when the URL has no path
  bool has_userinfo = false;        // `user[:password]@` was present (its text is dropped)
  bool has_query = false;           // a `?` part was present
  bool has_fragment = false;        // a `#` part was present
};

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Parses `text`; nullopt when it is not an absolute URL with a scheme and a host, or contains whitespace or
// control characters.
inline std::optional<Url> parse_url(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return std::nullopt;
  size_t sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  Url url;
  for (char c : text.substr(0, sep))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return std::nullopt;
  url.scheme = ascii_lower(text.substr(0, sep));

  std::string_view rest = text.substr(sep + 3);
  size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);

  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    url.has_userinfo = true;
    authority = authority.substr(at + 1);
  }
  // A ':' after any IPv6 bracket separates the port.
  size_t bracket = authority.rfind(']');
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    url.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return std::nullopt;
  url.host = ascii_lower(authority);

  size_t path_end = tail.find_first_of("?#");
  url.path = std::string(tail.substr(0, path_end));
  if (path_end != std::string_view::npos) {
    std::string_view after = tail.substr(path_end);
    url.has_fragment = after.find('#') != std::string_view::npos;
    url.has_query = after.front() == '?';
  }
  return url;
}

// True when the URL names no port, or the scheme's default one (443 for wss and https).
inline bool uses_default_tls_port(const Url &url) { return !url.port || *url.port == "443"; }

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
