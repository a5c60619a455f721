// Which versions of a schema `schema breaking` compares when it is not told: versions in the order they
// take effect, the newest last.
#pragma once

#include "registry/model.hpp"

#include <string>
#include <vector>

namespace ssmd::schema {

// The versions from oldest to newest: by effective_from, then by their place in the file; versions
// without a date come last (an unscheduled draft is the newest idea).
std::vector<const registry::SchemaVersion *> versions_oldest_first(const registry::Schema &schema);

// The version named `version`; throws DomainError (exit 1) naming the schema and where it was read from.
const registry::SchemaVersion &require_version(const registry::Schema &schema, const std::string &version,
                                               const std::string &where);

// The version just before `version` in versions_oldest_first(), or nullptr when it is the oldest.
const registry::SchemaVersion *version_before(const registry::Schema &schema, const registry::SchemaVersion &version);

} // namespace ssmd::schema
