#include "etcd_settings.hpp"

#include <openssl/crypto.h>

#include <charconv>
#include <fstream>

namespace ssmd::etcd {

EtcdSettings::~EtcdSettings() {
  if (!password.empty()) OPENSSL_cleanse(password.data(), password.size());
}

std::optional<long> parse_duration_ms(const std::string &text) {
  long number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end == text.data() || number <= 0) return std::nullopt;
  std::string_view unit(end, static_cast<size_t>(text.data() + text.size() - end));
  long scale = unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60000 : 0;
  if (scale == 0 || number > 3600000 / scale) return std::nullopt;
  return number * scale;
}

namespace {

bool readable(const std::string &path) { return std::ifstream(path).good(); }

bool read_file_setting(const SettingLookup &lookup, const char *variable, const char *key, std::string &out,
                       std::string &error) {
  auto found = lookup(variable, key);
  if (!found) return true;
  if (!readable(found->value)) {
    error = found->origin + ": cannot read " + found->value;
    return false;
  }
  out = found->value;
  return true;
}

bool read_number(const SettingLookup &lookup, const char *key, uint64_t minimum, uint64_t &out, std::string &error) {
  auto found = lookup(nullptr, key);
  if (!found) return true;
  uint64_t number = 0;
  const std::string &v = found->value;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), number);
  if (ec != std::errc() || end != v.data() + v.size() || number < minimum) {
    error = found->origin + ": expected a whole number of at least " + std::to_string(minimum) + ", not '" + v + "'";
    return false;
  }
  out = number;
  return true;
}

bool read_duration(const SettingLookup &lookup, const char *variable, const char *key, long &out, std::string &error) {
  auto found = lookup(variable, key);
  if (!found) return true;
  auto ms = parse_duration_ms(found->value);
  if (!ms) {
    error = found->origin + ": expected a duration such as 5s or 500ms, not '" + found->value + "'";
    return false;
  }
  out = *ms;
  return true;
}

} // namespace

std::optional<EtcdSettings> read_settings(const SettingLookup &lookup, bool tls, std::string &error) {
  EtcdSettings s;
  if (!read_file_setting(lookup, "ETCDCTL_CACERT", "etcd.cacert", s.cacert, error) ||
      !read_file_setting(lookup, "ETCDCTL_CERT", "etcd.cert", s.cert, error) ||
      !read_file_setting(lookup, "ETCDCTL_KEY", "etcd.key", s.key, error))
    return std::nullopt;
  if (s.cert.empty() != s.key.empty()) {
    error = "a client certificate needs its key and the key its certificate (ETCDCTL_CERT and ETCDCTL_KEY, or "
            "etcd.cert and etcd.key)";
    return std::nullopt;
  }
  if (!tls && (!s.cacert.empty() || !s.cert.empty())) {
    error = "TLS settings are given but the URL is plain HTTP: use etcd+https://";
    return std::nullopt;
  }
  if (auto user = lookup("ETCDCTL_USER", "etcd.user")) {
    size_t colon = user->value.find(':');
    s.user = user->value.substr(0, colon);
    if (colon != std::string::npos) s.password = user->value.substr(colon + 1);
    if (s.user.empty()) {
      error = user->origin + " names no user";
      return std::nullopt;
    }
  }
  if (auto password = lookup("ETCDCTL_PASSWORD", "etcd.password")) {
    if (s.user.empty()) {
      error = password->origin + " is set but no user is (ETCDCTL_USER or etcd.user)";
      return std::nullopt;
    }
    s.password = password->value;
  }
  if (!s.user.empty() && s.password.empty()) {
    error = "user '" + s.user + "' has no password: set ETCDCTL_PASSWORD or etcd.password, or ETCDCTL_USER=name:password";
    return std::nullopt;
  }
  if (!read_duration(lookup, "ETCDCTL_DIAL_TIMEOUT", "etcd.dial_timeout", s.dial_timeout_ms, error) ||
      !read_duration(lookup, "ETCDCTL_COMMAND_TIMEOUT", "etcd.command_timeout", s.command_timeout_ms, error) ||
      !read_number(lookup, "etcd.max_txn_ops", 2, s.max_txn_ops, error) ||
      !read_number(lookup, "etcd.max_request_bytes", 128 * 1024, s.max_request_bytes, error))
    return std::nullopt;
  return s;
}

} // namespace ssmd::etcd
