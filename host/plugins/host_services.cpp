#include "plugins/host_services.hpp"

#include "version.hpp"
#include "yaml/document.hpp"

#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

namespace ssmd {

namespace {
// Repository configuration (.ssmd/config.yaml) is not wired yet: every key is unset.
const ssmd_node *no_config(ssmd_str) { return nullptr; }
} // namespace

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
  table_.config = no_config;
}

} // namespace ssmd
