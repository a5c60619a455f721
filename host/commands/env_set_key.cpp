// `ssmd env set-key ENV KEY --source SOURCE --fields A,B [--type TYPE] [--required | --optional]
// [--rotation-days N]`: declares a key of an environment, or rewrites the one it has, in place. Like every
// write, the repository it would produce is checked first (the key source's plugin included), and a change
// `ssmd validate` would report as an error is refused with nothing written.
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "registry/change.hpp"
#include "registry/command_support.hpp"
#include "registry/env_key_edit.hpp"
#include "validate/write_check.hpp"

#include <algorithm>
#include <iostream>

namespace ssmd {

using namespace registry;

void print_key_source_hint(const Diagnostics &refusal); // env_create.cpp

namespace {

int64_t rotation_days(const std::string &text) {
  size_t used = 0;
  int64_t days = 0;
  try {
    days = std::stoll(text, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used != text.size() || days <= 0 || days > 36500)
    throw UsageError("--rotation-days takes a positive whole number of days, not '" + text + "'");
  return days;
}

} // namespace

CommandSpec describe_env_set_key(Context &) {
  return synopsis("ssmd env set-key ENV KEY --source SOURCE --fields A,B [--type TYPE] [--required | --optional] "
                  "[--rotation-days N]",
                  {argument("env", "ENV", "the environment").naming(Names::Environment),
                   argument("key", "KEY", "the key's name under keys:"),
                   option("source", "SOURCE", "where the secret comes from: env, sealed-secret/NAME, vault/MOUNT/PATH").require(),
                   option("fields", "A,B", "the key's fields, separated by commas").require(),
                   option("type", "TYPE", "the key's type (default: api_key)"),
                   flag("required", "the environment cannot run without it (the default)"),
                   flag("optional", "the environment can run without it (required: false)"),
                   option("rotation-days", "N", "how often the secret is rotated, in days")});
}

int run_env_set_key(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "env set-key", args);
  if (!vm) return kExitOk;
  const std::string env_name = (*vm)["env"].as<std::string>();
  require_valid_name(env_name, "environment");
  KeySpec spec;
  spec.name = (*vm)["key"].as<std::string>();
  require_valid_name(spec.name, "key");
  spec.source = (*vm)["source"].as<std::string>();
  if (spec.source.empty()) throw UsageError("--source must not be empty");
  spec.fields = parse_key_fields("--fields", (*vm)["fields"].as<std::string>());
  spec.type = vm->count("type") ? (*vm)["type"].as<std::string>() : "api_key";
  if (spec.type.empty()) throw UsageError("--type must not be empty");
  if (vm->count("required") && vm->count("optional")) throw UsageError("--required and --optional are alternatives");
  spec.required = !vm->count("optional");
  if (vm->count("rotation-days")) spec.rotation_days = rotation_days((*vm)["rotation-days"].as<std::string>());

  Transaction tx(ctx.repo_root(), validate::write_checker(ctx, ctx.repo_root()));
  const LoadedEnvironment &loaded = require_environment(tx.repository(), env_name);
  int rc = tx.commit({{loaded.file, set_environment_key(loaded, spec)}}, std::cout, std::cerr);
  print_key_source_hint(tx.refusal());
  return rc;
}

} // namespace ssmd
