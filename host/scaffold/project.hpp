// What `ssmd plugin new` writes: a plugin project for a third-party team, rendered from the templates in
// host/scaffold/templates_*.cpp. Everything here is pure (no I/O), so it is tested without a disk.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::scaffold {

// The extension point the new plugin implements.
enum class Kind { Feed, SchemaFormat, Secret, Storage };

// "feed", "schema-format", "secret" or "storage" (the manifest's `provides` kinds); nullopt otherwise.
std::optional<Kind> parse_kind(std::string_view text);
std::string_view kind_name(Kind kind);
// The kind a plugin name suggests: feed-*, schema-*, secrets-*, storage-*; anything else is a feed.
Kind kind_from_name(std::string_view name);

// A project to render. `id` is what the plugin provides: the exchange, format, key-source prefix or URL
// scheme, taken from the name without its kind's prefix (feed-acme -> acme).
struct ProjectSpec {
  std::string name;
  Kind kind = Kind::Feed;
  std::string id;
};

// "a feed validator for exchange 'acme'": what the project will be, for messages.
std::string describe(const ProjectSpec &spec);

// Builds the spec for `name`, the kind given or the one the name suggests. Throws UsageError when the name
// or what is left of it after the prefix is not a valid ssmd name (^[a-z][a-z0-9_-]{0,63}$).
ProjectSpec make_spec(std::string_view name, std::optional<Kind> kind);

struct ProjectFile {
  std::string path; // relative to the project directory, '/'-separated
  std::string content;
};

// Every file of the project, in a fixed order. `ssmd_version` is the running host's version; the
// project asks for an SDK of the same major.minor.
std::vector<ProjectFile> render_project(const ProjectSpec &spec, std::string_view ssmd_version);

} // namespace ssmd::scaffold
