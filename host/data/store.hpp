// Where data manifests are read from. A local directory (a path or file:// URL) is built in; any other
// URL scheme is served by the storage plugin that provides it (ssmd_storage_backend).
#pragma once

#include "plugins/plugin_access.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd {
}

namespace ssmd::data {

struct Fetched {
  bool found = false;  // false: the object does not exist (not an error for a day without data)
  bool ok = false;     // the content arrived whole
  std::string content;
  std::string error;   // why not ok (when found)
};

class Store {
public:
  virtual ~Store() = default;
  // The full location of `key`, for messages and JSON output.
  virtual std::string url(std::string_view key) const = 0;
  // Keys (relative to the root, '/'-separated) of every object under `prefix`. Throws EnvironmentError
  // when the store cannot be reached.
  virtual std::vector<std::string> list(std::string_view prefix) = 0;
  // Called once per key as its result arrives, possibly from several threads at once (for progress).
  using OnFetched = std::function<void()>;
  // Fetches objects by key, at most `max_bytes` each; one result per key, in order.
  virtual std::vector<Fetched> fetch(const std::vector<std::string> &keys, uint64_t max_bytes,
                                     const OnFetched &on_fetched = {}) = 0;
  // True when probing keys directly is cheaper than listing (a local disk).
  virtual bool prefers_direct_fetch() const { return false; }
};

// Opens the store for `url`: a plain path or file:// URL, or scheme://... through a storage plugin. `plugins`
// is asked only for the latter, so reading a local directory discovers no plugin. Throws EnvironmentError
// naming the scheme when no plugin provides it.
std::unique_ptr<Store> open_store(const std::string &url, const std::function<PluginAccess()> &plugins);

} // namespace ssmd::data
