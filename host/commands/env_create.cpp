// `ssmd env create NAME --feed F --schema S:V [--schema ...] [--extends E]`: a new environment file.
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "registry/change.hpp"
#include "registry/command_support.hpp"
#include "registry/env_edit.hpp"
#include "registry/names.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

std::vector<SchemaRef> schema_flags(const po::variables_map &vm);

int run_env_create(Context &ctx, const Args &args) {
  CommandLine cl;
  cl.usage = "ssmd env create NAME --feed FEED --schema NAME:VERSION [--schema ...] [--extends ENV]";
  cl.options.add_options()("name", po::value<std::string>()->required(), "the environment")
      ("feed", po::value<std::string>()->value_name("FEED"), "the feed it connects to (may be inherited)")
      ("schema", po::value<std::vector<std::string>>()->value_name("NAME:VERSION"), "a schema version (repeatable)")
      ("extends", po::value<std::string>()->value_name("ENV"), "the environment it builds on");
  cl.positional.add("name", 1);
  auto vm = parse_args(builtin("env create"), cl, args);
  if (!vm) return kExitOk;
  const std::string name = (*vm)["name"].as<std::string>();
  require_valid_name(name, "environment");
  std::optional<std::string> feed, extends;
  if (vm->count("feed")) feed = (*vm)["feed"].as<std::string>();
  if (vm->count("extends")) extends = (*vm)["extends"].as<std::string>();
  std::vector<SchemaRef> schemas = schema_flags(*vm);

  Transaction tx(ctx.repo_root());
  std::string file = Repository::file_of(Kind::Environment, name);
  if (tx.repository().has(Kind::Environment, name))
    throw DomainError("environment '" + name + "' exists already (" + file + ")");
  return tx.commit({{file, render_environment_file(name, extends, feed, schemas)}}, std::cout, std::cerr);
}

// The --schema flags as references; a malformed one is a usage error.
std::vector<SchemaRef> schema_flags(const po::variables_map &vm) {
  std::vector<SchemaRef> out;
  if (!vm.count("schema")) return out;
  for (const auto &text : vm["schema"].as<std::vector<std::string>>()) {
    auto ref = split_name_version(text);
    if (!ref) throw UsageError("--schema takes NAME:VERSION such as trade:v1, not '" + text + "'");
    out.push_back(SchemaRef{ref->name, ref->version, ""});
  }
  return out;
}

} // namespace ssmd
