#include "etcd_url.hpp"

#include <charconv>

namespace ssmd::etcd {

namespace {

bool host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

bool ipv6_char(char c) {
  return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9') || c == ':' || c == '.';
}

// "HOST[:PORT]" as "scheme://HOST:PORT"; nullopt when malformed.
std::optional<std::string> endpoint(std::string_view item, const std::string &scheme) {
  std::string_view host = item, port = "2379";
  if (item.starts_with("[")) {
    size_t close = item.find(']');
    if (close == std::string_view::npos || close < 3) return std::nullopt;
    for (char c : item.substr(1, close - 1))
      if (!ipv6_char(c)) return std::nullopt;
    host = item.substr(0, close + 1);
    std::string_view after = item.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(":")) return std::nullopt;
      port = after.substr(1);
    }
  } else {
    size_t colon = item.find(':');
    if (colon != std::string_view::npos) {
      host = item.substr(0, colon);
      port = item.substr(colon + 1);
    }
    if (host.empty() || host.size() > 253) return std::nullopt;
    for (char c : host)
      if (!host_char(c)) return std::nullopt;
  }
  unsigned number = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || number == 0 || number > 65535)
    return std::nullopt;
  return scheme + "://" + std::string(host) + ":" + std::to_string(number);
}

} // namespace

std::optional<EtcdUrl> parse_etcd_url(std::string_view url, std::string &error) {
  auto refuse = [&](std::string reason) -> std::optional<EtcdUrl> {
    error = std::move(reason);
    return std::nullopt;
  };
  EtcdUrl out;
  size_t sep = url.find("://");
  std::string_view scheme = sep == std::string_view::npos ? std::string_view() : url.substr(0, sep);
  if (scheme == "etcd+https") out.tls = true;
  else if (scheme != "etcd" && scheme != "etcd+http")
    return refuse("must start with etcd://, etcd+http:// or etcd+https://");
  std::string_view rest = url.substr(sep + 3);
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (authority.find('@') != std::string_view::npos)
    return refuse("may not carry credentials; set etcd.user and etcd.password, or ETCDCTL_USER");
  if (authority.empty()) return refuse("names no server: expected etcd://HOST:PORT/PREFIX");
  for (size_t start = 0; start <= authority.size();) {
    size_t comma = authority.find(',', start);
    std::string_view item = authority.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    auto e = endpoint(item, out.tls ? "https" : "http");
    if (!e) return refuse("has a malformed server '" + std::string(item) + "': expected HOST:PORT");
    out.endpoints.push_back(*e);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (path.find_first_of("?#") != std::string_view::npos) return refuse("may not have a query or fragment");
  for (char c : path)
    if (static_cast<unsigned char>(c) < 0x21 || c == 0x7f) return refuse("has a space or control character in its prefix");
  while (path.size() > 1 && path.ends_with("/")) path.remove_suffix(1);
  if (path.empty() || path == "/") return refuse("needs a key prefix: etcd://HOST:PORT/PREFIX, such as /ssmd/prod");
  out.prefix = std::string(path);
  return out;
}

} // namespace ssmd::etcd
