// The store `ssmd publish` writes to, reached through the publisher plugin that owns the URL's scheme
// (`etcd://...` and `etcd+https://...` go to the plugin that provides publisher `etcd`). The host never
// speaks a store's protocol: it reads keys with their revisions and applies guarded batches.
#pragma once

#include <ssmd/plugin.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ssmd {
class Context;
}

namespace ssmd::publish {

// One key as the store holds it. Keys are relative to the URL's prefix.
struct StoredEntry {
  std::string value;
  uint64_t revision = 0;
};
using Snapshot = std::map<std::string, StoredEntry>;

// One guarded write (see ssmd_publish_op): the batch applies only if `key` is still at `revision`.
struct WriteOp {
  ssmd_publish_op_kind kind = SSMD_PUBLISH_PUT;
  std::string key;
  std::string value;     // for a put
  uint64_t revision = 0; // as read; 0 means the key must not exist
};

struct Limits {
  uint64_t max_ops = 0;   // 0: no limit
  uint64_t max_bytes = 0; // 0: no limit
};

enum class Applied { Yes, Conflict };

class Target {
public:
  // Finds the publisher for `url`'s scheme and lets it check the URL and its settings. Throws UsageError for
  // a malformed URL (no scheme, credentials in it) and EnvironmentError when no usable plugin provides the
  // scheme or a setting cannot be used.
  static Target open(Context &ctx, const std::string &url);

  const std::string &url() const { return url_; }
  const Limits &limits() const { return limits_; }

  // Every key under the URL's prefix. Throws EnvironmentError when the store cannot be read.
  Snapshot read() const;
  // Applies `ops` all or nothing. On Yes, `revisions[i]` is the revision op i now carries. Throws
  // EnvironmentError when the store could not be reached or refused.
  Applied apply(const std::vector<WriteOp> &ops, std::vector<uint64_t> &revisions) const;

private:
  Target(const ssmd_publisher *publisher, const ssmd_host *host, std::string url, std::string plugin)
      : publisher_(publisher), host_(host), url_(std::move(url)), plugin_(std::move(plugin)) {}
  const ssmd_publisher *publisher_;
  const ssmd_host *host_;
  std::string url_;
  std::string plugin_;
  Limits limits_;
};

// The publisher name of a URL: "etcd" for "etcd://..." and "etcd+https://...". Throws UsageError when the
// URL has no scheme or carries credentials (they would show in process listings and CI logs).
std::string publisher_scheme(const std::string &url);

} // namespace ssmd::publish
