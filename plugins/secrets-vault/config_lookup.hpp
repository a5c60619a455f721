// How the plugin reads its settings: a variable of the process environment when it is set, else a key of
// the user's or CI's configuration through the host's trusted_config (ABI 1.3): flags, environment and the
// user's own file, never a repository's `.ssmd/config.yaml` or committed `ssmd.yaml`. Everything the plugin
// reads says where credentials go or what they are, so a cloned repository must not choose any of it.
#pragma once

#include <ssmd/plugin.hpp>

#include <functional>
#include <optional>
#include <string>

namespace ssmd::vault {

// A configuration key's scalar text; nullopt when unset. A mapping or a list reads as text that no setting
// accepts ("(a mapping)"), so a misshapen value is reported rather than ignored.
using ConfigLookup = std::function<std::optional<std::string>(const std::string &key)>;

// The lookup over the host's trusted layers (absent from a host older than ABI 1.3: then nothing is set).
ConfigLookup trusted_lookup(const Host &host);

// `variable` when set and not empty, else the configuration key `key`.
std::optional<std::string> setting(const ConfigLookup &config, const char *variable, const std::string &key);

} // namespace ssmd::vault
