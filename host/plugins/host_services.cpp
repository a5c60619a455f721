#include "plugins/host_services.hpp"

#include "version.hpp"
#include "yaml/document.hpp"

#include <cstring>

namespace ssmd {

namespace {
// Repository configuration (.ssmd/config.yaml) is not wired yet: every key is unset.
const ssmd_node *no_config(ssmd_str) { return nullptr; }
} // namespace

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
