// `vault/<mount>/<path>` references to KV version 2 secrets.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::vault {

struct VaultReference {
  std::string mount;                 // the first segment: the KV v2 engine's mount path
  std::vector<std::string> path;     // the secret's path under the mount, one entry per segment
  std::string path_text() const;     // the segments joined with '/'
};

// Parses a `vault/<mount>/<path>` source. Nullopt with `why` (one sentence that says what is allowed) when
// the mount or path is missing, a segment is empty, `.` or `..`, or holds whitespace, control characters or
// one of `?#%\`.
std::optional<VaultReference> parse_reference(std::string_view source, std::string &why);

} // namespace ssmd::vault
