// The `vault` secret backend: `source: vault/<mount>/<path>` names a KV version 2 secret; each field of the key
// is the secret's data.data.<field>. Offline, only the reference's syntax is checked (validate never needs
// Vault); at run time the secret is read over HTTPS with libcurl.
#pragma once

#include <ssmd/plugin.hpp>

namespace ssmd::vault {

class VaultBackend : public SecretBackend {
public:
  void check(const Host &host, const SecretRequest &req, Diagnostics &out) override;
  ssmd_status resolve(const Host &host, const SecretRequest &req,
                      const std::function<void(std::string_view, std::string_view)> &emit,
                      Diagnostics &out) override;
  std::optional<std::string> variable_name(const Host &host, const SecretRequest &req,
                                           std::string_view field) override;
};

} // namespace ssmd::vault
