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

CommandSpec describe_env_update(Context &) {
  return synopsis("ssmd env update NAME [--feed FEED] [--schema NAME:VERSION ...]",
                  {argument("name", "NAME", "the environment").naming(Names::Environment), option("feed", "FEED", "the feed to use"),
                   option("schema", "NAME:VERSION", "use this version of a schema (repeatable); a schema not yet referenced is added")
                       .repeatable()});
}

int run_env_update(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "env update", args);
  if (!vm) return kExitOk;
  if (!vm->count("feed") && !vm->count("schema")) throw UsageError("nothing to update; give --feed or --schema");
  std::vector<SchemaRef> schemas = schema_flags(*vm);

  Transaction tx(ctx.repo_root(), validate::write_checker(ctx, ctx.repo_root()));
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
