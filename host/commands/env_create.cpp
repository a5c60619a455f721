// `ssmd env create NAME --feed F --schema S:V [--schema ...] [--extends E] [--key NAME --key-source SOURCE
// [--key-fields a,b] [--key-type TYPE]]`: a new environment file. The one key an environment usually has can
// be declared here (a feed plugin warns when the key its exchange signs with is missing); `ssmd env set-key`
// declares more, or declares it later.
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "registry/change.hpp"
#include "registry/command_support.hpp"
#include "registry/env_edit.hpp"
#include "registry/env_key_edit.hpp"
#include "registry/names.hpp"
#include "validate/write_check.hpp"

#include <algorithm>
#include <iostream>

namespace ssmd {

using namespace registry;

std::vector<SchemaRef> schema_flags(const po::variables_map &vm);
void print_key_source_hint(const Diagnostics &refusal);

namespace {

// The key of --key and its companions, or nullopt without --key; companions without --key are a usage error.
std::optional<KeySpec> key_flags(const po::variables_map &vm) {
  if (!vm.count("key")) {
    for (const char *flag : {"key-source", "key-fields", "key-type"})
      if (vm.count(flag)) throw UsageError(std::string("--") + flag + " describes the key of --key NAME; give --key too");
    return std::nullopt;
  }
  KeySpec key;
  key.name = vm["key"].as<std::string>();
  require_valid_name(key.name, "key");
  if (!vm.count("key-source"))
    throw UsageError("--key needs --key-source SOURCE: where the secret comes from, e.g. env");
  key.source = vm["key-source"].as<std::string>();
  if (key.source.empty()) throw UsageError("--key-source must not be empty");
  key.type = vm.count("key-type") ? vm["key-type"].as<std::string>() : "api_key";
  if (key.type.empty()) throw UsageError("--key-type must not be empty");
  if (vm.count("key-fields")) key.fields = parse_key_fields("--key-fields", vm["key-fields"].as<std::string>());
  return key;
}

} // namespace

CommandSpec describe_env_create(Context &) {
  return synopsis("ssmd env create NAME --feed FEED --schema NAME:VERSION [--schema ...] [--extends ENV] "
                  "[--key NAME --key-source SOURCE [--key-fields A,B] [--key-type TYPE]]",
                  {argument("name", "NAME", "the environment"),
                   option("feed", "FEED", "the feed it connects to (may be inherited)"),
                   option("schema", "NAME:VERSION", "a schema version (repeatable)").repeatable(),
                   option("extends", "ENV", "the environment it builds on"),
                   option("key", "NAME", "declare a key under keys: (else the keys are inherited)"),
                   option("key-source", "SOURCE", "where the key's secret comes from (required with --key)"),
                   option("key-fields", "A,B", "the key's fields, separated by commas"),
                   option("key-type", "TYPE", "the key's type (default: api_key)")});
}

int run_env_create(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "env create", args);
  if (!vm) return kExitOk;
  const std::string name = (*vm)["name"].as<std::string>();
  require_valid_name(name, "environment");
  std::optional<std::string> feed, extends;
  if (vm->count("feed")) feed = (*vm)["feed"].as<std::string>();
  if (vm->count("extends")) extends = (*vm)["extends"].as<std::string>();
  std::vector<SchemaRef> schemas = schema_flags(*vm);
  std::optional<KeySpec> key = key_flags(*vm);

  Transaction tx(ctx.repo_root(), validate::write_checker(ctx, ctx.repo_root()));
  std::string file = Repository::file_of(Kind::Environment, name);
  if (tx.repository().has(Kind::Environment, name))
    throw DomainError("environment '" + name + "' exists already (" + file + ")");
  int rc = tx.commit({{file, render_environment_file(name, extends, feed, schemas, key)}}, std::cout, std::cerr);
  print_key_source_hint(tx.refusal());
  return rc;
}

// After a refused write, a hint for a key source no installed secret backend understands, the easiest
// mistake to make on a command line (`vault:ssmd/kalshi` for `vault/ssmd/kalshi`).
void print_key_source_hint(const Diagnostics &refusal) {
  bool unknown_source = std::any_of(refusal.begin(), refusal.end(), [](const Diagnostic &d) {
    return d.rule == "plugin/missing" && d.message.starts_with("key '");
  });
  if (unknown_source)
    std::cerr << "ssmd: hint: a key source is a secret backend's prefix, then '/' and its path: env, "
                 "sealed-secret/NAME or vault/MOUNT/PATH ('ssmd plugin list' shows the installed backends)\n";
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
