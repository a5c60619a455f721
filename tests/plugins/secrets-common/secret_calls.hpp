// Calls a secret backend's C table the way the host does, for the three secret-backend suites. Not a suite
// itself (no CMakeLists.txt here): each suite includes this header.
#pragma once

#include "plugin_harness.hpp"

#include <ssmd/plugin.h>

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::test {

// One key of an environment, as the host would hand it to a backend: the key's mapping (YAML text), the
// environment's and the key's names, and the `source:` value read from the mapping.
class KeyRequest {
public:
  explicit KeyRequest(const std::string &spec_yaml, std::string environment = "kalshi-dev", std::string key = "kalshi")
      : doc_(spec_yaml, "exchanges/environments/" + environment + ".yaml"), environment_(std::move(environment)),
        key_(std::move(key)) {
    const auto *source = doc_.document().root()->get("source");
    source_ = source ? source->scalar() : "";
    req_.struct_size = sizeof(req_);
    req_.environment = str(environment_);
    req_.key = str(key_);
    req_.source = str(source_);
    req_.spec = doc_.root();
    req_.file = str(doc_.file());
  }
  // The request points into this object, so it stays where it was made (returning a prvalue is fine).
  KeyRequest(const KeyRequest &) = delete;
  KeyRequest &operator=(const KeyRequest &) = delete;
  const ssmd_secret_request *get() const { return &req_; }

private:
  Doc doc_;
  std::string environment_, key_, source_;
  ssmd_secret_request req_{};
};

struct Resolution {
  ssmd_status status = SSMD_OK;
  Collector diagnostics;
  std::map<std::string, std::string> values; // field -> value, as the sink received them
  std::vector<std::string> order;              // fields in the order they were emitted
  std::map<std::string, int64_t> last_set;     // field -> when its value was set, as the age sink heard it
};

inline Collector check(const ssmd_secret_backend *backend, const ssmd_host *host, const KeyRequest &req,
                       ssmd_status *status = nullptr) {
  Collector out;
  ssmd_status s = backend->check(host, req.get(), out.sink());
  if (status) *status = s;
  return out;
}

// Resolves `req` as `ssmd env check-keys` does: the backend is asked for each value's age too (ABI 1.3).
inline Resolution resolve(const ssmd_secret_backend *backend, const ssmd_host *host, const KeyRequest &req) {
  Resolution r;
  ssmd_secret_sink sink{&r, [](void *ctx, ssmd_str field, ssmd_str value) {
                          auto *self = static_cast<Resolution *>(ctx);
                          std::string name(field.data, field.size);
                          self->order.push_back(name);
                          self->values[name] = std::string(value.data, value.size);
                        }};
  ssmd_secret_age_sink ages{&r, [](void *ctx, ssmd_str field, int64_t unix_seconds) {
                              static_cast<Resolution *>(ctx)->last_set[std::string(field.data, field.size)] = unix_seconds;
                            }};
  ssmd_secret_request request = *req.get();
  request.ages = &ages;
  r.status = backend->resolve(host, &request, &sink, r.diagnostics.sink());
  return r;
}

// Tells the backend the run is over (ABI 1.3), as the host does after a command's last resolve().
inline void end_run(const ssmd_secret_backend *backend, const ssmd_host *host) {
  if (backend->end_run) backend->end_run(host);
}

inline std::optional<std::string> variable_name(const ssmd_secret_backend *backend, const ssmd_host *host,
                                                const KeyRequest &req, const std::string &field) {
  std::string out;
  ssmd_bytes_sink sink{&out, [](void *ctx, ssmd_str b) { static_cast<std::string *>(ctx)->append(b.data, b.size); }};
  if (!backend->variable_name || backend->variable_name(host, req.get(), str(field), &sink) != SSMD_OK)
    return std::nullopt;
  return out;
}

// Every finding's text: rule, path, file and message, so a canary search covers all of it.
inline std::string all_text(const Collector &c) {
  std::string out;
  for (const auto &f : c.findings) out += f.rule + " " + f.path + " " + f.file + " " + f.message + "\n";
  return out;
}

// Fails the test when any canary value appears in `text`.
inline void expect_no_canary(const std::string &text, const std::vector<std::string> &canaries,
                             const std::string &where) {
  for (const auto &canary : canaries)
    EXPECT_EQ(text.find(canary), std::string::npos) << "secret value leaked into " << where;
}

// True when some finding carries `rule` and its message mentions every one of `words`.
inline bool has_finding(const Collector &c, const std::string &rule, const std::vector<std::string> &words) {
  for (const auto &f : c.findings) {
    if (f.rule != rule) continue;
    bool all = true;
    for (const auto &w : words) all = all && f.message.find(w) != std::string::npos;
    if (all) return true;
  }
  return false;
}

} // namespace ssmd::test
