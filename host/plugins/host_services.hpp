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

  // Answers plugins' config() lookups from `config` (which must outlive every plugin call).
  static void use_config(const Config *config);

  explicit HostServices(const std::filesystem::path &repo_root);
  HostServices(const HostServices &) = delete;
  HostServices &operator=(const HostServices &) = delete;
  const ssmd_host *table() const { return &table_; }

private:
  std::string repo_root_;
  ssmd_host table_{};
};

} // namespace ssmd
