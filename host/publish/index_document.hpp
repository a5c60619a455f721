// The index key, `<prefix>/index`: which environments the prefix holds, which commit the last publish that
// changed anything came from, and whether that publish completed. Every publish that writes rewrites it,
// and every batch is guarded by its revision, which is what serialises concurrent publishers
// (docs/publish.md, "Concurrency").
#pragma once

#include "publish/environment_document.hpp"
#include "publish/target.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ssmd::publish {

inline constexpr const char *kIndexKey = "index";
inline constexpr const char *kIndexFormat = "ssmd.index/1";
inline constexpr const char *kEnvironmentsFolder = "environments/";

// The index as the store holds it.
struct StoredIndex {
  uint64_t revision = 0;                 // 0 when there is no index key
  bool readable = false;                 // a JSON object of format kIndexFormat
  std::string problem;                   // why it is not readable
  bool complete = false;
  std::string commit;                    // the full id it names
  std::vector<std::string> environments; // sorted
};

StoredIndex read_index(const Snapshot &snapshot);

// The index text for a publish of `environments` (sorted) by `publication`.
std::string index_text(const Publication &publication, const std::vector<std::string> &environments, bool complete);

// "environments/<name>" for an environment, and the name of such a key (nullopt for other keys).
std::string environment_key(const std::string &name);
std::optional<std::string> environment_of_key(const std::string &key);

} // namespace ssmd::publish
