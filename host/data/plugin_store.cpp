// A Store served by a storage plugin, for every URL scheme the host does not handle itself.
#include "data/local_store.hpp"
#include "data/store.hpp"

#include "cli/context.hpp"
#include "core/errors.hpp"
#include "plugins/plugin_manager.hpp"

#include <mutex>

namespace ssmd::data {

namespace {

std::string from(ssmd_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }
ssmd_str to(std::string_view s) { return ssmd_str{s.data(), s.size()}; }

// Collects a plugin's diagnostics into one message.
struct MessageSink {
  std::string text;
  ssmd_sink sink{this, [](void *ctx, const ssmd_diagnostic *d) {
                   auto *self = static_cast<MessageSink *>(ctx);
                   if (!self->text.empty()) self->text += "; ";
                   self->text += from(d->message);
                 }};
};

class PluginStore : public Store {
public:
  PluginStore(const ssmd_storage_backend *backend, const ssmd_host *host, std::string root, std::string plugin)
      : backend_(backend), host_(host), root_(std::move(root)), plugin_(std::move(plugin)) {
    while (!root_.empty() && root_.back() == '/') root_.pop_back();
    // scheme://bucket/prefix -> "prefix", to recognise bucket-relative keys a backend may return.
    size_t after_scheme = root_.find("://");
    size_t slash = root_.find('/', after_scheme + 3);
    if (slash != std::string::npos) root_path_ = root_.substr(slash + 1);
  }

  std::string url(std::string_view key) const override { return root_ + "/" + std::string(key); }

  std::vector<std::string> list(std::string_view prefix) override {
    struct Ctx {
      PluginStore *self;
      std::string folder;
      std::vector<std::string> keys;
    } ctx{this, std::string(prefix), {}};
    if (!ctx.folder.empty() && ctx.folder.back() != '/') ctx.folder += '/';
    // Backends list a URL as a folder and name entries relative to it (see docs/plugins.md).
    ssmd_storage_entry_sink out{&ctx, [](void *c, ssmd_str key, uint64_t) {
                                  auto *x = static_cast<Ctx *>(c);
                                  x->keys.push_back(x->self->relative(from(key), x->folder));
                                }};
    MessageSink messages;
    std::string target = url(prefix);
    ssmd_status status = backend_->list(host_, to(target), &out, &messages.sink);
    if (status != SSMD_OK)
      throw EnvironmentError("cannot list " + target + " (plugin " + plugin_ + "): " +
                             (messages.text.empty() ? "unknown error" : messages.text));
    return std::move(ctx.keys);
  }

  std::vector<Fetched> fetch(const std::vector<std::string> &keys, uint64_t max_bytes,
                             const OnFetched &on_fetched = {}) override {
    std::vector<std::string> urls;
    for (const auto &k : keys) urls.push_back(url(k));
    std::vector<ssmd_str> c_urls;
    for (const auto &u : urls) c_urls.push_back(to(u));
    struct Ctx {
      std::mutex mutex;
      std::vector<Fetched> results;
      const OnFetched *on_fetched;
    } ctx{{}, {}, &on_fetched};
    ctx.results.resize(keys.size());
    ssmd_storage_fetch_sink out{&ctx, [](void *c, size_t index, ssmd_status status, ssmd_str content, ssmd_str error) {
                                  auto *x = static_cast<Ctx *>(c);
                                  std::lock_guard lock(x->mutex);
                                  if (index >= x->results.size()) return;
                                  Fetched &f = x->results[index];
                                  // Only listed keys are fetched, and a backend's failures all look alike
                                  // (a body over max_bytes is SSMD_FAILED too), so a key that cannot be
                                  // fetched is present and unreadable, never silently absent.
                                  f.found = true;
                                  f.ok = status == SSMD_OK;
                                  if (f.ok) f.content = from(content);
                                  else f.error = from(error);
                                  if (*x->on_fetched) (*x->on_fetched)();
                                }};
    MessageSink messages;
    ssmd_status status = backend_->fetch(host_, c_urls.data(), c_urls.size(), max_bytes, &out, &messages.sink);
    if (status == SSMD_ENV_ERROR)
      throw EnvironmentError("cannot fetch from " + root_ + " (plugin " + plugin_ + "): " +
                             (messages.text.empty() ? "unknown error" : messages.text));
    return std::move(ctx.results);
  }

private:
  // A listed entry as a key relative to the store's root: full URLs and bucket-relative keys are accepted
  // too, for backends that report those.
  std::string relative(const std::string &key, const std::string &folder) const {
    if (key.rfind(root_ + "/", 0) == 0) return key.substr(root_.size() + 1);
    if (key.find("://") != std::string::npos) return key;
    if (!root_path_.empty() && key.rfind(root_path_ + "/" + folder, 0) == 0) return key.substr(root_path_.size() + 1);
    return folder + key;
  }

  const ssmd_storage_backend *backend_;
  const ssmd_host *host_;
  std::string root_, root_path_, plugin_;
};

} // namespace

std::unique_ptr<Store> open_store(Context &ctx, const std::string &url) {
  size_t sep = url.find("://");
  if (sep == std::string::npos) return std::make_unique<LocalStore>(url);
  std::string scheme = url.substr(0, sep);
  if (scheme == "file") return std::make_unique<LocalStore>(url.substr(sep + 3));
  auto lookup = ctx.plugins().storage_backend(scheme);
  if (!lookup)
    throw EnvironmentError("cannot read " + url + ": " + lookup.problem +
                           " (a storage plugin for '" + scheme + "://' URLs is needed)");
  return std::make_unique<PluginStore>(lookup.table, ctx.plugins().host_services(), url, lookup.plugin);
}

} // namespace ssmd::data
