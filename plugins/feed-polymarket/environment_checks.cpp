// Checks an environment that uses a Polymarket feed: when the feed authenticates (the user channel, or the CLOB
// with api_key), the environment must declare a key carrying the CLOB API credentials.
#include "polymarket_checks.hpp"
#include "polymarket_rules.hpp"

#include <ssmd_feed/env_keys.hpp>
#include <ssmd_feed/text.hpp>

#include <string>
#include <vector>

namespace polymarket {
namespace {

// True when some version authenticates: it says `auth_method: api_key`, or connects to the user channel.
bool feed_needs_key(const ssmd::Node &feed) {
  for (auto &[index, version] : feed["versions"].items()) {
    if (version["auth_method"].str() == "api_key") return true;
    ssmd::Node endpoint = version["endpoint"];
    auto url = endpoint.is_scalar() ? ssmd_feed::parse_url(endpoint.str()) : std::nullopt;
    if (url && url->scheme == "wss" && url->path == k_user_path) return true;
  }
  return false;
}

} // namespace

void check_environment(const ssmd::Node &env, const ssmd::Node &feed, ssmd::Diagnostics &out) {
  if (!feed_needs_key(feed)) return;
  auto finding = ssmd_feed::find_key_fields(env, k_key_fields, "polymarket");
  if (finding.satisfied) return;
  // Warnings only (docs/plugins.md): the collector decides which fields it reads, and an environment may be
  // created before its keys are declared.
  const std::string what = "the fields this plugin knows for Polymarket's CLOB API credentials are `apiKey`, "
                           "`secret` and `passphrase`, sent in the user channel's `auth` object (and used to sign "
                           "L2 requests)";
  if (finding.key.empty()) {
    out.warning(rule::env_key_fields, finding.path,
                "the feed authenticates, and this environment declares no key under `keys:` yet; " + what);
    return;
  }
  std::vector<std::string_view> missing(finding.missing.begin(), finding.missing.end());
  out.warning(rule::env_key_fields, finding.path,
              "key `" + finding.key + "` has no " + ssmd_feed::backticked_list(missing) +
                  "; if your collector reads other field names, this is fine. " + what);
}

} // namespace polymarket
