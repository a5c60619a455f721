// How commands present the model: JSON values for `--output json` and helpers shared by the text views.
#pragma once

#include "core/json.hpp"
#include "registry/model.hpp"

#include <ostream>

namespace ssmd::registry {

// A YAML node as JSON: unquoted true/false become booleans, unquoted integers numbers, other scalars strings.
json::Value node_json(const yaml::Node *node);
// A free-form mapping on one line: "type=nats url=nats://localhost:4222".
std::string node_inline(const yaml::Node *node);

json::Value feed_version_json(const FeedVersion &v);
json::Value feed_json(const Feed &feed, bool with_versions);
json::Value schema_version_json(const Schema &schema, const SchemaVersion &v);

std::string date_or_dash(const std::optional<Date> &date);
std::string bool_text(const std::optional<bool> &value);
std::string int_text(const std::optional<int64_t> &value);
std::string join(const std::vector<std::string> &items, const std::string &sep = ", ");

// Aligned "label: value" lines.
void print_fields(std::ostream &out, const std::vector<std::pair<std::string, std::string>> &fields,
                  const std::string &indent = "");

} // namespace ssmd::registry
