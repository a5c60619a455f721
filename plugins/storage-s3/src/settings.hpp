// Where the plugin's settings come from: a command-line flag for this run first (`--s3-endpoint`, through
// the host's flag_config), then environment variables, then the user's configuration (`s3.*` keys, through
// the host's trusted_config: never the repository's files), then defaults. See README.md.
#pragma once

#include "sigv4.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ssmd::s3 {

struct Endpoint {
  std::string scheme;    // "http" or "https"
  std::string authority; // "host" or "host:port" when the port is not the scheme's default; the Host header
  std::string base_url() const { return scheme + "://" + authority; }
};

struct Settings {
  Credentials credentials;
  std::string region = "us-east-1";
  Endpoint endpoint;
  long max_keys = 1000;           // ListObjectsV2 page size
  long concurrency = 16;          // requests in flight during fetch
  long max_attempts = 4;          // tries per request, the first included
  long connect_timeout_ms = 5000; // per attempt
  long timeout_ms = 30000;        // per attempt, the whole transfer
  long retry_base_ms = 100;       // the first backoff; doubles on every retry
  long retry_cap_ms = 5000;       // no backoff is longer
};

// Why settings could not be loaded. `environment` is true when the machine lacks something (credentials),
// false when a value is wrong.
struct SettingsProblem {
  bool environment = false;
  std::string rule;    // "s3/credentials", "s3/config"
  std::string where;   // the variable or configuration key at fault
  std::string message; // never contains a secret
};

// Looks a name up; nullopt when unset. Empty values count as unset.
using Lookup = std::function<std::optional<std::string>(const std::string &name)>;

// Each setting comes from the first of: `flags` (configuration keys a command-line flag set for this run,
// such as `s3.endpoint` from `--s3-endpoint`; may be empty), `env`, `config`, the default.
std::optional<Settings> load_settings(const Lookup &env, const Lookup &config, SettingsProblem &problem,
                                      const Lookup &flags = {});

// Parses "http://host:port" or "https://host" (an IPv6 host in brackets) with libcurl's URL API
// (plugins/common/ssmd_net). A path is refused: addressing is path-style from the endpoint's root. The host
// comes back lower-cased, and without the port when it is the scheme's default.
std::optional<Endpoint> parse_endpoint(std::string_view url, std::string &error);

} // namespace ssmd::s3
