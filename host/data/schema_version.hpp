// A manifest's `schema_version` as the registry names it. Collectors may write a bare version ("v1"); the
// registry knows `NAME:VERSION`, so a bare one is resolved against the schemas of the environment that
// collected the data (docs/file-formats.md, "Data manifests").
#pragma once

#include "data/day_manifest.hpp"
#include "registry/repository.hpp"

#include <optional>
#include <string>

namespace ssmd::data {

struct ResolvedSchemaVersion {
  std::string text;    // "trade:v1"; empty when a bare version could not be resolved
  std::string problem; // why not, one sentence for a warning
  std::string via;     // how a bare version was resolved, for messages: "environment acme-prod"
};

// `manifest.schema_version` when it is `NAME:VERSION`. A bare version takes the schema name from the
// `schemas:` of `environment` when given, else of every environment whose `feed:` is the manifest's feed:
// the one `data_type` names (exactly, or without a trailing "s"), else the only one listed.
ResolvedSchemaVersion resolve_schema_version(registry::Repository &repo, const DayManifest &manifest,
                                             const std::optional<std::string> &environment);

} // namespace ssmd::data
