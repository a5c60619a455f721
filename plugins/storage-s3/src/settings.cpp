#include "settings.hpp"

#include "text.hpp"

#include <ssmd/env.hpp>
#include <ssmd_net/url.hpp>

namespace ssmd::s3 {

namespace {

struct NumberSetting {
  const char *env;
  const char *config;
  long min, max;
  long Settings::*field;
};

// Every numeric knob, its two names and its bounds.
constexpr NumberSetting k_numbers[] = {
    {"SSMD_S3_MAX_KEYS", "s3.max_keys", 1, 1000, &Settings::max_keys},
    {"SSMD_S3_CONCURRENCY", "s3.concurrency", 1, 64, &Settings::concurrency},
    {"SSMD_S3_MAX_ATTEMPTS", "s3.max_attempts", 1, 10, &Settings::max_attempts},
    {"SSMD_S3_CONNECT_TIMEOUT_MS", "s3.connect_timeout_ms", 1, 600000, &Settings::connect_timeout_ms},
    {"SSMD_S3_TIMEOUT_MS", "s3.timeout_ms", 1, 3600000, &Settings::timeout_ms},
    {"SSMD_S3_RETRY_BASE_MS", "s3.retry_base_ms", 1, 60000, &Settings::retry_base_ms},
    {"SSMD_S3_RETRY_CAP_MS", "s3.retry_cap_ms", 1, 600000, &Settings::retry_cap_ms},
};

std::optional<std::string> nonempty(const Lookup &lookup, const std::string &name) {
  auto value = lookup(name);
  if (value && value->empty()) return std::nullopt;
  return value;
}

bool valid_region(std::string_view region) {
  if (region.empty() || region.size() > 32) return false;
  for (char c : region)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

bool host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

std::optional<Settings> problem_at(SettingsProblem &problem, bool environment, std::string rule, std::string where,
                                   std::string message) {
  problem = {environment, std::move(rule), std::move(where), std::move(message)};
  return std::nullopt;
}

} // namespace

std::optional<Endpoint> parse_endpoint(std::string_view url, std::string &error) {
  auto refuse = [&](std::string_view reason) -> std::optional<Endpoint> {
    error = concat("the endpoint '", url, "' ", reason);
    return std::nullopt;
  };
  net::UrlError problem;
  std::optional<net::Url> parsed = net::parse_url(url, &problem);
  if (!parsed) {
    switch (problem.fault) {
    case net::UrlFault::no_host: return refuse("has no host");
    case net::UrlFault::bad_host: return refuse("has an invalid host name");
    case net::UrlFault::bad_ipv6: return refuse("has a malformed IPv6 address");
    case net::UrlFault::bad_port: return refuse("has an invalid port");
    default: return refuse("is not a URL; expected http://host:port or https://host");
    }
  }
  Endpoint out;
  out.scheme = parsed->scheme;
  if (out.scheme != "http" && out.scheme != "https") return refuse("must use http or https");
  if (parsed->path != "/" || parsed->has_query || parsed->has_fragment || parsed->has_userinfo)
    return refuse("must be scheme://host[:port] without a path, query or user");
  if (!parsed->host.starts_with("["))
    for (char c : parsed->host)
      if (!host_char(c)) return refuse("has an invalid host name");
  if (parsed->port == "0") return refuse("has an invalid port");
  // The Host header, which the signature covers, names the port only when it is not the scheme's own.
  if (parsed->port == (out.scheme == "https" ? "443" : "80")) parsed->port.reset();
  out.authority = parsed->authority();
  return out;
}

std::optional<Settings> load_settings(const Lookup &env, const Lookup &config, SettingsProblem &problem,
                                      const Lookup &flags) {
  Settings s;
  // A configuration key set by a command-line flag for this run, which outranks every variable.
  auto flag = [&](const std::string &key) { return flags ? nonempty(flags, key) : std::nullopt; };
  auto flag_where = [](const std::string &key) { return key + " (from the command line)"; };

  auto key_id = nonempty(env, "AWS_ACCESS_KEY_ID");
  auto secret = nonempty(env, "AWS_SECRET_ACCESS_KEY");
  if (!key_id || !secret) {
    std::string missing = !key_id && !secret ? "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                          : !key_id          ? "AWS_ACCESS_KEY_ID"
                                             : "AWS_SECRET_ACCESS_KEY";
    return problem_at(problem, true, "s3/credentials", !key_id ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                      "no S3 credentials: set " + missing +
                          " (and AWS_SESSION_TOKEN for temporary credentials) in the environment");
  }
  s.credentials.access_key_id = *key_id;
  s.credentials.secret_access_key = *secret;
  s.credentials.session_token = nonempty(env, "AWS_SESSION_TOKEN").value_or("");

  std::string region_source = flag_where("s3.region");
  auto region = flag("s3.region");
  if (!region) region = nonempty(env, region_source = "AWS_REGION");
  if (!region) region = nonempty(env, region_source = "AWS_DEFAULT_REGION");
  if (!region) region = nonempty(config, region_source = "s3.region");
  if (region) {
    if (!valid_region(*region))
      return problem_at(problem, false, "s3/config", region_source,
                        region_source + " is '" + *region + "'; a region is lower-case letters, digits and '-'");
    s.region = *region;
  }

  std::string endpoint_source = flag_where("s3.endpoint");
  auto endpoint = flag("s3.endpoint");
  if (!endpoint) endpoint = nonempty(env, endpoint_source = "AWS_ENDPOINT_URL_S3");
  if (!endpoint) endpoint = nonempty(config, endpoint_source = "s3.endpoint");
  if (!endpoint) endpoint = nonempty(env, endpoint_source = "AWS_ENDPOINT_URL");
  std::string url = endpoint.value_or("https://s3." + s.region + ".amazonaws.com");
  std::string error;
  auto parsed = parse_endpoint(url, error);
  if (!parsed) return problem_at(problem, false, "s3/config", endpoint_source, endpoint_source + ": " + error);
  s.endpoint = *parsed;

  for (const auto &n : k_numbers) {
    std::string where = flag_where(n.config);
    auto text = flag(n.config);
    if (!text) text = nonempty(env, where = n.env);
    if (!text) text = nonempty(config, where = n.config);
    if (!text) continue;
    // Parsed as the host parses its numeric variables (ssmd/env.hpp), configuration keys included.
    auto value = ssmd::env::parse_whole_number(*text, n.min, n.max);
    if (!value) return problem_at(problem, false, "s3/config", where, ssmd::env::number_error(where, *text, n.min, n.max));
    s.*n.field = static_cast<long>(*value);
  }
  return s;
}

} // namespace ssmd::s3
