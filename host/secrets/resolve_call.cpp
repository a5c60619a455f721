#include "secrets/resolve_call.hpp"

#include <new>

namespace ssmd::secrets {

namespace {
std::string_view text(ssmd_str s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }
} // namespace

ResolveCall::ResolveCall(const EnvironmentKey &key)
    : key_(key), values_(key.fields.size()), nul_(key.fields.size(), false), last_set_(key.fields.size()) {}

ssmd_status ResolveCall::run(const ssmd_secret_backend *backend, const ssmd_host *host, bool ages,
                             const ssmd_file_history *history) {
  ssmd_secret_request request = secret_request(key_);
  ssmd_secret_sink fields{this, &ResolveCall::on_field};
  ssmd_sink diagnostics{this, &ResolveCall::on_diagnostic};
  ssmd_secret_age_sink age_sink{this, &ResolveCall::on_last_set};
  if (ages) {
    request.ages = &age_sink;
    request.history = history;
  }
  ssmd_status status = backend->resolve(host, &request, &fields, &diagnostics);
  redact_findings();
  return status;
}

// Called by the backend with a borrowed value. Nothing here may throw across the C boundary.
void ResolveCall::on_field(void *ctx, ssmd_str field, ssmd_str value) noexcept {
  auto *self = static_cast<ResolveCall *>(ctx);
  try {
    const std::string_view name = text(field);
    const std::string_view bytes = text(value);
    for (size_t i = 0; i < self->key_.fields.size(); ++i) {
      if (self->key_.fields[i].name != name) continue;
      self->values_[i].reset(); // a value sent twice: the earlier copy is wiped
      self->values_[i].emplace(bytes);
      self->nul_[i] = bytes.find('\0') != std::string_view::npos;
      return;
    }
    self->unlisted_.emplace_back(bytes);
  } catch (const std::bad_alloc &) {
    self->lost_value_ = true;
  }
}

// A field the key does not list, or one named twice, is ignored: the age is only ever shown beside a field.
void ResolveCall::on_last_set(void *ctx, ssmd_str field, int64_t unix_seconds) noexcept {
  auto *self = static_cast<ResolveCall *>(ctx);
  const std::string_view name = text(field);
  for (size_t i = 0; i < self->key_.fields.size(); ++i)
    if (self->key_.fields[i].name == name) self->last_set_[i] = unix_seconds;
}

void ResolveCall::on_diagnostic(void *ctx, const ssmd_diagnostic *diagnostic) noexcept {
  auto *self = static_cast<ResolveCall *>(ctx);
  if (!diagnostic) return;
  try {
    self->findings_.push_back(validate::copy_finding(*diagnostic));
  } catch (const std::bad_alloc &) {
    self->lost_value_ = true;
  }
}

// A backend must never write a value into a finding; should one do so anyway, it is not printed.
void ResolveCall::redact_findings() {
  std::vector<std::string_view> held;
  for (const auto &value : values_)
    if (value) held.push_back(value->view());
  for (const auto &value : unlisted_) held.push_back(value.view());
  for (auto &f : findings_)
    for (std::string *part : {&f.message, &f.path, &f.rule, &f.file}) redact(*part, held);
  for (auto &value : unlisted_) value.wipe();
  unlisted_.clear();
}

SecretBytes ResolveCall::take(size_t i) {
  SecretBytes out = std::move(*values_[i]);
  values_[i].reset();
  return out;
}

void ResolveCall::wipe() {
  for (auto &value : values_)
    if (value) value->wipe();
  for (auto &value : unlisted_) value.wipe();
}

bool redact(std::string &text, const std::vector<std::string_view> &values) {
  bool changed = false;
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    size_t longest = 0;
    for (auto value : values)
      if (value.size() >= kMinMaskedBytes && value.size() > longest && text.compare(at, value.size(), value) == 0)
        longest = value.size();
    if (longest) {
      out += "[redacted]";
      at += longest;
      changed = true;
    } else {
      out += text[at++];
    }
  }
  if (changed) {
    wipe_string(text);
    text = std::move(out);
  }
  return changed;
}

} // namespace ssmd::secrets
