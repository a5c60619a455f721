// The structural fingerprint of one schema version for `schema show`, from its format's plugin. Showing
// a schema never depends on a plugin: when none can answer, the result says why instead; when the plugin
// fails (crashes, hangs), the result says so too, and the command still shows what it can.
#pragma once

#include "plugins/plugin_access.hpp"
#include "registry/repository.hpp"

#include <optional>
#include <string>

namespace ssmd::schema {

struct VersionFingerprint {
  std::optional<std::string> value; // e.g. "<format>-schema:sha256:<hex>"
  std::string unavailable;          // why `value` is empty: no plugin, no fingerprint support, errors
  Diagnostics findings;             // what the plugin reported about the file
  // The plugin could not be loaded, crashed, hung or aborted: an environment failure (exit 3), explained by
  // `unavailable` and by a `plugin/failed` finding.
  bool failed = false;
};

// Asks the plugin of `schema.format` for the fingerprint of `version`, reading files through `repo`.
VersionFingerprint fingerprint_version(PluginAccess access, const registry::Repository &repo, const registry::Schema &schema,
                                       const registry::SchemaVersion &version);

} // namespace ssmd::schema
