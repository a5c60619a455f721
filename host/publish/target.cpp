#include "publish/target.hpp"

#include "cli/context.hpp"
#include "core/errors.hpp"
#include "plugins/manifest.hpp"
#include "plugins/plugin_manager.hpp"

#include <cstddef>
#include <memory>

namespace ssmd::publish {

namespace {

std::string text(ssmd_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }
ssmd_str c_str(const std::string &s) { return ssmd_str{s.data(), s.size()}; }

// Gathers a plugin's diagnostics into one message.
struct Messages {
  std::string text;
  ssmd_sink sink{this, [](void *ctx, const ssmd_diagnostic *d) {
                   auto *self = static_cast<Messages *>(ctx);
                   if (!self->text.empty()) self->text += "; ";
                   self->text += d->message.data ? std::string(d->message.data, d->message.size) : std::string();
                 }};
  std::string or_unknown() const { return text.empty() ? "the plugin gave no reason" : text; }
};

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

Target Target::open(Context &ctx, const std::string &url) {
  std::string scheme = publisher_scheme(url);
  auto lookup = ctx.plugins().publisher(scheme);
  if (!lookup)
    throw EnvironmentError("cannot publish to " + url + ": " + lookup.problem + " (a publisher plugin for '" +
                           scheme + "://' URLs is needed, such as publish-" + scheme + ")");
  Target target(lookup.table, ctx.plugins().host_services(), url, lookup.plugin);
  ssmd_publish_limits limits{};
  limits.struct_size = sizeof limits;
  Messages messages;
  ssmd_status status = target.publisher_->prepare(target.host_, c_str(url), &limits, &messages.sink);
  if (status == SSMD_FAILED) throw UsageError("--to " + url + ": " + messages.or_unknown());
  if (status != SSMD_OK)
    throw EnvironmentError("cannot publish to " + url + " (plugin " + target.plugin_ + "): " + messages.or_unknown());
  target.limits_ = Limits{limits.max_ops, limits.max_bytes};
  return target;
}

Snapshot Target::read() const {
  struct Ctx {
    Snapshot entries;
  } ctx;
  ssmd_publish_entry_sink out{&ctx, [](void *c, ssmd_str key, ssmd_str value, uint64_t revision) {
                                static_cast<Ctx *>(c)->entries[text(key)] = StoredEntry{text(value), revision};
                              }};
  Messages messages;
  ssmd_status status = publisher_->read(host_, c_str(url_), &out, &messages.sink);
  if (status != SSMD_OK)
    throw EnvironmentError("cannot read " + url_ + " (plugin " + plugin_ + "): " + messages.or_unknown());
  return std::move(ctx.entries);
}

Applied Target::apply(const std::vector<WriteOp> &ops, std::vector<uint64_t> &revisions) const {
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
  revisions.assign(ops.size(), 0);
  ssmd_publish_result_sink out{&revisions, [](void *c, size_t index, uint64_t revision) {
                                 auto *r = static_cast<std::vector<uint64_t> *>(c);
                                 if (index < r->size()) (*r)[index] = revision;
                               }};
  Messages messages;
  ssmd_status status = publisher_->apply(host_, c_str(url_), &batch, &out, &messages.sink);
  if (status == SSMD_OK) return Applied::Yes;
  if (status == SSMD_CONFLICT) return Applied::Conflict;
  throw EnvironmentError("cannot write to " + url_ + " (plugin " + plugin_ + "): " + messages.or_unknown());
}

} // namespace ssmd::publish
