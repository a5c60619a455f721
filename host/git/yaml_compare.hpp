// Comparing two YAML trees by meaning rather than by text: key order, quoting, comments and layout do
// not count. The semantic summary is built on these.
#pragma once

#include "yaml/document.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ssmd::git {

// True when `a` and `b` hold the same data. Null pointers (absent keys) equal only each other.
bool same_value(const yaml::Node *a, const yaml::Node *b);

// The scalar text of `node`, or nullopt when it is absent or not a scalar.
std::optional<std::string> scalar_text(const yaml::Node *node);

// The keys of `a` and `b` whose values differ (present in one only, or different), in `b`'s order and
// then `a`'s. Either may be null or a non-map, which counts as empty. Nothing differs in a node compared
// with itself, which trees that share pieces (yaml/piece_parser.hpp) make common.
std::vector<std::string> changed_keys(const yaml::Node *a, const yaml::Node *b);

// A sequence of maps identified by one scalar key, such as `versions:` identified by `version:`.
struct KeyedItem {
  std::string id;
  const yaml::Node *node = nullptr;
};
// The items of `sequence` keyed by `id_key`, in document order; nullopt when `sequence` is not a
// sequence of maps that each have a scalar `id_key` (the caller then falls back to a coarser summary).
// An absent `sequence` is an empty list.
std::optional<std::vector<KeyedItem>> keyed_items(const yaml::Node *sequence, std::string_view id_key);

// The items by id, the first of each id winning: a schema's history can hold a thousand versions, too
// many to search one by one for each of them.
using ItemIndex = std::unordered_map<std::string_view, const yaml::Node *>;
ItemIndex index_items(const std::vector<KeyedItem> &items);

// The item with `id` in `index`, or null.
const yaml::Node *find_item(const ItemIndex &index, std::string_view id);

} // namespace ssmd::git
