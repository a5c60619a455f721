// Resolving an environment's keys without running any secret backend's code in this process: each key is
// one job of the isolated runner (validate/isolated_runner.hpp), grouped by the plugin that provides its
// prefix. In the worker, the backend is loaded, resolve_key() runs, and (for `env run`) the backend names the
// variables of the key's fields; the KeyResult comes back over the worker's pipe, each value in a record of
// its own that lands in a SecretBytes and is wiped with it. The supervisor wipes every byte it read.
//
// Each plugin gets one worker, which resolves all of its keys in order and then calls the backend's
// `end_run` (ABI 1.3): a backend that logs in, or reads a secret path shared by several keys, does so once
// per run, and what it kept is wiped before the worker reports its last result.
//
// A backend that crashes, hangs (past `plugins.network_timeout`) or aborts costs its key: every field is in
// error with rule `plugin/failed`, naming the plugin and the signal or timeout, and the key's exit code is 3.
// A fresh worker carries on with the keys after it.
#pragma once

#include "plugins/plugin_access.hpp"
#include "secrets/key_resolution.hpp"

#include <vector>

namespace ssmd::secrets {

struct ResolveOptions {
  KeepValues keep = KeepValues::No;
  bool name_variables = false;     // ask each backend for the variable of each field (see name_fields())
  const AgeQuery *ages = nullptr;  // also ask when each value was set (`env check-keys`)
};

// resolve_key() for every key, in order, each in a supervised worker. Results have no `backend` (the
// backend lives in the worker); `plugin` names it. Variables, when asked for, are named but not yet checked
// for duplicates (refuse_duplicate_variables()).
std::vector<KeyResult> resolve_keys_isolated(PluginAccess access, const std::vector<EnvironmentKey> &keys,
                                             const ResolveOptions &options);

} // namespace ssmd::secrets
