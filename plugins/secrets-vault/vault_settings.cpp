#include "vault_settings.hpp"

#include <ssmd_net/url.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <sys/stat.h>

namespace ssmd::vault {

namespace {
std::string env(const char *name) {
  const char *value = std::getenv(name);
  return value ? value : "";
}

// Go's strconv.ParseBool, which the Vault CLI applies to VAULT_SKIP_VERIFY.
std::optional<bool> parse_bool(const std::string &text) {
  for (const char *yes : {"1", "t", "T", "TRUE", "true", "True"})
    if (text == yes) return true;
  for (const char *no : {"0", "f", "F", "FALSE", "false", "False"})
    if (text == no) return false;
  return std::nullopt;
}

bool check_address(VaultSettings &s, std::string &why) {
  std::optional<net::Url> url = net::parse_url(s.address);
  if (!url) {
    why = "VAULT_ADDR (or vault.address) is not a URL; set it like https://vault.example.com:8200";
    return false;
  }
  const std::string &scheme = url->scheme;
  const std::string &host = url->host;
  // Credentials in the address would end up in messages; the query and fragment have no meaning here.
  if (url->has_userinfo || url->has_query || url->has_fragment) {
    why = "VAULT_ADDR must be scheme://host[:port][/path], without user, password, query or fragment";
    return false;
  }
  if (scheme != "https" && scheme != "http") {
    why = "VAULT_ADDR must be an https:// URL (http:// only to a loopback address)";
    return false;
  }
  s.plain_http = scheme == "http";
  if (s.plain_http && !loopback_host(host)) {
    why = "VAULT_ADDR " + s.address + " is plain http to a host that is not loopback; the token and the secrets "
          "would cross the network unencrypted. Use https:// (http:// is allowed only to 127.0.0.0/8, ::1 or "
          "localhost)";
    return false;
  }
  while (s.address.ends_with('/')) s.address.pop_back();
  return true;
}

} // namespace

bool loopback_host(const std::string &host) {
  if (host == "localhost") return true;
  std::string bare = host.size() > 2 && host.front() == '[' && host.back() == ']' ? host.substr(1, host.size() - 2) : host;
  in_addr v4{};
  if (inet_pton(AF_INET, bare.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, bare.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

std::optional<long> parse_timeout_ms(const std::string &text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 9) return std::nullopt;
  long number = std::stol(text.substr(0, digits));
  const std::string unit = text.substr(digits);
  long scale = unit.empty() || unit == "s" ? 1000 : unit == "ms" ? 1 : unit == "m" ? 60'000 : unit == "h" ? 3'600'000 : 0;
  if (scale == 0 || number <= 0) return std::nullopt;
  return number * scale;
}

bool header_safe(std::string_view value) {
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7F) return false;
  }
  return true;
}

std::optional<int> configured_kv_version(const ConfigLookup &config, const std::string &mount, std::string &why) {
  const std::string key = "vault.mounts." + mount + ".kv_version";
  auto value = config ? config(key) : std::nullopt;
  if (!value) return std::nullopt;
  if (*value == "1" || *value == "2") return std::stoi(*value);
  why = "configuration key " + key + " must be 1 or 2 (the KV secrets engine version of mount `" + mount + "`)";
  return std::nullopt;
}

std::optional<VaultSettings> load_settings(const ConfigLookup &config, std::string &why) {
  VaultSettings s;
  s.address = setting(config, "VAULT_ADDR", "vault.address").value_or(kDefaultAddress);
  if (!check_address(s, why)) return std::nullopt;
  s.ns = setting(config, "VAULT_NAMESPACE", "vault.namespace").value_or("");
  // The namespace travels as a header: a CR or LF in it would end that header and start one of its own.
  if (!header_safe(s.ns)) {
    why = "VAULT_NAMESPACE (or vault.namespace) holds a control character (CR, LF, ...), which would let it add "
          "headers of its own to the request; a namespace is a path like team-a or team-a/child";
    return std::nullopt;
  }
  s.ca_file = env("VAULT_CACERT");
  s.ca_path = env("VAULT_CAPATH");
  struct stat info {};
  if (s.ca_file.empty() && !s.ca_path.empty() && (::stat(s.ca_path.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))) {
    why = "VAULT_CAPATH " + s.ca_path + " is not a directory; it names a directory of PEM CA certificates";
    return std::nullopt;
  }
  if (std::string skip = env("VAULT_SKIP_VERIFY"); !skip.empty()) {
    auto value = parse_bool(skip);
    if (!value) {
      why = "VAULT_SKIP_VERIFY must be true or false (or 1, 0, t, f)";
      return std::nullopt;
    }
    s.skip_verify = *value;
  }
  if (std::string timeout = env("VAULT_CLIENT_TIMEOUT"); !timeout.empty()) {
    auto ms = parse_timeout_ms(timeout);
    if (!ms) {
      why = "VAULT_CLIENT_TIMEOUT must be a positive duration: seconds (30) or with a unit (500ms, 30s, 2m)";
      return std::nullopt;
    }
    s.timeout_ms = *ms;
  }
  if (std::string retries = env("VAULT_MAX_RETRIES"); !retries.empty()) {
    bool digits = retries.size() <= 3 && std::all_of(retries.begin(), retries.end(), [](char c) {
                    return std::isdigit(static_cast<unsigned char>(c)) != 0;
                  });
    if (!digits) {
      why = "VAULT_MAX_RETRIES must be a whole number of retries, 0 to " + std::to_string(kRetryCap);
      return std::nullopt;
    }
    s.max_retries = std::min(std::stoi(retries), kRetryCap);
  }
  return s;
}

} // namespace ssmd::vault
