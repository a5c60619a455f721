// The `vault` secret backend: `source: vault/<mount>/<path>[?version=N]` names a secret in a KV secrets
// engine (version 2, or version 1); each field of the key is one of the secret's keys. Offline, only the
// reference's syntax is checked (validate never needs Vault); at run time the plugin logs in as the user's
// configuration says and reads each secret once per run over HTTPS with libcurl.
#pragma once

#include "vault_session.hpp"

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
  void end_run(const Host &host) override;
  std::vector<Rule> rules() const override;

private:
  Session session_;
};

} // namespace ssmd::vault
