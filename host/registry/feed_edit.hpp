// Writing feeds: a new feed file, and one new version spliced into an existing file.
#pragma once

#include "registry/model.hpp"
#include "registry/yaml_text.hpp"

namespace ssmd::registry {

// The `key: value` entries of a version, in the order files write them. `extras` are plugin fields
// carried over from an earlier version, already as YAML text.
std::vector<YamlEntry> feed_version_entries(const FeedVersion &v, const std::vector<YamlEntry> &extras);

// The text of a new feed file.
std::string render_feed_file(const Feed &feed);

// `loaded`'s text with `v` inserted into `versions:` in effective_from order, indented like its
// neighbours. Throws DomainError when the list cannot be edited in place (flow style, absent).
std::string insert_feed_version(const LoadedFeed &loaded, const FeedVersion &v, const std::vector<YamlEntry> &extras);

// The extra (plugin) fields of a version as one-line YAML, for carrying them over to a new version.
std::vector<YamlEntry> carried_extras(const FeedVersion &from);

} // namespace ssmd::registry
