// One run's dealings with Vault, kept between the resolve() calls of one command and wiped by end_run()
// (ABI 1.3): the settings, the token (logged in once per run), the KV version of each mount (asked once),
// and each secret (read once per path and version, however many keys and fields use it). The host calls
// end_run() after the command's last resolve(), before it runs anything else; a process that ends without
// it wipes the same way on exit.
#pragma once

#include "auth_settings.hpp"
#include "kv_read.hpp"
#include "scrub.hpp"
#include "vault_login.hpp"
#include "vault_settings.hpp"

#include <ssmd/plugin.hpp>

#include <map>
#include <optional>
#include <string>
#include <variant>

namespace ssmd::vault {

class Session {
public:
  // Reads the settings and obtains the token on the first call of a run; afterwards answers the same. Null
  // when ready, else the finding every key of this run gets (a configuration error, a failed login).
  const Finding *start(const Host &host);
  const VaultSettings &settings() const { return *settings_; }
  const std::string &token_source() const { return token_.source; }

  // The KV version of `ref`'s mount: from vault.mounts.<mount>.kv_version, else asked once per run.
  std::variant<int, Finding> kv_version(const VaultReference &ref);
  // The secret `ref` names, read once per run.
  const KvAnswer &read(const VaultReference &ref, int kv_version);

  // Texts never to print; the values read are added as they are emitted.
  Scrubber &scrubber() { return scrubber_; }

  // Wipes everything; the next start() begins a new run.
  void end();
  ~Session() { end(); }

private:
  bool started_ = false;
  std::optional<Finding> problem_;
  ConfigLookup config_;
  std::optional<VaultSettings> settings_;
  Token token_;
  std::map<std::string, std::variant<int, Finding>> versions_; // by mount
  std::map<std::string, KvAnswer> reads_;                      // by request path
  Scrubber scrubber_;
};

} // namespace ssmd::vault
