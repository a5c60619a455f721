// Resolving one key through the secret backend that owns its source prefix, looked up generically through
// the plugin manager: which fields arrived, which are missing and why, with the backend's findings located
// in the key's file. Values are held only in SecretBytes, and only as long as the caller asks.
#pragma once

#include "secrets/environment_keys.hpp"
#include "secrets/secret_bytes.hpp"

#include <ssmd/plugin.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd {
class PluginManager;
}

namespace ssmd::secrets {

enum class FieldStatus { Present, Missing, Error };
// "present", "missing", "error".
std::string_view field_status_name(FieldStatus status);

struct FieldResult {
  KeyField field;
  FieldStatus status = FieldStatus::Error;
  std::string rule;     // the finding that explains a field that is not present
  std::string detail;   // that finding's message; never a value
  SecretBytes value;    // the value, kept only under KeepValues::Yes
  std::string variable; // the environment variable that carries the field (see name_fields())
  std::optional<int64_t> last_set; // when the value was set (seconds since the epoch), if the backend said
};

// `env check-keys` and `env run --dry-run` only learn that a field arrived; `env run` needs the bytes.
enum class KeepValues { No, Yes };

// What `env check-keys` asks besides presence: when each value was set (ABI 1.3). `history` is the
// repository's git history for backends that read it (encrypted values kept in the repository); null outside git.
struct AgeQuery {
  const ssmd_file_history *history = nullptr;
};

struct KeyResult {
  const EnvironmentKey *key = nullptr;
  const ssmd_secret_backend *backend = nullptr; // null when no usable plugin provides the prefix
  const ssmd_host *backend_host = nullptr;      // what the backend's calls receive (its table's context, ABI 1.4)
  std::string plugin;                           // the plugin that provides (or would provide) the backend
  std::vector<FieldResult> fields;              // one per entry of key->fields, in order
  Diagnostics findings; // the backend's and the host's, located in the key's file, values redacted
  int exit_code = 0;    // this key's share of the command's exit code: 0, 1 or 3

  // The first error among `findings`, or nullptr: what a row without fields reports.
  const Diagnostic *first_error() const;
};

// The largest value an environment variable can carry on Linux: MAX_ARG_STRLEN (131072 bytes) holds
// `NAME=VALUE` and its NUL, and a name may take 255 bytes.
inline constexpr size_t kMaxValueBytes = 131072 - 257;

// Calls the backend's resolve() for `key` and classifies every field. Runs the backend's code, so commands call
// it in a worker (resolve_keys_isolated(), secrets/isolated_resolution.hpp). Exit code 3 when no usable plugin
// provides the prefix, the backend reports an environment error or breaks the ABI's contract; 1 when the
// reference is malformed, the backend finds an error, or a required field is not present.
// With `ages`, the backend is also asked when each value was set.
KeyResult resolve_key(PluginManager &plugins, const EnvironmentKey &key, KeepValues keep,
                      const AgeQuery *ages = nullptr);

// A backend that resolve_key() called, with the services its calls receive.
struct CalledBackend {
  const ssmd_secret_backend *table = nullptr;
  const ssmd_host *host = nullptr;
  bool operator==(const CalledBackend &) const = default;
};

// Tells every backend among `backends` that the run's resolution is over (`end_run`, ABI 1.3), so what a
// backend kept between calls (a login token, a secret it read once for several keys) is wiped. Called in
// the worker that resolved them, after its last key.
void end_run(const std::vector<CalledBackend> &backends);

// The worst exit code over all keys: 3 before 1 before 0.
int overall_exit_code(const std::vector<KeyResult> &results);

} // namespace ssmd::secrets
