// `ssmd env update NAME [--feed F] [--schema S:V ...]`: changes only the values it must, in place.
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "registry/change.hpp"
#include "registry/command_support.hpp"
#include "registry/env_edit.hpp"
#include "validate/write_check.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

std::vector<SchemaRef> schema_flags(const po::variables_map &vm); // env_create.cpp

int run_env_update(Context &ctx, const Args &args) {
  CommandLine cl;
  cl.usage = "ssmd env update NAME [--feed FEED] [--schema NAME:VERSION ...]";
  cl.options.add_options()("name", po::value<std::string>()->required(), "the environment")
      ("feed", po::value<std::string>()->value_name("FEED"), "the feed to use")
      ("schema", po::value<std::vector<std::string>>()->value_name("NAME:VERSION"),
       "use this version of a schema (repeatable); a schema not yet referenced is added");
  cl.positional.add("name", 1);
  auto vm = parse_args(builtin("env update"), cl, args);
  if (!vm) return kExitOk;
  if (!vm->count("feed") && !vm->count("schema")) throw UsageError("nothing to update; give --feed or --schema");
  std::vector<SchemaRef> schemas = schema_flags(*vm);

  Transaction tx(ctx.repo_root(), validate::write_checker(ctx));
  const LoadedEnvironment &loaded = require_environment(tx.repository(), (*vm)["name"].as<std::string>());
  std::vector<TextEdit> edits;
  if (vm->count("feed")) edits.push_back(env_feed_edit(loaded, (*vm)["feed"].as<std::string>()));
  if (!schemas.empty()) {
    auto more = env_schema_edits(tx.repository(), loaded, schemas);
    edits.insert(edits.end(), more.begin(), more.end());
  }
  std::string edited = apply_edits(loaded.text, edits);
  std::optional<std::string> feed;
  if (vm->count("feed")) feed = (*vm)["feed"].as<std::string>();
  verify_environment_edit(loaded, edited, feed, schemas);
  return tx.commit({{loaded.file, edited}}, std::cout, std::cerr);
}

} // namespace ssmd
