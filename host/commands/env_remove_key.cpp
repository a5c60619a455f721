// `ssmd env remove-key ENV KEY`: removes a key the environment declares itself. A key it inherits is removed
// in the environment that declares it. Checked before writing like every change.
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "registry/change.hpp"
#include "registry/command_support.hpp"
#include "registry/env_key_edit.hpp"
#include "registry/resolve.hpp"
#include "validate/write_check.hpp"

#include <algorithm>
#include <iostream>

namespace ssmd {

using namespace registry;

CommandSpec describe_env_remove_key(Context &) {
  return synopsis("ssmd env remove-key ENV KEY",
                  {argument("env", "ENV", "the environment").naming(Names::Environment), argument("key", "KEY", "the key to remove")});
}

int run_env_remove_key(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "env remove-key", args);
  if (!vm) return kExitOk;
  const std::string env_name = (*vm)["env"].as<std::string>();
  const std::string key = (*vm)["key"].as<std::string>();
  require_valid_name(env_name, "environment");
  require_valid_name(key, "key");

  Transaction tx(ctx.repo_root(), validate::write_checker(ctx, ctx.repo_root()));
  const LoadedEnvironment &loaded = require_environment(tx.repository(), env_name);
  bool own = loaded.model->keys && std::any_of(loaded.model->keys->begin(), loaded.model->keys->end(),
                                               [&](const KeySpec &k) { return k.name == key; });
  if (!own) {
    Resolution resolution = resolve_environment(tx.repository(), env_name);
    if (resolution.env)
      for (const auto &k : resolution.env->keys)
        if (k.spec.name == key)
          throw DomainError("key '" + key + "' of environment '" + env_name + "' is inherited from '" + k.from +
                            "'; remove it there (ssmd env remove-key " + k.from + " " + key + ")");
  }
  return tx.commit({{loaded.file, remove_environment_key(loaded, key)}}, std::cout, std::cerr);
}

} // namespace ssmd
