// A Store served by a storage plugin, for every URL scheme the host does not handle itself. The host never
// loads the plugin: each list() and fetch() runs in a supervised worker that does (validate/isolated_runner.hpp),
// and the results come back over its pipe; silence longer than `plugins.network_timeout` ends the call.
#include "data/local_store.hpp"
#include "data/store.hpp"

#include "config/config.hpp"
#include "core/errors.hpp"
#include "plugins/plugin_manager.hpp"
#include "validate/engine.hpp"
#include "validate/isolated_runner.hpp"
#include "validate/providers.hpp"
#include "validate/worker_records.hpp"

#include <functional>

namespace ssmd::data {

namespace {

std::string from(ssmd_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }
ssmd_str to(std::string_view s) { return ssmd_str{s.data(), s.size()}; }

// What a storage call's worker writes back, one record each, told apart by the first byte.
constexpr char kEntry = 'E';   // 'E' key: one listed object
constexpr char kFetched = 'F'; // 'F' u64 index, u8 status, u32 size, content, error: one fetched object
constexpr char kStatus = 'S';  // 'S' u8 status: the call's own status, last
constexpr char kNoTable = 'L'; // 'L' why: the worker could not get the backend's table

using validate::get;
using validate::put;
using validate::write_record;

// The plugin's diagnostics as one message.
std::string messages_of(const validate::JobResult &result) {
  std::string text;
  for (const auto &f : result.findings) text += (text.empty() ? "" : "; ") + f.message;
  return text;
}

class PluginStore : public Store {
public:
  PluginStore(PluginAccess access, std::string scheme, std::string root, std::string plugin)
      : plugins_(access.plugins), scheme_(std::move(scheme)), root_(std::move(root)), plugin_(std::move(plugin)),
        timeout_(validate::configured_network_timeout(access.config)) {
    while (!root_.empty() && root_.back() == '/') root_.pop_back();
    // scheme://bucket/prefix -> "prefix", to recognise bucket-relative keys a backend may return.
    size_t after_scheme = root_.find("://");
    size_t slash = root_.find('/', after_scheme + 3);
    if (slash != std::string::npos) root_path_ = root_.substr(slash + 1);
  }

  std::string url(std::string_view key) const override { return root_ + "/" + std::string(key); }

  std::vector<std::string> list(std::string_view prefix) override {
    std::string folder(prefix);
    if (!folder.empty() && folder.back() != '/') folder += '/';
    const std::string target = url(prefix);
    Call call = run("listing " + target, [target](const ssmd_storage_backend &backend, const ssmd_host *host,
                                                   const ssmd_sink *sink, const ssmd_bytes_sink *out) {
      // Backends list a URL as a folder and name entries relative to it (see docs/plugins.md).
      ssmd_storage_entry_sink entries{const_cast<ssmd_bytes_sink *>(out), [](void *c, ssmd_str key, uint64_t) {
                                        write_record(static_cast<const ssmd_bytes_sink *>(c), kEntry + from(key));
                                      }};
      return backend.list(host, to(target), &entries, sink);
    });
    if (call.status != SSMD_OK)
      throw EnvironmentError("cannot list " + target + " (plugin " + plugin_ + "): " +
                             (call.messages.empty() ? "unknown error" : call.messages));
    std::vector<std::string> keys;
    for (const auto &record : call.result.records)
      if (record.size() > 0 && record.data()[0] == kEntry)
        keys.push_back(relative(std::string(record.view().substr(1)), folder));
    return keys;
  }

  std::vector<Fetched> fetch(const std::vector<std::string> &keys, uint64_t max_bytes,
                             const OnFetched &on_fetched = {}) override {
    std::vector<std::string> urls;
    for (const auto &k : keys) urls.push_back(url(k));
    Call call = run(
        "fetching from " + root_,
        [urls, max_bytes](const ssmd_storage_backend &backend, const ssmd_host *host, const ssmd_sink *sink,
                          const ssmd_bytes_sink *out) {
          std::vector<ssmd_str> c_urls;
          for (const auto &u : urls) c_urls.push_back(to(u));
          ssmd_storage_fetch_sink done{const_cast<ssmd_bytes_sink *>(out),
                                       [](void *c, size_t index, ssmd_status status, ssmd_str content, ssmd_str error) {
                                         std::string record(1, kFetched);
                                         put<uint64_t>(record, index);
                                         put<uint8_t>(record, static_cast<uint8_t>(status));
                                         put<uint32_t>(record, static_cast<uint32_t>(content.size));
                                         record += from(content) + from(error);
                                         write_record(static_cast<const ssmd_bytes_sink *>(c), record);
                                       }};
          return backend.fetch(host, c_urls.data(), c_urls.size(), max_bytes, &done, sink);
        },
        on_fetched);
    if (call.status == SSMD_ENV_ERROR)
      throw EnvironmentError("cannot fetch from " + root_ + " (plugin " + plugin_ + "): " +
                             (call.messages.empty() ? "unknown error" : call.messages));
    std::vector<Fetched> results(keys.size());
    for (const auto &record : call.result.records) {
      std::string_view bytes = record.view();
      size_t pos = 1;
      uint64_t index = 0;
      uint8_t status = 0;
      uint32_t size = 0;
      if (bytes.empty() || bytes[0] != kFetched || !get(bytes, pos, index) || !get(bytes, pos, status) ||
          !get(bytes, pos, size) || bytes.size() - pos < size || index >= results.size())
        continue;
      Fetched &f = results[index];
      // Only listed keys are fetched, and a backend's failures all look alike (a body over max_bytes is
      // SSMD_FAILED too), so a key that cannot be fetched is present and unreadable, never silently absent.
      f.found = true;
      f.ok = status == SSMD_OK;
      if (f.ok) f.content = std::string(bytes.substr(pos, size));
      else f.error = std::string(bytes.substr(pos + size));
    }
    return results;
  }

private:
  struct Call {
    validate::JobResult result;
    ssmd_status status = SSMD_ENV_ERROR;
    std::string messages; // the plugin's diagnostics, or why the call did not finish
  };
  using Body = std::function<ssmd_status(const ssmd_storage_backend &, const ssmd_host *, const ssmd_sink *,
                                         const ssmd_bytes_sink *)>;

