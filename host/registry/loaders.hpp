// Maps a parsed document onto the model. Wrong types and unknown keys are reported at their nodes;
// missing and invalid values are the integrity rules' business (registry/check.hpp).
#pragma once

#include "registry/model.hpp"

namespace ssmd::registry {

// Each returns nullopt only when the document's root is not a mapping.
std::optional<Feed> load_feed(const yaml::Document &doc, Diagnostics &out);
std::optional<Schema> load_schema(const yaml::Document &doc, Diagnostics &out);
std::optional<Environment> load_environment(const yaml::Document &doc, Diagnostics &out);

// The known keys of each mapping, in the order files write them.
extern const std::vector<std::string> k_feed_keys;
extern const std::vector<std::string> k_feed_version_keys;
extern const std::vector<std::string> k_calendar_keys;
extern const std::vector<std::string> k_schema_keys;
extern const std::vector<std::string> k_schema_version_keys;
extern const std::vector<std::string> k_environment_keys;
extern const std::vector<std::string> k_key_spec_keys;

} // namespace ssmd::registry
