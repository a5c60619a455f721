// How to reach Vault: the address and namespace (VAULT_ADDR and VAULT_NAMESPACE, else `vault.address` and
// `vault.namespace` from trusted configuration), and the variables the Vault CLI reads for TLS, timeouts and
// retries: VAULT_CACERT, VAULT_CAPATH, VAULT_SKIP_VERIFY, VAULT_CLIENT_TIMEOUT, VAULT_MAX_RETRIES. How to log
// in is auth_settings.hpp's.
#pragma once

#include "config_lookup.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ssmd::vault {

inline constexpr const char *kDefaultAddress = "https://127.0.0.1:8200"; // the Vault CLI's default
inline constexpr long kDefaultTimeoutMs = 60'000;                        // the Vault CLI's default
inline constexpr int kDefaultMaxRetries = 2;                             // the Vault CLI's default
inline constexpr int kRetryCap = 10;                                     // VAULT_MAX_RETRIES is bounded here

struct VaultSettings {
  std::string address;       // scheme://host[:port][/prefix], without a trailing '/'
  bool plain_http = false;   // http://, allowed only to a loopback address
  std::string ns;            // VAULT_NAMESPACE, else vault.namespace; empty for none
  std::string ca_file;       // VAULT_CACERT
  std::string ca_path;       // VAULT_CAPATH (used when ca_file is empty)
  bool skip_verify = false;  // VAULT_SKIP_VERIFY
  long timeout_ms = kDefaultTimeoutMs;
  int max_retries = kDefaultMaxRetries;
};

// Reads the settings. Nullopt with `why` (one sentence) when a variable or key is malformed, the address is
// plain http to a host that is not loopback, or the namespace could not travel in an HTTP header.
std::optional<VaultSettings> load_settings(const ConfigLookup &config, std::string &why);

// True when `value` can be sent as an HTTP header's value as it is: no CR, LF or other control character
// (C0 but tab, and DEL), which would end the header and start another one (header injection).
bool header_safe(std::string_view value);

// The KV version the user's configuration gives mount `mount` (`vault.mounts.<mount>.kv_version`: 1 or 2);
// nullopt when unset, so the plugin asks Vault. Sets `why` for any other value.
std::optional<int> configured_kv_version(const ConfigLookup &config, const std::string &mount, std::string &why);

// True for localhost, 127.0.0.0/8 and ::1 (with or without brackets).
bool loopback_host(const std::string &host);

// A duration as VAULT_CLIENT_TIMEOUT takes it: whole seconds ("30") or a number with a unit ("500ms", "30s",
// "2m", "1h"). Nullopt when malformed or not positive.
std::optional<long> parse_timeout_ms(const std::string &text);

} // namespace ssmd::vault
