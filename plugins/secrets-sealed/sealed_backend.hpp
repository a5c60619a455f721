// The `sealed-secret` secret backend: `source: sealed-secret/<name>` names a Bitnami SealedSecret. Offline,
// the committed manifest must exist and seal every field; at run time the fields come from the Secret the
// controller unsealed, mounted as a directory.
#pragma once

#include <ssmd/plugin.hpp>

namespace ssmd::sealed {

class SealedBackend : public SecretBackend {
public:
  void check(const Host &host, const SecretRequest &req, Diagnostics &out) override;
  ssmd_status resolve(const Host &host, const SecretRequest &req,
                      const std::function<void(std::string_view, std::string_view)> &emit,
                      Diagnostics &out) override;
  std::optional<std::string> variable_name(const Host &host, const SecretRequest &req,
                                           std::string_view field) override;
  std::vector<Rule> rules() const override;
};

} // namespace ssmd::sealed
