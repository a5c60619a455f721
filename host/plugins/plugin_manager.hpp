// Finds plugins, reads their manifests without loading them, enforces the allowlist, the lock file and
// file permissions, and loads a library only when one of its extension points is asked for.
//
// The lookups return the C table of the extension point, or an explanation of why there is none
// ("no plugin provides feed validator 'acme'", "plugin 'feed-acme' is not allowed by --plugins",
// "plugins 'a' and 'b' both provide ..."). Loaded libraries are never unloaded.
#pragma once

#include "plugins/manifest.hpp"

#include <ssmd/plugin.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssmd {

struct PluginSettings {
  std::vector<std::filesystem::path> search_path;      // in priority order
  std::optional<std::vector<std::string>> allowlist;   // --plugins
  bool locked = false;                                 // --locked
  std::optional<std::filesystem::path> lock_file;      // <repo>/ssmd-plugins.lock when in a repository
  std::filesystem::path repo_root;                     // empty outside a repository
};

enum class PluginStatus { Ok, AbiMismatch, NotAllowed, HashMismatch, Conflict, Unsafe, Invalid, LoadFailed };
std::string_view plugin_status_name(PluginStatus status);

// One discovered plugin file.
struct PluginInfo {
  std::filesystem::path path;
  Manifest manifest;
  PluginStatus status = PluginStatus::Ok;
  std::string problem;   // why status is not Ok, one sentence naming the plugin
};

// The outcome of looking an extension point up.
template <class T> struct Lookup {
  const T *table = nullptr; // the extension's C table when found and loaded
  std::string plugin;       // the plugin that provides it, when one does
  std::string problem;      // why `table` is null
  explicit operator bool() const { return table != nullptr; }
};

class PluginManager {
public:
  explicit PluginManager(PluginSettings settings);
  ~PluginManager();

  // Every plugin file found on the search path, with its status. Reads manifests; loads nothing.
  const std::vector<PluginInfo> &plugins();

  Lookup<ssmd_feed_validator> feed_validator(std::string_view exchange);
  Lookup<ssmd_schema_format> schema_format(std::string_view format);
  Lookup<ssmd_secret_backend> secret_backend(std::string_view prefix);
  Lookup<ssmd_storage_backend> storage_backend(std::string_view scheme);
  Lookup<ssmd_subcommand> subcommand(std::string_view name);

  // The services table handed to plugins (document API, repository root, config).
  const ssmd_host *host_services();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace ssmd
