// The validation cache in .ssmd/cache/validate.json (never committed): findings keyed by the content hash
// of everything that produced them, plus the plugin set and ssmd's version. One file, read once and
// written once atomically; entries a run did not use are dropped so it never grows without bound.
// A corrupt, truncated or foreign file is ignored and rebuilt, never trusted.
#pragma once

#include "core/diagnostic.hpp"

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace ssmd::validate {

class Cache {
public:
  // `enabled` false (--no-cache) makes every lookup miss and save() a no-op.
  Cache(std::filesystem::path file, bool enabled);

  std::optional<Diagnostics> get(const std::string &key);
  void put(const std::string &key, const Diagnostics &diagnostics);
  // Writes the entries used or added during this run. Failures are ignored: a cache is an optimisation.
  void save();

  size_t hits() const { return hits_; }
  size_t misses() const { return misses_; }

private:
  void load();
  std::filesystem::path file_;
  bool enabled_;
  bool loaded_ = false;
  std::mutex mutex_;
  std::map<std::string, Diagnostics> stored_; // what the file held
  std::map<std::string, Diagnostics> used_;   // what this run used or produced
  size_t hits_ = 0, misses_ = 0;
};

} // namespace ssmd::validate
