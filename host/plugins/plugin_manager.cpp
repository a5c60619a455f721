// Placeholder until discovery and loading land: no plugin is ever found.
#include "plugins/plugin_manager.hpp"

#include "cli/context.hpp"

namespace ssmd {

struct PluginManager::Impl {
  PluginSettings settings;
  std::vector<PluginInfo> plugins;
};

PluginManager::PluginManager(PluginSettings settings) : impl_(std::make_unique<Impl>()) {
  impl_->settings = std::move(settings);
}
PluginManager::~PluginManager() = default;

const std::vector<PluginInfo> &PluginManager::plugins() { return impl_->plugins; }

namespace {
template <class T> Lookup<T> none(std::string_view kind, std::string_view name) {
  Lookup<T> out;
  out.problem = "no plugin provides " + std::string(kind) + " '" + std::string(name) + "'";
  return out;
}
} // namespace

Lookup<ssmd_feed_validator> PluginManager::feed_validator(std::string_view n) { return none<ssmd_feed_validator>("feed validator", n); }
Lookup<ssmd_schema_format> PluginManager::schema_format(std::string_view n) { return none<ssmd_schema_format>("schema format", n); }
Lookup<ssmd_secret_backend> PluginManager::secret_backend(std::string_view n) { return none<ssmd_secret_backend>("secret backend", n); }
Lookup<ssmd_storage_backend> PluginManager::storage_backend(std::string_view n) { return none<ssmd_storage_backend>("storage backend", n); }
Lookup<ssmd_subcommand> PluginManager::subcommand(std::string_view n) { return none<ssmd_subcommand>("command", n); }
const ssmd_host *PluginManager::host_services() { return nullptr; }

PluginManager &Context::plugins() {
  if (!plugins_) plugins_ = std::make_unique<PluginManager>(PluginSettings{});
  return *plugins_;
}

} // namespace ssmd
