// Finds plugins, reads their manifests without loading them, enforces the allowlist, the lock file and
// file permissions, and loads a library only when one of its extension points is asked for.
//
// The lookups return the C table of the extension point, or an explanation of why there is none
// ("no plugin provides feed validator 'acme'", "plugin 'feed-acme' is not allowed by --plugins",
// "plugins 'a' and 'b' both provide ..."). Loaded libraries are never unloaded. Every member function is
// safe to call from several threads at once.
#pragma once

#include "plugins/manifest.hpp"
#include "plugins/plugin_file.hpp"

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
  std::vector<std::string> reserved_commands;          // built-in command words a plugin may not take
};

// Why a plugin can or cannot be used. A plugin is loaded only when Ok.
enum class PluginStatus {
  Ok,           // usable; loaded when first asked for
  AbiMismatch,  // its manifest names another ABI major version than the host's
  NotAllowed,   // not named by --plugins, or under --locked not in the lock file
  HashMismatch, // under --locked: its SHA-256 differs from the lock file's
  Conflict,     // provides what another usable plugin provides, or a command name the host has
  Unsafe,       // the file or a directory above it is owned by another user or writable by group or
                // others; such a file is never opened, so only its file name is known
  Invalid,      // the manifest or the ELF file is malformed
  LoadFailed,   // kept for listings of a load attempt; lookups report load failures themselves
  Shadowed,     // a plugin of the same name comes earlier on the search path
};
std::string_view plugin_status_name(PluginStatus status);

// One discovered plugin file.
struct PluginInfo {
  std::filesystem::path path;
  Manifest manifest;     // for Invalid plugins only `name` is set (the file name without .so)
  PluginStatus status = PluginStatus::Ok;
  std::string problem;   // why status is not Ok, one sentence naming the plugin
  std::string reason;    // the same without naming it, to follow "plugin 'x' is not usable: " (may be empty)
  std::string sha256;    // set when the lock file was checked (--locked)
  // The file, opened once at discovery, for plugins that may be used: the manifest, owner, mode and lock
  // hash were read through this descriptor, and the library is loaded from it. Null for the others.
  std::shared_ptr<const PluginFile> file;
};

// " (plugin 'x' was refused unread: <why>; ...)" for the plugins refused as unsafe, whose manifests were
// not read, so a lookup that finds nothing can say what it could not see; "" when there are none.
std::string unread_plugins_note(const std::vector<PluginInfo> &plugins);

// Why a lookup found nothing.
enum class LookupFailure {
  None,        // found and loaded
  NotFound,    // no discovered plugin declares it
  Unavailable, // a plugin declares it but may not be used (see its status)
  LoadFailed,  // the plugin was allowed, but loading or checking its library failed
};

// The outcome of looking an extension point up.
template <class T> struct Lookup {
  const T *table = nullptr; // the extension's C table when found and loaded
  // What every call of `table` receives as its `host` (or in its ssmd_feed_context): the process's services
  // carrying the table's own `context` (ABI 1.4). Set whenever `table` is.
  const ssmd_host *host = nullptr;
  std::string plugin;       // the plugin that provides it, when one does
  std::string problem;      // why `table` is null
  LookupFailure failure = LookupFailure::None;
  explicit operator bool() const { return table != nullptr; }
};

class PluginManager {
public:
  explicit PluginManager(PluginSettings settings);
  ~PluginManager();

  const PluginSettings &settings() const;

  // Every plugin file found on the search path, with its status. Reads manifests; loads nothing.
  // Throws EnvironmentError when --locked is given and the lock file is missing or malformed.
  const std::vector<PluginInfo> &plugins();
  // The plugin of that name that wins on the search path (not a shadowed copy), or nullptr.
  const PluginInfo *find(std::string_view name);

  Lookup<ssmd_feed_validator> feed_validator(std::string_view exchange);
  Lookup<ssmd_schema_format> schema_format(std::string_view format);
  Lookup<ssmd_secret_backend> secret_backend(std::string_view prefix);
  Lookup<ssmd_storage_backend> storage_backend(std::string_view scheme);
  Lookup<ssmd_publisher> publisher(std::string_view scheme);
  Lookup<ssmd_subcommand> subcommand(std::string_view name);
  // The whole table of the usable plugin called `name` (for its rules), loading it.
  Lookup<ssmd_plugin> plugin_table(std::string_view name);

  // The services table handed to entry points (document API, repository root, config). Calls of an
  // extension's table take its Lookup's `host` instead, which carries the table's context.
  const ssmd_host *host_services();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace ssmd
