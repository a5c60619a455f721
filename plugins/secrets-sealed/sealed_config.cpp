#include "sealed_config.hpp"

#include <cstdlib>

namespace ssmd::sealed {

namespace {
// A configured string: nullopt when the key is unset or explicitly null (the default applies); false with
// `why` when it is set to something other than a string. With `trusted_only`, only flags, the environment and
// the user's own file count (ABI 1.3), never the repository's files.
bool config_string(const Host &host, std::string_view key, std::optional<std::string> &value, std::string &why,
                   bool trusted_only = false) {
  Node node = trusted_only ? host.trusted_config(key) : host.config(key);
  value.reset();
  if (node.is_scalar()) value = std::string(node.str());
  else if (node.present() && node.kind() != SSMD_NODE_NULL) {
    why = "`" + std::string(key) + "` must be a string";
    return false;
  }
  return true;
}

std::string substitute_name(std::string text, const std::string &name) {
  for (size_t at = text.find("{name}"); at != std::string::npos; at = text.find("{name}", at + name.size()))
    text.replace(at, 6, name);
  return text;
}
} // namespace

std::optional<std::string> manifest_dir(const Host &host, std::string &why) {
  std::optional<std::string> configured;
  if (!config_string(host, "secrets.sealed_dir", configured, why)) return std::nullopt;
  if (!configured) return std::string(kDefaultManifestDir);
  std::filesystem::path dir(*configured);
  if (configured->empty() || dir.is_absolute()) {
    why = "`secrets.sealed_dir` must be a directory inside the repository, relative to its root";
    return std::nullopt;
  }
  for (const auto &part : dir)
    if (part == "..") {
      why = "`secrets.sealed_dir` must stay inside the repository; it may not contain `..`";
      return std::nullopt;
    }
  std::string text = dir.lexically_normal().generic_string();
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text.empty() ? std::string(".") : text;
}

std::optional<std::filesystem::path> mount_dir(const Host &host, const std::string &name, std::string &why) {
  if (const char *dir = std::getenv(kMountVariable); dir && *dir) return substitute_name(dir, name);
  std::optional<std::string> configured;
  // Where secret values are read from is the machine's business, not a cloned repository's: its files could
  // otherwise point ssmd at any folder the user can read and hand its files to COMMAND as values.
  if (!config_string(host, kMountSetting, configured, why, true)) return std::nullopt;
  if (configured && !configured->empty()) return substitute_name(*configured, name);
  return substitute_name(kDefaultMount, name);
}

bool repository_sets_mount(const Host &host) {
  return host.config(kMountSetting).present() && !host.trusted_config(kMountSetting).present();
}

} // namespace ssmd::sealed
