// The `env` secret backend: each field of a key is read from one environment variable, by default
// SSMD_<KEY>_<FIELD> (upper-cased, non-alphanumerics as '_'), or the name the key's `env:` map gives it.
#pragma once

#include <ssmd/plugin.hpp>

namespace ssmd::secrets {

class EnvBackend : public SecretBackend {
public:
  void check(const Host &host, const SecretRequest &req, Diagnostics &out) override;
  ssmd_status resolve(const Host &host, const SecretRequest &req,
                      const std::function<void(std::string_view, std::string_view)> &emit,
                      Diagnostics &out) override;
  std::optional<std::string> variable_name(const Host &host, const SecretRequest &req,
                                           std::string_view field) override;
  std::vector<Rule> rules() const override;
};

} // namespace ssmd::secrets