  // Runs `body` in a supervised worker that loads the backend; `what` says what it does, for messages. A
  // call that does not finish (a crash, a silence longer than `plugins.network_timeout`) throws
  // EnvironmentError naming the plugin and why.
  Call run(const std::string &what, Body body, const OnFetched &on_fetched = {}) {
    validate::PluginJob job;
    job.plugin = plugin_;
    job.file = root_;
    job.run = [plugins = &plugins_, scheme = scheme_, body](const ssmd_sink *sink, const ssmd_bytes_sink *out) {
      auto lookup = plugins->storage_backend(scheme);
      if (!lookup) {
        write_record(out, kNoTable + lookup.problem);
        return;
      }
      ssmd_status status = body(*lookup.table, lookup.host, sink, out);
      write_record(out, std::string(1, kStatus) + static_cast<char>(status));
    };
    validate::IsolationOptions options;
    options.timeout = timeout_;
    options.timeout_from_last_output = true;
    if (on_fetched)
      options.on_record = [&on_fetched](size_t, const secrets::SecretBytes &record) {
        if (record.size() > 0 && record.data()[0] == kFetched) on_fetched();
      };
    Call call;
    call.result = validate::run_isolated(std::move(job), options);
    call.messages = messages_of(call.result);
    if (call.result.failure)
      throw EnvironmentError("plugin '" + plugin_ + "' " + *call.result.failure + " while " + what);
    const auto &records = call.result.records;
    if (!records.empty() && records.back().size() > 0 && records.back().data()[0] == kNoTable)
      throw EnvironmentError("cannot read " + root_ + ": " + std::string(records.back().view().substr(1)));
    if (records.empty() || records.back().size() != 2 || records.back().data()[0] != kStatus)
      throw EnvironmentError("plugin '" + plugin_ + "' ended without an answer while " + what);
    call.status = static_cast<ssmd_status>(static_cast<unsigned char>(records.back().data()[1]));
    return call;
  }

  // A listed entry as a key relative to the store's root: full URLs and bucket-relative keys are accepted
  // too, for backends that report those.
  std::string relative(const std::string &key, const std::string &folder) const {
    if (key.rfind(root_ + "/", 0) == 0) return key.substr(root_.size() + 1);
    if (key.find("://") != std::string::npos) return key;
    if (!root_path_.empty() && key.rfind(root_path_ + "/" + folder, 0) == 0) return key.substr(root_path_.size() + 1);
    return folder + key;
  }

  PluginManager &plugins_;
  std::string scheme_, root_, root_path_, plugin_;
  std::chrono::milliseconds timeout_;
};

} // namespace

std::unique_ptr<Store> open_store(const std::string &url, const std::function<PluginAccess()> &plugins) {
  size_t sep = url.find("://");
  if (sep == std::string::npos) return std::make_unique<LocalStore>(url);
  std::string scheme = url.substr(0, sep);
  if (scheme == "file") return std::make_unique<LocalStore>(url.substr(sep + 3));
  // The configuration is loaded here, once, so that every worker starts with it.
  const PluginAccess access = plugins();
  validate::Provider provider = validate::find_provider(access.plugins, "storage", scheme);
  if (!provider.found())
    throw EnvironmentError("cannot read " + url + ": " +
                           validate::provider_problem(provider, "storage backend", scheme) +
                           " (a storage plugin for '" + scheme + "://' URLs is needed)");
  return std::make_unique<PluginStore>(access, scheme, url, provider.plugin->manifest.name);
}

} // namespace ssmd::data
