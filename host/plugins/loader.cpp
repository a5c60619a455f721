#include "plugins/loader.hpp"

#include "plugins/host_services.hpp"
#include "plugins/plugin_verify.hpp"

#include <boost/dll/shared_library.hpp>

#include <dlfcn.h>

#include <filesystem>
#include <memory>

#include <mutex>
#include <vector>

namespace ssmd {

namespace {

// Libraries stay open until the process ends: deliberately leaked, so no destructor ever dlcloses one
// (not even at exit, when other static destructors might still call into it). Their files stay open too:
// the loader knows each library by its name, /proc/self/fd/N, and a descriptor number closed and reused
// for another plugin would make dlopen hand back the first library under the second one's name.
void keep_forever(boost::dll::shared_library library, std::shared_ptr<const PluginFile> file) {
  static std::mutex mutex;
  static auto *libraries = new std::vector<std::pair<boost::dll::shared_library, std::shared_ptr<const PluginFile>>>();
  std::lock_guard lock(mutex);
  libraries->emplace_back(std::move(library), std::move(file));
}

} // namespace

const ssmd_plugin *call_plugin_entry(const PluginInfo &info, const ssmd_host *host, std::string &error,
                                     bool *opened) {
  if (opened) *opened = false;
  const std::string who = "plugin '" + info.manifest.name + "' (" + info.path.string() + ")";
  if (!info.file) {
    error = "cannot load " + who + ": its file was not opened when it was checked";
    return nullptr;
  }
  // The descriptor's own name: the dynamic loader opens the very file whose manifest, owner and hash were
  // checked, never the path again (which may name another file by now).
  const std::string name = info.file->proc_path();
  boost::dll::shared_library library;
  boost::dll::fs::error_code ec;
  library.load(boost::dll::fs::path(name), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) {
    // Boost.DLL reports only an errno-style code; the dynamic loader's own sentence ("undefined symbol:
    // ...") is still waiting in dlerror(), which is per thread.
    const char *why = ::dlerror();
    std::string reason = why ? why : ec.message();
    const std::string prefix = name + ": ";
    if (reason.starts_with(prefix)) reason.erase(0, prefix.size());
    std::error_code proc_ec;
    if (!std::filesystem::exists("/proc/self/fd", proc_ec))
      reason += " (/proc is not mounted; ssmd loads plugins through /proc/self/fd)";
    error = "cannot load " + who + ": " + reason;
    return nullptr;
  }
  if (opened) *opened = true;
  if (!library.has(SSMD_PLUGIN_ENTRY_SYMBOL)) {
    error = "cannot load " + who + ": it does not export " SSMD_PLUGIN_ENTRY_SYMBOL;
    keep_forever(std::move(library), info.file);
    return nullptr;
  }
  auto entry = library.get<const ssmd_plugin *(const ssmd_host *)>(SSMD_PLUGIN_ENTRY_SYMBOL);
  keep_forever(std::move(library), info.file);
  const ssmd_plugin *plugin = nullptr;
  RefusalListener refusal;
  try {
    plugin = entry(host);
  } catch (...) {
    // The entry point is extern "C" and must not throw; a C++ plugin that does is refused, not fatal.
    error = "refused " + who + ": " SSMD_PLUGIN_ENTRY_SYMBOL " threw an exception";
    return nullptr;
  }
  if (!plugin) {
    // The plugin's own reason (ABI 1.4) when it gave one.
    error = "refused " + who + ": " +
            (refusal.reason().empty() ? std::string(SSMD_PLUGIN_ENTRY_SYMBOL " returned NULL")
                                      : "it refused to start: " + refusal.reason());
    return nullptr;
  }
  return plugin;
}

const ssmd_plugin *load_plugin(const PluginInfo &info, const ssmd_host *host, std::string &error) {
  const ssmd_plugin *plugin = call_plugin_entry(info, host, error);
  if (!plugin) return nullptr;
  if (auto why = verify_plugin_table(plugin, info.manifest)) {
    error = "refused plugin '" + info.manifest.name + "' (" + info.path.string() + "): " + *why;
    return nullptr;
  }
  return plugin;
}

} // namespace ssmd
