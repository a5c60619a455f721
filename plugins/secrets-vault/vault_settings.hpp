// How to reach Vault, from the variables the Vault CLI reads: VAULT_ADDR, VAULT_TOKEN (else ~/.vault-token),
// VAULT_NAMESPACE, VAULT_CACERT, VAULT_CAPATH, VAULT_SKIP_VERIFY, VAULT_CLIENT_TIMEOUT, VAULT_MAX_RETRIES.
#pragma once

#include "secret_text.hpp"

#include <optional>
#include <string>

namespace ssmd::vault {

inline constexpr const char *kDefaultAddress = "https://127.0.0.1:8200"; // the Vault CLI's default
inline constexpr long kDefaultTimeoutMs = 60'000;                        // the Vault CLI's default
inline constexpr int kDefaultMaxRetries = 2;                             // the Vault CLI's default
inline constexpr int kRetryCap = 10;                                     // VAULT_MAX_RETRIES is bounded here

struct VaultSettings {
  std::string address;       // scheme://host[:port][/prefix], without a trailing '/'
  bool plain_http = false;   // http://, allowed only to a loopback address
  secrets::SecretText token; // never printed
  std::string token_source;  // "VAULT_TOKEN" or the token file's path, for messages
  std::string ns;            // VAULT_NAMESPACE; empty for none
  std::string ca_file;       // VAULT_CACERT
  std::string ca_path;       // VAULT_CAPATH (used when ca_file is empty)
  bool skip_verify = false;  // VAULT_SKIP_VERIFY
  long timeout_ms = kDefaultTimeoutMs;
  int max_retries = kDefaultMaxRetries;
};

// Reads the settings. Nullopt with `why` (one sentence, never holding the token) when a variable is malformed,
// the address is plain http to a host that is not loopback, or there is no token.
std::optional<VaultSettings> load_settings(std::string &why);

// True for localhost, 127.0.0.0/8 and ::1 (with or without brackets).
bool loopback_host(const std::string &host);

// A duration as VAULT_CLIENT_TIMEOUT takes it: whole seconds ("30") or a number with a unit ("500ms", "30s",
// "2m", "1h"). Nullopt when malformed or not positive.
std::optional<long> parse_timeout_ms(const std::string &text);

} // namespace ssmd::vault
