// `vault/<mount>/<path>[?version=N]` references to KV secrets (version 2, or version 1 where the mount is one).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::vault {

struct VaultReference {
  std::string mount;                 // the first segment: the KV engine's mount path
  std::vector<std::string> path;     // the secret's path under the mount, one entry per segment
  std::optional<long> version;       // `?version=N`: a pinned KV v2 version; nullopt reads the latest
  std::string path_text() const;     // the segments joined with '/'
  std::string text() const;          // "vault/<mount>/<path>[?version=N]", for messages
};

// Parses a `vault/<mount>/<path>[?version=N]` source. Nullopt with `why` (one sentence that says what is
// allowed) when the mount or path is missing, a segment is empty, `.` or `..`, or holds whitespace, control
// characters or one of `?#%\`, or the query is anything but `version=` and a positive whole number.
std::optional<VaultReference> parse_reference(std::string_view source, std::string &why);

} // namespace ssmd::vault
