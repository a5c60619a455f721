// One call of a backend's resolve(): the host's `ssmd_secret_sink` and `ssmd_sink` for it. Every value that
// arrives is copied into a SecretBytes at once (the backend wipes its own copy after the call), so the
// findings of the call can be redacted against it; afterwards the caller keeps the values or wipes them.
#pragma once

#include "secrets/environment_keys.hpp"
#include "secrets/secret_bytes.hpp"
#include "validate/plugin_job.hpp"

#include <ssmd/plugin.h>

#include <optional>
#include <vector>

namespace ssmd::secrets {

class ResolveCall {
public:
  explicit ResolveCall(const EnvironmentKey &key);
  ResolveCall(const ResolveCall &) = delete;
  ResolveCall &operator=(const ResolveCall &) = delete;

  // Calls `backend->resolve` with this object's sinks and returns the backend's status. Findings are redacted
  // against every value received before this returns. With `ages`, the backend is asked when each value was
  // set (ABI 1.3), and `history` (may be null) is the repository's git history it may read for that.
  ssmd_status run(const ssmd_secret_backend *backend, const ssmd_host *host, bool ages = false,
                  const ssmd_file_history *history = nullptr);

  // What arrived for the field at position `i` of the key's fields (the last value wins).
  bool arrived(size_t i) const { return values_[i].has_value(); }
  bool holds_nul(size_t i) const { return nul_[i]; }
  size_t size_of(size_t i) const { return values_[i] ? values_[i]->size() : 0; }
  // Hands the value over; the call no longer holds it.
  SecretBytes take(size_t i);
  // When the backend said the field at position `i` got its value (seconds since the epoch), if it did.
  std::optional<int64_t> last_set(size_t i) const { return last_set_[i]; }
  // Fields the backend sent although `fields:` does not list them.
  size_t unlisted() const { return unlisted_.size(); }
  // True when a value could not be copied (out of memory); such a field counts as not arrived.
  bool lost_value() const { return lost_value_; }
  const std::vector<validate::PluginFinding> &findings() const { return findings_; }

  // Wipes every value still held.
  void wipe();

private:
  static void on_field(void *ctx, ssmd_str field, ssmd_str value) noexcept;
  static void on_diagnostic(void *ctx, const ssmd_diagnostic *diagnostic) noexcept;
  static void on_last_set(void *ctx, ssmd_str field, int64_t unix_seconds) noexcept;
  void redact_findings();

  const EnvironmentKey &key_;
  std::vector<std::optional<SecretBytes>> values_; // by position in key_.fields
  std::vector<bool> nul_;
  std::vector<std::optional<int64_t>> last_set_; // by position in key_.fields
  std::vector<SecretBytes> unlisted_; // held only to redact findings, then wiped
  std::vector<validate::PluginFinding> findings_;
  bool lost_value_ = false;
};

// Values shorter than this are not masked: they cannot be told from ordinary text, so masking them would
// mangle every message ("e[redacted]port" for a value "x") and, by where the mask lands, show them anyway.
// (get-secretmanager-secrets for GitHub Actions chose the same default, `min_mask_length: 4`.)
inline constexpr size_t kMinMaskedBytes = 4;

// Replaces every occurrence of each `values` entry of at least kMinMaskedBytes in `text` with "[redacted]"
// (the longest match first); the old bytes are wiped. Returns true when something was replaced.
bool redact(std::string &text, const std::vector<std::string_view> &values);

} // namespace ssmd::secrets
