// The keys of one environment with `extends:` applied, each with what a secret backend needs (the key's
// YAML mapping) and what messages need (the file that defines it, and where).
#pragma once

#include "core/diagnostic.hpp"
#include "registry/repository.hpp"

#include <ssmd/plugin.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::secrets {

// One entry of `fields:` and its position, which backends' findings refer to as `fields[i]`.
struct KeyField {
  size_t index = 0;
  std::string name;
  std::string path() const { return "fields[" + std::to_string(index) + "]"; }
};

struct EnvironmentKey {
  std::string environment;             // the environment asked about (not the parent that defines the key)
  std::string name;                    // the key's name under `keys:`
  std::string source;                  // the whole `source:` value
  bool required = true;                // `required:`, true when absent
  std::optional<int64_t> rotation_days; // `rotation_days:`, when set
  std::vector<KeyField> fields;        // the scalar entries of `fields:`, in order
  std::string from;                    // the environment that defines the key
  std::string file;                    // that environment's repository-relative file
  const yaml::Document *doc = nullptr; // that file's document, owned by the Repository
  const yaml::Node *spec = nullptr;    // the key's mapping in `doc`, lent to the backend

  // "key `api` of environment `prod`", as the backends name keys.
  std::string subject() const;
  // A finding at `path` inside the key's mapping (`source`, `fields[1]`; empty means the key itself).
  Diagnostic finding(Severity severity, std::string rule, std::string message, std::string_view path = "") const;
};

// The keys of `environment`, sorted by name. Throws DomainError (exit 1) when the environment does not exist,
// does not load, or its `extends:` chain is broken, as `ssmd env show` does. The keys point into `repo`,
// which must outlive them.
std::vector<EnvironmentKey> environment_keys(registry::Repository &repo, const std::string &environment);

// The request a backend receives for `key`; it points into `key`, which must outlive it.
ssmd_secret_request secret_request(const EnvironmentKey &key);

} // namespace ssmd::secrets
