// The host never loads the publisher: `prepare`, `read` and each `apply` run in a supervised worker that
// does (validate/isolated_runner.hpp), and their results come back over its pipe as records. A publisher
// that crashes or hangs costs its call, reported as exit 3 naming the plugin, never ssmd itself. The
// worker also keeps the store's credentials (the plugin reads them) out of ssmd's own memory.
#include "publish/target.hpp"

#include "config/config.hpp"
#include "core/errors.hpp"
#include "plugins/manifest.hpp"
#include "plugins/plugin_manager.hpp"
#include "validate/engine.hpp"
#include "validate/isolated_runner.hpp"
#include "validate/providers.hpp"
#include "validate/worker_records.hpp"

namespace ssmd::publish {

namespace {

std::string text(ssmd_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }
ssmd_str c_str(std::string_view s) { return ssmd_str{s.data(), s.size()}; }

// What a publisher call's worker writes back, one record each, told apart by the first byte.
constexpr char kLimits = 'P';  // 'P' u64 max_ops, u64 max_bytes: what `prepare` reported
constexpr char kEntry = 'E';   // 'E' u64 revision, u32 key size, key, value: one key `read` reported
constexpr char kWritten = 'W'; // 'W' u64 index, u64 revision: what `apply` reported for one operation
constexpr char kStatus = 'S';  // 'S' u8 status: the call's own status, last
constexpr char kNoTable = 'L'; // 'L' why: the worker could not get the publisher's table

using validate::get;
using validate::put;
using validate::write_record;

// Calls `prepare` and reports its limits: every call begins with it, since each runs in a fresh worker.
ssmd_status prepare(const ssmd_publisher &publisher, const ssmd_host *host, const std::string &url,
                    const ssmd_sink *sink, const ssmd_bytes_sink *out) {
  ssmd_publish_limits limits{};
  limits.struct_size = sizeof limits;
  ssmd_status status = publisher.prepare(host, c_str(url), &limits, sink);
  if (status != SSMD_OK) return status;
  std::string record(1, kLimits);
  put<uint64_t>(record, limits.max_ops);
  put<uint64_t>(record, limits.max_bytes);
  write_record(out, record);
  return SSMD_OK;
}

} // namespace

std::string publisher_scheme(const std::string &url) {
  size_t sep = url.find("://");
  if (sep == std::string::npos || sep == 0)
    throw UsageError("--to " + url + ": expected a URL such as etcd://HOST:PORT/PREFIX");
  std::string scheme = url.substr(0, sep);
  std::string name = scheme.substr(0, scheme.find('+'));
  if (!is_valid_name(name))
    throw UsageError("--to " + url + ": '" + scheme + "' is not a URL scheme a publisher can provide");
  // The authority ends at the first '/'; an '@' in it means user:password@, which would be printed in
  // messages, kept in shell history and shown in process listings.
  std::string authority = url.substr(sep + 3, url.find('/', sep + 3) - (sep + 3));
  if (authority.find('@') != std::string::npos)
    throw UsageError("--to: credentials do not belong in the URL; give them in your configuration or the "
                     "publisher's environment variables (see the plugin's README)");
  return name;
}

Target Target::open(PluginAccess access, const std::string &url) {
  std::string scheme = publisher_scheme(url);
  // The configuration is loaded (access.config is), so that every worker starts with it.
  validate::Provider provider = validate::find_provider(access.plugins, "publisher", scheme);
  if (!provider.found())
    throw EnvironmentError("cannot publish to " + url + ": " + validate::provider_problem(provider, "publisher", scheme) +
                           " (a publisher plugin for '" + scheme + "://' URLs is needed, such as publish-" + scheme + ")");
  Target target(access, scheme, url, provider.plugin->manifest.name);
  Call call = target.run("checking " + url, [](const ssmd_publisher &, const ssmd_host *, const ssmd_sink *,
                                               const ssmd_bytes_sink *) { return SSMD_OK; });
  if (call.status == SSMD_FAILED) throw UsageError("--to " + url + ": " + call.messages);
  if (call.status != SSMD_OK)
    throw EnvironmentError("cannot publish to " + url + " (plugin " + target.plugin_ + "): " + call.messages);
  for (const auto &record : call.result.records) {
    std::string_view bytes = record.view();
    size_t pos = 1;
    if (!bytes.empty() && bytes[0] == kLimits && get(bytes, pos, target.limits_.max_ops))
      get(bytes, pos, target.limits_.max_bytes);
  }
  return target;
}

Snapshot Target::read() const {
  Call call = run("reading " + url_, [url = url_](const ssmd_publisher &publisher, const ssmd_host *host,
                                                  const ssmd_sink *sink, const ssmd_bytes_sink *out) {
    ssmd_publish_entry_sink entries{const_cast<ssmd_bytes_sink *>(out),
                                    [](void *c, ssmd_str key, ssmd_str value, uint64_t revision) {
                                      std::string record(1, kEntry);
                                      put<uint64_t>(record, revision);
                                      put<uint32_t>(record, static_cast<uint32_t>(key.size));
                                      record += text(key) + text(value);
                                      write_record(static_cast<const ssmd_bytes_sink *>(c), record);
                                    }};
    return publisher.read(host, c_str(url), &entries, sink);
  });
  if (call.status != SSMD_OK)
    throw EnvironmentError("cannot read " + url_ + " (plugin " + plugin_ + "): " + call.messages);
  Snapshot snapshot;
  for (const auto &record : call.result.records) {
    std::string_view bytes = record.view();
    size_t pos = 1;
    uint64_t revision = 0;
    uint32_t key_size = 0;
    if (bytes.empty() || bytes[0] != kEntry || !get(bytes, pos, revision) || !get(bytes, pos, key_size) ||
        bytes.size() - pos < key_size)
      continue;
    snapshot[std::string(bytes.substr(pos, key_size))] = StoredEntry{std::string(bytes.substr(pos + key_size)), revision};
  }
  return snapshot;
}

Applied Target::apply(const std::vector<WriteOp> &ops, std::vector<uint64_t> &revisions) const {
  Call call = run("writing to " + url_, [url = url_, &ops](const ssmd_publisher &publisher, const ssmd_host *host,
                                                           const ssmd_sink *sink, const ssmd_bytes_sink *out) {
    std::vector<ssmd_publish_op> c_ops(ops.size());
    std::vector<const ssmd_publish_op *> pointers;
    for (size_t i = 0; i < ops.size(); ++i) {
      c_ops[i] = ssmd_publish_op{sizeof(ssmd_publish_op), ops[i].kind, c_str(ops[i].key), c_str(ops[i].value),
                                 ops[i].revision};
      pointers.push_back(&c_ops[i]);
    }
    ssmd_publish_batch batch{};
    batch.struct_size = sizeof batch;
    batch.ops = pointers.data();
    batch.op_count = pointers.size();
    ssmd_publish_result_sink written{const_cast<ssmd_bytes_sink *>(out), [](void *c, size_t index, uint64_t revision) {
                                       std::string record(1, kWritten);
                                       put<uint64_t>(record, index);
                                       put<uint64_t>(record, revision);
                                       write_record(static_cast<const ssmd_bytes_sink *>(c), record);
                                     }};
    return publisher.apply(host, c_str(url), &batch, &written, sink);
  });
  if (call.status == SSMD_CONFLICT) return Applied::Conflict;
  if (call.status != SSMD_OK)
    throw EnvironmentError("cannot write to " + url_ + " (plugin " + plugin_ + "): " + call.messages);
  revisions.assign(ops.size(), 0);
  for (const auto &record : call.result.records) {
    std::string_view bytes = record.view();
    size_t pos = 1;
    uint64_t index = 0, revision = 0;
    if (!bytes.empty() && bytes[0] == kWritten && get(bytes, pos, index) && get(bytes, pos, revision) &&
        index < revisions.size())
      revisions[index] = revision;
  }
  return Applied::Yes;
}

Target::Call Target::run(const std::string &what, Body body) const {
  validate::PluginJob job;
  job.plugin = plugin_;
  job.file = url_;
  job.run = [plugins = plugins_, scheme = scheme_, url = url_, body](const ssmd_sink *sink, const ssmd_bytes_sink *out) {
    auto lookup = plugins->publisher(scheme);
    if (!lookup) {
      write_record(out, kNoTable + lookup.problem);
      return;
    }
    const ssmd_host *host = lookup.host;
    ssmd_status status = prepare(*lookup.table, host, url, sink, out);
    if (status == SSMD_OK) status = body(*lookup.table, host, sink, out);
    write_record(out, std::string(1, kStatus) + static_cast<char>(status));
  };
  validate::IsolationOptions options;
  options.timeout = timeout_;
  options.timeout_from_last_output = true;
  Call call;
  call.result = validate::run_isolated(std::move(job), options);
  for (const auto &f : call.result.findings) call.messages += (call.messages.empty() ? "" : "; ") + f.message;
  if (call.messages.empty()) call.messages = "the plugin gave no reason";
  if (call.result.failure)
    throw EnvironmentError("plugin '" + plugin_ + "' " + *call.result.failure + " while " + what);
  const auto &records = call.result.records;
  if (!records.empty() && records.back().size() > 0 && records.back().data()[0] == kNoTable)
    throw EnvironmentError("cannot publish to " + url_ + ": " + std::string(records.back().view().substr(1)));
  if (records.empty() || records.back().size() != 2 || records.back().data()[0] != kStatus)
    throw EnvironmentError("plugin '" + plugin_ + "' ended without an answer while " + what);
  call.status = static_cast<ssmd_status>(static_cast<unsigned char>(records.back().data()[1]));
  return call;
}

Target::Target(PluginAccess access, std::string scheme, std::string url, std::string plugin)
    : plugins_(&access.plugins), scheme_(std::move(scheme)), url_(std::move(url)), plugin_(std::move(plugin)),
      timeout_(validate::configured_network_timeout(access.config)) {}

} // namespace ssmd::publish
