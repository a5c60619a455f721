// What publish-etcd needs besides the URL, each from an etcdctl environment variable or else from a
// trusted configuration key (flags, the environment, the user's own file; never the repository's files,
// which must not choose credentials or where they go):
//
//   ETCDCTL_CACERT            etcd.cacert             CA bundle that signed the servers' certificates
//   ETCDCTL_CERT, ETCDCTL_KEY etcd.cert, etcd.key     client certificate and key (TLS client auth)
//   ETCDCTL_USER              etcd.user               user name, or "name:password"
//   ETCDCTL_PASSWORD          etcd.password           the password (never printed)
//   ETCDCTL_DIAL_TIMEOUT      etcd.dial_timeout       connecting, per server: "2s" (default), "500ms"
//   ETCDCTL_COMMAND_TIMEOUT   etcd.command_timeout    one request: "5s" (default)
//                             etcd.max_txn_ops        the server's --max-txn-ops (default 128)
//                             etcd.max_request_bytes  the server's --max-request-bytes (default 1572864)
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace ssmd::etcd {

struct Setting {
  std::string value;
  std::string origin; // "ETCDCTL_CACERT" or "etcd.cacert", for messages
};

// Answers a setting by its variable and key; nullopt when neither is set (or set empty).
using SettingLookup = std::function<std::optional<Setting>(const char *variable, const char *key)>;

struct EtcdSettings {
  std::string cacert, cert, key; // file paths; empty when not set
  std::string user;
  std::string password;
  long dial_timeout_ms = 2000;
  long command_timeout_ms = 5000;
  uint64_t max_txn_ops = 128;
  uint64_t max_request_bytes = 1572864;

  EtcdSettings() = default;
  EtcdSettings(const EtcdSettings &) = default;
  EtcdSettings &operator=(const EtcdSettings &) = default;
  ~EtcdSettings(); // wipes the password
};

// Reads and checks every setting for a URL that uses TLS (`tls`) or not. On failure returns nullopt and
// says why in `error`, naming the setting's origin and never a password.
std::optional<EtcdSettings> read_settings(const SettingLookup &lookup, bool tls, std::string &error);

// "5s", "500ms", "1m" as milliseconds; nullopt otherwise.
std::optional<long> parse_duration_ms(const std::string &text);

} // namespace ssmd::etcd
