#include "plugins/loader.hpp"

#include "plugins/plugin_verify.hpp"

#include <boost/dll/shared_library.hpp>

#include <dlfcn.h>

#include <mutex>
#include <vector>

namespace ssmd {

namespace {

// Libraries stay open until the process ends: deliberately leaked, so no destructor ever dlcloses one
// (not even at exit, when other static destructors might still call into it).
void keep_forever(boost::dll::shared_library library) {
  static std::mutex mutex;
  static auto *libraries = new std::vector<boost::dll::shared_library>();
  std::lock_guard lock(mutex);
  libraries->push_back(std::move(library));
}

} // namespace

const ssmd_plugin *load_plugin(const PluginInfo &info, const ssmd_host *host, std::string &error) {
  const std::string who = "plugin '" + info.manifest.name + "' (" + info.path.string() + ")";
  boost::dll::shared_library library;
  boost::dll::fs::error_code ec;
  library.load(boost::dll::fs::path(info.path.string()),
               boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) {
    // Boost.DLL reports only an errno-style code; the dynamic loader's own sentence ("undefined symbol:
    // ...") is still waiting in dlerror(), which is per thread.
    const char *why = ::dlerror();
    std::string reason = why ? why : ec.message();
    const std::string prefix = info.path.string() + ": ";
    if (reason.starts_with(prefix)) reason.erase(0, prefix.size());
    error = "cannot load " + who + ": " + reason;
    return nullptr;
  }
  if (!library.has(SSMD_PLUGIN_ENTRY_SYMBOL)) {
    error = "cannot load " + who + ": it does not export " SSMD_PLUGIN_ENTRY_SYMBOL;
    keep_forever(std::move(library));
    return nullptr;
  }
  auto entry = library.get<const ssmd_plugin *(const ssmd_host *)>(SSMD_PLUGIN_ENTRY_SYMBOL);
  keep_forever(std::move(library));
  const ssmd_plugin *plugin = nullptr;
  try {
    plugin = entry(host);
  } catch (...) {
    // The entry point is extern "C" and must not throw; a C++ plugin that does is refused, not fatal.
    error = "refused " + who + ": " SSMD_PLUGIN_ENTRY_SYMBOL " threw an exception";
    return nullptr;
  }
  if (auto why = verify_plugin_table(plugin, info.manifest)) {
    error = "refused " + who + ": " + *why;
    return nullptr;
  }
  return plugin;
}

} // namespace ssmd
