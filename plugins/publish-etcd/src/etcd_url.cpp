#include "etcd_url.hpp"

#include <ssmd_net/url.hpp>

#include <algorithm>

namespace ssmd::etcd {

namespace {

// etcd's client API listens on names and addresses; a host name is letters, digits, '.' and '-'.
bool host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

// "HOST[:PORT]" as "scheme://HOST:PORT", read by libcurl; nullopt when malformed. libcurl cannot read a list
// of servers in one authority, so each is read on its own.
std::optional<std::string> endpoint(std::string_view item, const std::string &scheme) {
  if (item.find_first_of("/@") != std::string_view::npos) return std::nullopt;
  std::optional<net::Url> url = net::parse_url(scheme + "://" + std::string(item));
  if (!url || url->path != "/" || url->has_query || url->has_fragment || url->has_userinfo) return std::nullopt;
  if (!url->host.starts_with("[") &&
      (url->host.size() > 253 || !std::all_of(url->host.begin(), url->host.end(), host_char)))
    return std::nullopt;
  if (url->port == "0") return std::nullopt;
  return scheme + "://" + url->host + ":" + url->port.value_or("2379");
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
