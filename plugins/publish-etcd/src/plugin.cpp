// publish-etcd: the publisher for etcd:// and etcd+https:// URLs (ABI 1.3). The host decides what to write;
// this plugin reads the prefix with each key's mod_revision and applies each batch as one etcd transaction
// guarded by those revisions. See README.md for the URL, the settings and what ends up in etcd.
#include "etcd_client.hpp"

#include <ssmd/plugin.hpp>

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

namespace {

using namespace ssmd::etcd;

// Headroom between the raw bytes of a batch's keys and values and etcd's request limit: each key travels
// twice (its guard and its write) plus a few bytes of framing per operation.
constexpr uint64_t kRequestOverhead = 64 * 1024;

class EtcdPublisher : public ssmd::Publisher {
public:
  ssmd_status prepare(const ssmd::Host &host, std::string_view url, ssmd::PublishLimits &limits,
                      ssmd::Diagnostics &out) override {
    std::string error;
    auto parsed = parse_etcd_url(url, error);
    if (!parsed) {
      out.error("etcd/url", "", "the URL " + std::string(error));
      return SSMD_FAILED;
    }
    auto settings = read_settings(lookup(host), parsed->tls, error);
    if (!settings) {
      out.error("etcd/settings", "", error);
      return SSMD_ENV_ERROR;
    }
    limits.max_ops = settings->max_txn_ops;
    limits.max_bytes = settings->max_request_bytes - std::min(settings->max_request_bytes / 2, kRequestOverhead);
    std::lock_guard lock(mutex_);
    clients_[std::string(url)] = std::make_unique<Client>(std::move(*parsed), std::move(*settings));
    return SSMD_OK;
  }

  ssmd_status read(const ssmd::Host &host, std::string_view url,
                   const std::function<void(std::string_view, std::string_view, uint64_t)> &emit,
                   ssmd::Diagnostics &out) override {
    return with_client(host, url, out, [&](Client &client) {
      const std::string folder = client.url().prefix + "/";
      for (const auto &kv : client.read_prefix())
        if (kv.key.starts_with(folder)) emit(std::string_view(kv.key).substr(folder.size()), kv.value, kv.mod_revision);
      return SSMD_OK;
    });
  }

  ssmd_status apply(const ssmd::Host &host, std::string_view url, const std::vector<ssmd::PublishOp> &ops,
                    const std::function<void(size_t, uint64_t)> &written, ssmd::Diagnostics &out) override {
    return with_client(host, url, out, [&](Client &client) {
      std::vector<TxnOp> txn;
      for (const auto &op : ops) {
        TxnOp::Kind kind = op.kind == SSMD_PUBLISH_PUT      ? TxnOp::Kind::Put
                           : op.kind == SSMD_PUBLISH_DELETE ? TxnOp::Kind::Delete
                                                            : TxnOp::Kind::Check;
        txn.push_back(TxnOp{kind, client.url().prefix + "/" + std::string(op.key), std::string(op.value), op.revision});
      }
      auto revision = client.transact(txn);
      if (!revision) return SSMD_CONFLICT;
      for (size_t i = 0; i < ops.size(); ++i)
        written(i, ops[i].kind == SSMD_PUBLISH_PUT ? *revision : ops[i].kind == SSMD_PUBLISH_DELETE ? 0 : ops[i].revision);
      return SSMD_OK;
    });
  }

private:
  // Settings come from the etcdctl variables first, then from trusted configuration only: a repository's
  // files must not choose credentials or certificates.
  static SettingLookup lookup(const ssmd::Host &host) {
    return [&host](const char *variable, const char *key) -> std::optional<Setting> {
      if (variable)
        if (const char *value = std::getenv(variable); value && *value) return Setting{value, variable};
      ssmd::Node node = host.trusted_config(key);
      if (node.is_scalar() && !node.str().empty()) return Setting{std::string(node.str()), key};
      return std::nullopt;
    };
  }

  // Runs `body` with the client `prepare` made for `url` (making one if the host skipped it).
  template <class F>
  ssmd_status with_client(const ssmd::Host &host, std::string_view url, ssmd::Diagnostics &out, F &&body) {
    Client *client = nullptr;
    {
      std::lock_guard lock(mutex_);
      auto found = clients_.find(std::string(url));
      if (found != clients_.end()) client = found->second.get();
    }
    if (!client) {
      ssmd::PublishLimits ignored;
      if (ssmd_status status = prepare(host, url, ignored, out); status != SSMD_OK) return status;
      std::lock_guard lock(mutex_);
      client = clients_.at(std::string(url)).get();
    }
    try {
      return body(*client);
    } catch (const EtcdError &e) {
      out.error("etcd/unavailable", "", e.what());
      return SSMD_ENV_ERROR;
    }
  }

  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Client>> clients_;
};

} // namespace

SSMD_PLUGIN_MANIFEST_URL("publish-etcd", "0.1.0",
                         "https://github.com/ssmd/ssmd/blob/main/plugins/publish-etcd/README.md",
                         SSMD_PROVIDES_PUBLISHER("etcd"))
SSMD_PLUGIN_EXPORT(ssmd::publisher<EtcdPublisher>("etcd"))
