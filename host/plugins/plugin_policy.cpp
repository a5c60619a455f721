#include "plugins/plugin_policy.hpp"

#include "plugins/file_hash.hpp"

#include <ssmd/plugin.h>

#include <algorithm>
#include <map>

namespace fs = std::filesystem;

namespace ssmd {

namespace {

// `reason` says why without naming the plugin; `problem` is the sentence that names it.
void set(PluginInfo &p, PluginStatus status, const std::string &problem, const std::string &reason) {
  p.status = status;
  p.problem = problem;
  p.reason = reason;
}

std::string quoted_list(const std::vector<std::string> &names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " and " : ", ";
    out += "'" + names[i] + "'";
  }
  return out;
}

// Marks every usable plugin that provides what another usable plugin provides, or a built-in command.
void mark_conflicts(std::vector<PluginInfo> &plugins, const PluginSettings &settings) {
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> providers;
  for (size_t i = 0; i < plugins.size(); ++i) {
    if (plugins[i].status != PluginStatus::Ok) continue;
    for (const auto &p : plugins[i].manifest.provides) providers[{p.kind, p.name}].push_back(i);
    for (const auto &c : plugins[i].manifest.commands) providers[{"command", c.name}].push_back(i);
  }
  std::map<size_t, std::vector<std::string>> problems;
  for (const auto &[key, users] : providers) {
    const auto &[kind, name] = key;
    if (kind == "command" && std::find(settings.reserved_commands.begin(), settings.reserved_commands.end(), name) !=
                                 settings.reserved_commands.end()) {
      for (size_t i : users)
        problems[i].push_back("plugin '" + plugins[i].manifest.name + "' declares command '" + name +
                              "', which would shadow the built-in command");
    }
    if (users.size() < 2) continue;
    std::vector<std::string> names;
    for (size_t i : users) names.push_back(plugins[i].manifest.name);
    for (size_t i : users)
      problems[i].push_back("plugins " + quoted_list(names) + " both provide " + kind + " '" + name +
                            "'; neither is used (choose one with --plugins)");
  }
  for (auto &[i, list] : problems) {
    std::string joined;
    for (const auto &p : list) joined += (joined.empty() ? "" : "; ") + p;
    set(plugins[i], PluginStatus::Conflict, joined, joined);
  }
}

} // namespace

void apply_plugin_policy(std::vector<PluginInfo> &plugins, const PluginSettings &settings, const LockFile *lock) {
  const std::string host_abi = std::to_string(SSMD_ABI_VERSION_MAJOR) + "." + std::to_string(SSMD_ABI_VERSION_MINOR);
  for (auto &p : plugins) {
    if (p.status != PluginStatus::Ok) continue;
    const Manifest &m = p.manifest;
    if (m.abi_major != SSMD_ABI_VERSION_MAJOR) {
      const std::string reason = "built for plugin ABI " + std::to_string(m.abi_major) + "." +
                                 std::to_string(m.abi_minor) + " while this ssmd has ABI " + host_abi +
                                 "; rebuild it against this SDK";
      set(p, PluginStatus::AbiMismatch,
          "plugin '" + m.name + "' (" + p.path.string() + ") was built for plugin ABI " + std::to_string(m.abi_major) +
              "." + std::to_string(m.abi_minor) + ", but this ssmd has ABI " + host_abi +
              "; rebuild it against this SDK",
          reason);
      continue;
    }
    if (settings.allowlist &&
        std::find(settings.allowlist->begin(), settings.allowlist->end(), m.name) == settings.allowlist->end()) {
      set(p, PluginStatus::NotAllowed, "plugin '" + m.name + "' is not allowed by --plugins", "not allowed by --plugins");
      continue;
    }
    if (!lock) continue;
    // Hashing reads the file's bytes through the descriptor it will be loaded from; nothing of it is
    // loaded yet, so a refused plugin's code never runs.
    const LockEntry *entry = lock->find(m.name);
    std::string error = "the file was not opened";
    auto actual = p.file ? sha256_fd(p.file->fd(), error) : std::nullopt;
    if (!actual) {
      set(p, PluginStatus::HashMismatch, "plugin '" + m.name + "' (" + p.path.string() + "): " + error, error);
      continue;
    }
    p.sha256 = *actual;
    // An unlisted plugin was never allowed; a listed one whose bytes changed is not the plugin allowed.
    if (!entry) {
      const std::string reason = std::string("not in ") + kLockFileName + " (actual sha256 " + *actual +
                                 "); run 'ssmd plugin lock' to pin it";
      set(p, PluginStatus::NotAllowed, "plugin '" + m.name + "' (" + p.path.string() + ") is " + reason, reason);
      continue;
    }
    if (*actual != entry->sha256) {
      const std::string reason = std::string("its hash differs from ") + kLockFileName + ": expected sha256 " +
                                 entry->sha256 + ", actual " + *actual;
      set(p, PluginStatus::HashMismatch, "plugin '" + m.name + "' (" + p.path.string() + "): " + reason, reason);
    }
  }
  mark_conflicts(plugins, settings);
}

} // namespace ssmd
