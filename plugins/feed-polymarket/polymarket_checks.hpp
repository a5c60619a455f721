// The Polymarket checks, split by what they read: feed_checks.cpp walks a feed's versions,
// endpoint_checks.cpp checks where a version connects and how it authenticates, subscription_checks.cpp what it
// subscribes to, environment_checks.cpp an environment that uses the feed. Paths are relative to the document
// being checked.
#pragma once

#include "polymarket_api.hpp"

#include <ssmd/plugin.hpp>
#include <ssmd_feed/url.hpp>

#include <optional>

namespace polymarket {

void check_feed(const ssmd::Node &feed, ssmd::Diagnostics &out);
void check_environment(const ssmd::Node &env, const ssmd::Node &feed, ssmd::Diagnostics &out);

// Reports the endpoint rules for one version and returns the interface it reaches, when that can be told.
std::optional<Interface> check_endpoint(const ssmd::Node &feed, const ssmd::Node &version, ssmd::Diagnostics &out);
void check_auth(const ssmd::Node &version, std::optional<Interface> interface, ssmd::Diagnostics &out);
void check_subscription(const ssmd::Node &version, std::optional<Interface> interface, ssmd::Diagnostics &out);

// The interface a published endpoint URL reaches; nullopt for anything Polymarket does not publish.
std::optional<Interface> interface_of(const ssmd_feed::Url &url);

} // namespace polymarket
