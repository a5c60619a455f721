// `ssmd env list [--at REF]`: every environment with its feed and schema versions, extends: applied.
#include "commands/commands.hpp"
#include "commands/common_options.hpp"
#include "core/errors.hpp"
#include "core/table.hpp"
#include "registry/command_support.hpp"
#include "registry/file_errors.hpp"
#include "registry/resolve.hpp"
#include "registry/views.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

CommandSpec describe_env_list(Context &) {
  return synopsis("ssmd env list [--at REF] [--output json]",
                  {at_option(), output_option()});
}

int run_env_list(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "env list", args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm);

  Repository repo = open_for_reading(ctx, *vm, ReadCache::Use);
  Table table({"NAME", "EXTENDS", "FEED", "SCHEMAS", "KEYS"});
  json::Array items;
  Diagnostics problems;
  for (const auto &name : repo.names(Kind::Environment)) {
    const LoadedEnvironment *loaded = repo.environment(name);
    // The core rules (registry/file_errors.hpp) include the `extends:` chain: a cycle or a missing parent is
    // reported with the rule ids `ssmd validate` uses.
    Diagnostics errors = environment_errors(repo, *loaded);
    Resolution resolved = loaded->model && errors.empty() ? resolve_environment(repo, name) : Resolution{};
    if (!resolved.env) {
      problems.insert(problems.end(), errors.begin(), errors.end());
      continue;
    }
    const ResolvedEnvironment &env = *resolved.env;
    std::vector<std::string> schemas, keys;
    for (const auto &ref : env.schemas) schemas.push_back(ref.text());
    for (const auto &key : env.keys) keys.push_back(key.spec.name);
    const std::string extends = loaded->model->extends.value_or("");
    if (format == OutputFormat::Json) {
      json::Value item = json::Object{};
      json::Array schema_items, key_items;
      for (const auto &s : schemas) schema_items.push_back(s);
      for (const auto &k : keys) key_items.push_back(k);
      item.set("name", name).set("extends", extends.empty() ? json::Value(nullptr) : json::Value(extends));
      item.set("feed", env.feed ? json::Value(*env.feed) : json::Value(nullptr)).set("schemas", schema_items).set("keys", key_items);
      items.push_back(item);
    } else {
      table.add({name, extends.empty() ? "-" : extends, env.feed.value_or("-"), schemas.empty() ? "-" : join(schemas),
                 keys.empty() ? "-" : join(keys)});
    }
  }
  if (format == OutputFormat::Json) std::cout << json::Value(items).dump() << "\n";
  else table.print(std::cout);
  print_diagnostics(problems, std::cerr);
  return problems.empty() ? kExitOk : kExitFailure;
}

} // namespace ssmd
