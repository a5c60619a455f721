#include "plugins/host_services.hpp"

#include "config/config.hpp"
#include "core/printable.hpp"
#include "version.hpp"
#include "yaml/document.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace ssmd {

namespace {
// The C table's config() takes no context, so the process's configuration is reached through this.
std::atomic<const Config *> g_config{nullptr};

const ssmd_node *lookup_config(ssmd_str key) {
  const Config *config = g_config.load();
  if (!config || !key.data) return nullptr;
  auto value = config->get(std::string(key.data, key.size));
  return value ? yaml::Document::handle(value->node) : nullptr;
}

// Only values whose winning origin is a flag ("flag --acme-endpoint"): a plugin ranks these above its own
// environment variables, as ssmd ranks flags above environment variables.
const ssmd_node *lookup_flag_config(ssmd_str key) {
  const Config *config = g_config.load();
  if (!config || !key.data) return nullptr;
  auto value = config->get(std::string(key.data, key.size));
  return value && value->origin.rfind("flag ", 0) == 0 ? yaml::Document::handle(value->node) : nullptr;
}
// Only values from trusted layers (flags, environment, the user's file), never the repository's files.
const ssmd_node *lookup_trusted_config(ssmd_str key) {
  const Config *config = g_config.load();
  if (!config || !key.data) return nullptr;
  auto value = config->trusted_get(std::string(key.data, key.size));
  return value ? yaml::Document::handle(value->node) : nullptr;
}
// The listener of this thread's current entry-point call, if any.
thread_local RefusalListener *t_listener = nullptr;

constexpr size_t kMaxReasonBytes = 1024;
} // namespace

// Receives `host->refuse` calls; a friend of RefusalListener.
struct RefusalReceiver {
  static void refuse(const ssmd_host *, ssmd_str reason) {
    RefusalListener *listener = t_listener;
    if (!listener) return; // called outside an entry point: nobody asked
    // It is printed to a terminal: no escape sequence, line break or broken UTF-8 of the plugin's reaches it.
    listener->reason_ =
        printable(std::string_view(reason.data ? reason.data : "", reason.data ? std::min(reason.size, kMaxReasonBytes) : 0));
  }
};

RefusalListener::RefusalListener() : previous_(t_listener) { t_listener = this; }
RefusalListener::~RefusalListener() { t_listener = previous_; }

const ssmd_host *HostServices::for_call(const ssmd_host *base, void *context) {
  if (!context) return base;
  // Reachable from a static and never destroyed, as for_process's tables: a plugin may keep the pointer.
  static std::mutex mutex;
  static auto *tables = new std::map<std::pair<const ssmd_host *, void *>, std::unique_ptr<HostServices>>();
  std::lock_guard lock(mutex);
  auto &slot = (*tables)[{base, context}];
  if (!slot) {
    ssmd_host copy = *base;
    copy.context = context;
    slot.reset(new HostServices(copy));
  }
  return slot->table();
}

void HostServices::use_config(const Config *config) { g_config.store(config); }

const ssmd_host *HostServices::for_process(const std::filesystem::path &repo_root) {
  // Reachable from a static, so leak checkers see it as kept on purpose; never destroyed.
  static std::mutex mutex;
  static auto *tables = new std::vector<std::unique_ptr<HostServices>>();
  std::lock_guard lock(mutex);
  tables->push_back(std::make_unique<HostServices>(repo_root));
  return tables->back()->table();
}

HostServices::HostServices(const std::filesystem::path &repo_root) : repo_root_(repo_root.string()) {
  table_.struct_size = sizeof(ssmd_host);
  table_.abi_major = SSMD_ABI_VERSION_MAJOR;
  table_.abi_minor = SSMD_ABI_VERSION_MINOR;
  table_.doc = yaml::Document::api();
  table_.repo_root = ssmd_str{repo_root_.data(), repo_root_.size()};
  table_.ssmd_version = ssmd_str{kVersion, std::strlen(kVersion)};
  table_.config = lookup_config;
  table_.flag_config = lookup_flag_config;
  table_.trusted_config = lookup_trusted_config;
  table_.refuse = &RefusalReceiver::refuse;
}

} // namespace ssmd
