// `ssmd sealed-secret seal`: seals values for the cluster's sealed-secrets controller and writes the
// SealedSecret manifest a `sealed-secret/<name>` key refers to.
#pragma once

#include <ssmd/plugin.hpp>

namespace ssmd::sealed {

class SealedSecretCommand : public Subcommand {
public:
  // args[0] is "sealed-secret", args[1] the verb ("seal").
  int run(const Host &host, const std::vector<std::string> &args) override;
};

} // namespace ssmd::sealed
