#include "plugins/plugin_manager.hpp"

#include "core/errors.hpp"
#include "plugins/abi_slot.hpp"
#include "plugins/discovery.hpp"
#include "plugins/host_services.hpp"
#include "plugins/loader.hpp"
#include "plugins/lock_file.hpp"
#include "plugins/plugin_policy.hpp"
#include "plugins/required_plugins.hpp"

#include <algorithm>
#include <mutex>

namespace ssmd {

std::string_view plugin_status_name(PluginStatus status) {
  switch (status) {
  case PluginStatus::Ok: return "ok";
  case PluginStatus::AbiMismatch: return "abi-mismatch";
  case PluginStatus::NotAllowed: return "not-allowed";
  case PluginStatus::HashMismatch: return "hash-mismatch";
  case PluginStatus::Conflict: return "conflict";
  case PluginStatus::Unsafe: return "unsafe";
  case PluginStatus::Invalid: return "invalid";
  case PluginStatus::LoadFailed: return "load-failed";
  case PluginStatus::Shadowed: return "shadowed";
  }
  return "invalid";
}

std::string unread_plugins_note(const std::vector<PluginInfo> &plugins) {
  std::string out;
  for (const auto &p : plugins)
    if (p.status == PluginStatus::Unsafe) out += (out.empty() ? " (" : "; ") + p.problem;
  return out.empty() ? out : out + ")";
}

// One mutex guards discovery and loading: both happen once per plugin, and lookups are a few map reads.
struct PluginManager::Impl {
  PluginSettings settings;
  std::mutex mutex;
  bool discovered = false;
  std::optional<EnvironmentError> discovery_error;
  std::vector<PluginInfo> plugins;
  // Load outcomes by index into `plugins`: the table, or why there is none.
  std::map<size_t, const ssmd_plugin *> loaded;
  std::map<size_t, std::string> load_errors;
  // Plugins may keep the host table for as long as they live, which is the whole process.
  const ssmd_host *host = nullptr;

  // Discovers plugins once; later calls rethrow a discovery error. Call with `mutex` held.
  void discover() {
    if (!discovered) {
      discovered = true;
      try {
        std::optional<LockFile> lock;
        if (settings.locked) {
          if (!settings.lock_file)
            throw EnvironmentError("--locked needs a repository holding " + std::string(kLockFileName) +
                                   " (none found; use --repo DIR)");
          lock = read_lock_file(*settings.lock_file);
        }
        plugins = scan_plugins(settings.search_path);
        require_named_plugins(plugins, settings, lock ? &*lock : nullptr);
        apply_plugin_policy(plugins, settings, lock ? &*lock : nullptr);
        // Only usable plugins keep their file open: nothing else is ever loaded.
        for (auto &p : plugins)
          if (p.status != PluginStatus::Ok) p.file.reset();
      } catch (const EnvironmentError &e) {
        discovery_error = e;
        plugins.clear();
      }
    }
    if (discovery_error) throw *discovery_error;
  }

  const ssmd_host *host_table() {
    if (!host) host = HostServices::for_process(settings.repo_root);
    return host;
  }

  // The loaded table of plugin `index`, or nullptr with the reason in `error`. Call with `mutex` held.
  const ssmd_plugin *load(size_t index, std::string &error) {
    if (auto it = loaded.find(index); it != loaded.end()) return it->second;
    if (auto it = load_errors.find(index); it != load_errors.end()) {
      error = it->second;
      return nullptr;
    }
    const PluginInfo &info = plugins[index];
    const ssmd_plugin *table = nullptr;
    // The descriptor cannot be pointed at another file, but the file itself could have been rewritten in
    // place since its manifest (and, under --locked, its hash) was read: then it is not what was checked.
    if (!info.file || info.file->changed_since_opened())
      error = "plugin '" + info.manifest.name + "' (" + info.path.string() + ") changed since it was checked" +
              (info.sha256.empty() ? std::string() : std::string(" against ") + kLockFileName) + "; refusing to load it";
    if (error.empty()) table = load_plugin(info, host_table(), error);
    if (table) loaded[index] = table;
    else load_errors[index] = error;
    return table;
  }

