// Calls the storage-s3 plugin through its C ABI, as the host does, and keeps what it answered.
#pragma once

#include "plugin_harness.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::test::s3 {

struct Listing {
  ssmd_status status = SSMD_OK;
  std::vector<std::pair<std::string, uint64_t>> entries; // in the order emitted
  Collector diagnostics;
};

struct FetchedObject {
  ssmd_status status = SSMD_OK;
  std::string content;
  std::string error;
  int calls = 0; // how many times `done` named this index; must be exactly 1
};

struct Fetch {
  ssmd_status status = SSMD_OK;
  std::vector<FetchedObject> results; // by index
  Collector diagnostics;
  double seconds = 0;
  int bad_indexes = 0; // `done` calls with an index out of range; must stay 0
};

// Lists `url` through the plugin's `list` entry.
void list(const LoadedPlugin &plugin, const std::string &url, Listing &out);

// Fetches `urls` through the plugin's `fetch` entry.
void fetch(const LoadedPlugin &plugin, const std::vector<std::string> &urls, uint64_t max_bytes, Fetch &out);

// Sets (or, with nullopt, unsets) environment variables for one scope and restores them after.
class ScopedEnv {
public:
  ScopedEnv(std::initializer_list<std::pair<const char *, std::optional<std::string>>> values);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv &) = delete;
  ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// The environment every server test starts from: these credentials and endpoint, small retry delays, and
// no other S3 variable inherited from the machine.
ScopedEnv s3_environment(const std::string &endpoint, const std::string &key, const std::string &secret);

// s3://market-data/kalshi/YYYY/MM/DD/manifest.json for each of `count` days from `first` (YYYY-MM-DD).
std::vector<std::string> manifest_urls(const std::string &first, int count);

} // namespace ssmd::test::s3
