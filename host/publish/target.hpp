// The store `ssmd publish` writes to, reached through the publisher plugin that owns the URL's scheme
// (`etcd://...` and `etcd+https://...` go to the plugin that provides publisher `etcd`). The host never
// speaks a store's protocol: it reads keys with their revisions and applies guarded batches. Every call
// runs in a supervised worker that loads the plugin (validate/isolated_runner.hpp); ssmd never does.
#pragma once

#include "plugins/plugin_access.hpp"
#include "validate/plugin_job.hpp"

#include <ssmd/plugin.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ssmd {
class PluginManager;
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
  // Finds the publisher for `url`'s scheme (from the manifests) and lets it check the URL and its settings.
  // Throws UsageError for a malformed URL (no scheme, credentials in it) and EnvironmentError when no usable
  // plugin provides the scheme, a setting cannot be used, or the plugin crashes or hangs.
  static Target open(PluginAccess access, const std::string &url);

  const std::string &url() const { return url_; }
  const Limits &limits() const { return limits_; }

  // Every key under the URL's prefix. Throws EnvironmentError when the store cannot be read or the plugin
  // fails.
  Snapshot read() const;
  // Applies `ops` all or nothing. On Yes, `revisions[i]` is the revision op i now carries. Throws
  // EnvironmentError when the store could not be reached or refused, or the plugin failed (the batch then
  // took effect wholly or not at all).
  Applied apply(const std::vector<WriteOp> &ops, std::vector<uint64_t> &revisions) const;

private:
  struct Call {
    validate::JobResult result;
    ssmd_status status = SSMD_ENV_ERROR;
    std::string messages; // the plugin's diagnostics as one message
  };
  using Body = std::function<ssmd_status(const ssmd_publisher &, const ssmd_host *, const ssmd_sink *,
                                         const ssmd_bytes_sink *)>;

  Target(PluginAccess access, std::string scheme, std::string url, std::string plugin);
  // Runs `prepare` and then `body` in a worker that loads the publisher; `what` says what the call does,
  // for messages. A call that does not finish (a crash, a silence longer than `plugins.network_timeout`)
  // throws EnvironmentError naming the plugin and why.
  Call run(const std::string &what, Body body) const;

  PluginManager *plugins_;
  std::string scheme_;
  std::string url_;
  std::string plugin_;
  std::chrono::milliseconds timeout_;
  Limits limits_;
};

// The publisher name of a URL: "etcd" for "etcd://..." and "etcd+https://...". Throws UsageError when the
// URL has no scheme or carries credentials (they would show in process listings and CI logs).
std::string publisher_scheme(const std::string &url);

} // namespace ssmd::publish
