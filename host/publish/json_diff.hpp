// Names the differences between two JSON values, one line per difference, by document path:
//   feed.versions[1].endpoint: "wss://a" → "wss://b"
//   keys.exchange_api: added
//   transport: removed
// `ssmd publish --dry-run` and `--check` print these, so an operator sees what changes and where.
#pragma once

#include <ssmd_json/strict_json.hpp>

#include <string>
#include <vector>

namespace ssmd::publish {

// What changes from `before` (the store's) to `after` (the commit's). Members of objects are matched by key,
// whatever their order; array items by position. Empty when the two are equal.
std::vector<std::string> json_differences(const strict_json::Json &before, const strict_json::Json &after,
                                          const std::string &path = "");

// A value on one line, as JSON, shortened to `width` characters with "…".
std::string json_brief(const strict_json::Json &value, size_t width = 60);

} // namespace ssmd::publish
