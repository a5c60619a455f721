// Checks an environment that uses a Kalshi feed: that it declares the key Kalshi's request signing needs, and
// that its production or demo intent matches the hosts the feed points at.
#include "kalshi_checks.hpp"
#include "kalshi_rules.hpp"

#include <ssmd_feed/env_keys.hpp>
#include <ssmd_feed/text.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace kalshi {
namespace {

using ssmd::Diagnostics;
using ssmd::Node;

// The field names a Kalshi key carries (https://docs.kalshi.com/getting_started/api_keys): the Key ID sent in
// KALSHI-ACCESS-KEY, and the RSA private key that signs `timestamp + method + path` with RSA-PSS.
constexpr std::string_view k_key_fields[] = {"key_id", "private_key"};

std::string_view tier_name(Tier tier) { return tier == Tier::production ? "production" : "demo"; }

// True when some version signs its requests: every WebSocket version, and REST versions with api_key.
bool feed_needs_key(const Node &feed) {
  if (surface_of_type(feed["type"].str()) == Surface::websocket) return true;
  for (auto &[index, version] : feed["versions"].items()) {
    if (version["auth_method"].str() == "api_key") return true;
    auto url = endpoint_of(version);
    if (url && surface_of_scheme(url->scheme) == Surface::websocket) return true;
  }
  return false;
}

// Warnings only (docs/plugins.md): the collector, not Kalshi, decides which fields it reads, and an environment
// may be created before its keys are declared. The message names the fields this plugin knows.
void check_key_fields(const Node &env, const Node &feed, Diagnostics &out) {
  if (!feed_needs_key(feed)) return;
  auto finding = ssmd_feed::find_key_fields(env, k_key_fields, "kalshi");
  if (finding.satisfied) return;
  const std::string what = "the fields this plugin knows for Kalshi's request signing are `key_id` (the API Key ID, "
                           "sent as KALSHI-ACCESS-KEY) and `private_key` (the RSA private key that signs each "
                           "request with RSA-PSS)";
  if (finding.key.empty()) {
    out.warning(rule::env_key_fields, finding.path,
                "the feed signs its requests, and this environment declares no key under `keys:` yet; " + what);
    return;
  }
  std::vector<std::string_view> missing(finding.missing.begin(), finding.missing.end());
  out.warning(rule::env_key_fields, finding.path,
              "key `" + finding.key + "` has no " + ssmd_feed::backticked_list(missing) +
                  "; if your collector reads other field names, this is fine. " + what);
}

// What a name says about its environment: `prod` or `production` means production, `demo` means demo; a name
// that says both, or neither, says nothing.
std::optional<Tier> tier_claimed_by(std::string_view name) {
  auto tokens = ssmd_feed::name_tokens(name);
  auto has = [&](std::string_view t) { return std::find(tokens.begin(), tokens.end(), t) != tokens.end(); };
  bool production = has("prod") || has("production");
  bool demo = has("demo");
  if (production == demo) return std::nullopt;
  return production ? Tier::production : Tier::demo;
}

struct Claim {
  Tier tier;
  std::string path;  // where the claim is written: `name`, `keys.<k>` or `keys.<k>.source`
  std::string words; // how the message refers to it
};

std::vector<Claim> claims_of(const Node &env) {
  std::vector<Claim> claims;
  Node name = env["name"];
  if (auto tier = tier_claimed_by(name.str()))
    claims.push_back({*tier, name.path(), "environment `" + std::string(name.str()) + "`"});
  Node keys = env["keys"];
  if (!keys.is_map()) return claims;
  for (auto &[index, key] : keys.items()) {
    std::string key_name(keys.key_at(index));
    if (auto tier = tier_claimed_by(key_name)) claims.push_back({*tier, key.path(), "key `" + key_name + "`"});
    Node source = key["source"];
    if (auto tier = tier_claimed_by(source.str()))
      claims.push_back({*tier, source.path(), "the source of key `" + key_name + "`"});
  }
  return claims;
}

void check_host_tiers(const Node &env, const Node &feed, Diagnostics &out) {
  for (const Claim &claim : claims_of(env)) {
    for (auto &[index, version] : feed["versions"].items()) {
      auto url = endpoint_of(version);
      auto tier = url ? host_tier(url->host) : std::nullopt;
      if (!tier || *tier == claim.tier) continue;
      out.warning(rule::env_host_mismatch, claim.path,
                  claim.words + " says " + std::string(tier_name(claim.tier)) + ", but version `" +
                      std::string(version["version"].str()) + "` of feed `" + std::string(feed["name"].str()) +
                      "` uses the " + std::string(tier_name(*tier)) + " host `" + url->host + "`; " +
                      std::string(tier_name(claim.tier)) + " keys work only against " +
                      std::string(tier_name(claim.tier)) + " hosts");
      break; // one warning per claim is enough to act on
    }
  }
}

} // namespace

void check_environment(const Node &env, const Node &feed, Diagnostics &out) {
  check_key_fields(env, feed, out);
  check_host_tiers(env, feed, out);
}

} // namespace kalshi