  // Finds who provides `kind` `name`, loads it, and picks the extension's table out of the plugin table.
  template <class T, class Pick> Lookup<T> lookup(const std::string &kind, std::string_view name, const char *label, Pick pick) {
    std::lock_guard guard(mutex);
    discover();
    Lookup<T> out;
    std::optional<size_t> usable, refused;
    for (size_t i = 0; i < plugins.size(); ++i) {
      const Manifest &m = plugins[i].manifest;
      bool declares = kind == "command"
                          ? std::any_of(m.commands.begin(), m.commands.end(), [&](auto &c) { return c.name == name; })
                          : std::any_of(m.provides.begin(), m.provides.end(),
                                        [&](auto &p) { return p.kind == kind && p.name == name; });
      if (!declares) continue;
      if (plugins[i].status == PluginStatus::Ok) {
        usable = i;
        break;
      }
      if (!refused && plugins[i].status != PluginStatus::Shadowed) refused = i;
    }
    if (!usable) {
      if (refused) {
        out.plugin = plugins[*refused].manifest.name;
        out.problem = std::string(label) + " '" + std::string(name) + "' is unavailable: " + plugins[*refused].problem;
        out.failure = LookupFailure::Unavailable;
      } else {
        out.problem = "no plugin provides " + std::string(label) + " '" + std::string(name) + "'" + unread_plugins_note(plugins);
        out.failure = LookupFailure::NotFound;
      }
      return out;
    }
    out.plugin = plugins[*usable].manifest.name;
    std::string error;
    const ssmd_plugin *table = load(*usable, error);
    if (table) out.table = pick(*table, name);
    if (out.table) out.host = HostServices::for_call(host_table(), slot_since(*table, 4, *out.table, &T::context));
    if (!out.table) {
      out.problem = error;
      out.failure = LookupFailure::LoadFailed;
    }
    return out;
  }
};

PluginManager::PluginManager(PluginSettings settings) : impl_(std::make_unique<Impl>()) {
  impl_->settings = std::move(settings);
}
PluginManager::~PluginManager() = default;

const PluginSettings &PluginManager::settings() const { return impl_->settings; }

const std::vector<PluginInfo> &PluginManager::plugins() {
  std::lock_guard guard(impl_->mutex);
  impl_->discover();
  return impl_->plugins;
}

const PluginInfo *PluginManager::find(std::string_view name) {
  for (const auto &p : plugins())
    if (p.manifest.name == name && p.status != PluginStatus::Shadowed) return &p;
  return nullptr;
}

namespace {
std::string_view text(ssmd_str s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }

// The entry of `items` whose `field` equals `name`.
template <class T> const T *pick(const T *const *items, size_t count, ssmd_str T::*field, std::string_view name) {
  for (size_t i = 0; i < count; ++i)
    if (text(items[i]->*field) == name) return items[i];
  return nullptr;
}
} // namespace

Lookup<ssmd_feed_validator> PluginManager::feed_validator(std::string_view n) {
  return impl_->lookup<ssmd_feed_validator>("feed", n, "feed validator", [](const ssmd_plugin &p, std::string_view name) {
    return pick(p.feed_validators, p.feed_validator_count, &ssmd_feed_validator::exchange, name);
  });
}
Lookup<ssmd_schema_format> PluginManager::schema_format(std::string_view n) {
  return impl_->lookup<ssmd_schema_format>("schema-format", n, "schema format", [](const ssmd_plugin &p, std::string_view name) {
    return pick(p.schema_formats, p.schema_format_count, &ssmd_schema_format::format, name);
  });
}
Lookup<ssmd_secret_backend> PluginManager::secret_backend(std::string_view n) {
  return impl_->lookup<ssmd_secret_backend>("secret", n, "secret backend", [](const ssmd_plugin &p, std::string_view name) {
    return pick(p.secret_backends, p.secret_backend_count, &ssmd_secret_backend::prefix, name);
  });
}
Lookup<ssmd_storage_backend> PluginManager::storage_backend(std::string_view n) {
  return impl_->lookup<ssmd_storage_backend>("storage", n, "storage backend", [](const ssmd_plugin &p, std::string_view name) {
    return pick(p.storage_backends, p.storage_backend_count, &ssmd_storage_backend::scheme, name);
  });
}
Lookup<ssmd_publisher> PluginManager::publisher(std::string_view n) {
  return impl_->lookup<ssmd_publisher>("publisher", n, "publisher", [](const ssmd_plugin &p, std::string_view name) {
    // Publishers arrived with ABI 1.3; verify_plugin_table() accepted the table, so a 1.3 plugin's are sound.
    if (p.abi_minor < 3) return static_cast<const ssmd_publisher *>(nullptr);
    return pick(p.publishers, p.publisher_count, &ssmd_publisher::scheme, name);
  });
}
Lookup<ssmd_subcommand> PluginManager::subcommand(std::string_view n) {
  return impl_->lookup<ssmd_subcommand>("command", n, "command", [](const ssmd_plugin &p, std::string_view name) {
    return pick(p.subcommands, p.subcommand_count, &ssmd_subcommand::name, name);
  });
}

Lookup<ssmd_plugin> PluginManager::plugin_table(std::string_view name) {
  std::lock_guard guard(impl_->mutex);
  impl_->discover();
  Lookup<ssmd_plugin> out;
  out.plugin = std::string(name);
  const auto &plugins = impl_->plugins;
  auto it = std::find_if(plugins.begin(), plugins.end(), [&](const PluginInfo &p) {
    return p.manifest.name == name && p.status != PluginStatus::Shadowed;
  });
  if (it == plugins.end()) {
    out.problem = "no plugin named '" + std::string(name) + "' is on the plugin path";
    out.failure = LookupFailure::NotFound;
  } else if (it->status != PluginStatus::Ok) {
    out.problem = it->problem;
    out.failure = LookupFailure::Unavailable;
  } else {
    std::string error;
    out.table = impl_->load(static_cast<size_t>(it - plugins.begin()), error);
    out.host = out.table ? impl_->host_table() : nullptr;
    if (!out.table) {
      out.problem = error;
      out.failure = LookupFailure::LoadFailed;
    }
  }
  return out;
}

const ssmd_host *PluginManager::host_services() {
  std::lock_guard guard(impl_->mutex);
  return impl_->host_table();
}

} // namespace ssmd
