// The `ssmd_host` table every plugin call receives: the document API, the repository root, the version.
#pragma once

#include <ssmd/plugin.h>

#include <filesystem>
#include <string>

namespace ssmd {

class Config;

class HostServices {
public:
  // A table that lives until the process exits: plugins may keep the pointer, and libraries are never
  // unloaded. Thread-safe.
  static const ssmd_host *for_process(const std::filesystem::path &repo_root);

  // `base` carrying `context` (ABI 1.4): what calls of an extension table whose `context` it is receive.
  // `base` itself when `context` is NULL. Lives until the process exits, like `base`. Thread-safe.
  static const ssmd_host *for_call(const ssmd_host *base, void *context);

  // Answers plugins' config() lookups from `config` (which must outlive every plugin call).
  static void use_config(const Config *config);

  explicit HostServices(const std::filesystem::path &repo_root);
  HostServices(const HostServices &) = delete;
  HostServices &operator=(const HostServices &) = delete;
  const ssmd_host *table() const { return &table_; }

private:
  explicit HostServices(const ssmd_host &copy) : table_(copy) {}
  std::string repo_root_;
  ssmd_host table_{};
};

// Hears why a plugin's entry point refused to start (`host->refuse`, ABI 1.4) while it lives, on this
// thread: the loader holds one around the call of an entry point.
class RefusalListener {
public:
  RefusalListener();
  ~RefusalListener();
  RefusalListener(const RefusalListener &) = delete;
  RefusalListener &operator=(const RefusalListener &) = delete;
  // The last reason given, cut at 1,024 bytes and made printable (core/printable.hpp); "" when none was.
  const std::string &reason() const { return reason_; }

private:
  friend struct RefusalReceiver;
  std::string reason_;
  RefusalListener *previous_;
};

} // namespace ssmd
