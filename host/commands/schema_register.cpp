// `ssmd schema register NAME --file PATH [...]`: copies a definition file into exchanges/schemas/ as
// <name>.<version>.<ext>, records its sha256, and adds the version as a draft (creating the schema when
// it is new).
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "core/split.hpp"
#include "registry/change.hpp"
#include "registry/command_support.hpp"
#include "registry/names.hpp"
#include "registry/schema_edit.hpp"
#include "registry/sha256.hpp"
#include "validate/write_check.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace fs = std::filesystem;

namespace ssmd {

using namespace registry;

namespace {
// Whether `file` (under exchanges/schemas/) is what an interrupted `schema register` of the same version left:
// the definition is copied before the YAML naming it is written, so a writer killed in between leaves a copy
// with exactly these bytes that no schema names. Running the command again takes it over.
bool interrupted_copy(Repository &repo, const std::string &file, const std::string &bytes) {
  auto existing = repo.read(Repository::schema_path(file));
  if (!existing || *existing != bytes) return false;
  for (const auto &name : repo.names(Kind::Schema)) {
    const LoadedSchema *schema = repo.schema(name);
    if (!schema->model) return false; // cannot tell: keep the refusal
    if (schema->model->schema_file == file) return false;
    for (const auto &version : schema->model->versions)
      if (schema->model->file_of(version) == file) return false;
  }
  return true;
}
} // namespace

CommandSpec describe_schema_register(Context &) {
  return synopsis("ssmd schema register NAME --file PATH [--version V] [--effective-from DATE] [--format F] "
                  "[--root TYPE] [--compatible-with V1,V2] [--breaking-changes TEXT]",
                  {argument("name", "NAME", "the schema"),
                   option("file", "PATH", "the definition file to register").require(),
                   option("version", "V", "the version's name (default: v1, or the next vN)"),
                   option("effective-from", "DATE", "first day in force (default: today)"),
                   option("format", "F", "the schema format (default: the file's extension)"),
                   option("root", "TYPE", "the type this schema provides"),
                   option("compatible-with", "V1,V2", "earlier versions it claims to be compatible with"),
                   option("breaking-changes", "TEXT", "what breaks for readers of earlier versions")});
}

int run_schema_register(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "schema register", args);
  if (!vm) return kExitOk;
  const std::string name = (*vm)["name"].as<std::string>();
  require_valid_name(name, "schema");
  fs::path source = (*vm)["file"].as<std::string>();
  std::string extension = source.extension().string();
  if (extension.size() < 2) throw UsageError("--file " + source.string() + " has no extension; ssmd keeps it in the copy's name");
  extension = extension.substr(1);
  std::ifstream in(source, std::ios::binary);
  if (!in || fs::is_directory(source)) throw EnvironmentError("cannot read " + source.string());
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  SchemaVersion v;
  v.status = "draft";
  v.effective_from = vm->count("effective-from") ? Date::parse(date_arg(*vm, "effective-from")) : Date::today();
  v.hash = sha256_tag(bytes);
  if (vm->count("root")) v.root = (*vm)["root"].as<std::string>();
  if (vm->count("breaking-changes")) v.breaking_changes = (*vm)["breaking-changes"].as<std::string>();
  if (vm->count("compatible-with")) {
    v.compatible_with = split_skipping_empty((*vm)["compatible-with"].as<std::string>(), ',');
  }

  Transaction tx(ctx.repo_root(), validate::write_checker(ctx, ctx.repo_root()));
  Repository &repo = tx.repository();
  Overlay change;
  const std::string yaml_file = Repository::file_of(Kind::Schema, name);
  if (repo.has(Kind::Schema, name)) {
    const LoadedSchema &loaded = require_schema(repo, name);
    const Schema &schema = *loaded.model;
    if (vm->count("format") && (*vm)["format"].as<std::string>() != schema.format)
      throw DomainError("schema '" + name + "' has format '" + schema.format + "', not '" +
                        (*vm)["format"].as<std::string>() + "'");
    if (vm->count("version")) v.version = (*vm)["version"].as<std::string>();
    else if (auto next = next_version_name(schema.versions)) v.version = *next;
    else throw UsageError("schema '" + name + "' has versions not named vN; give --version");
    for (const auto &other : schema.versions)
      if (other.version == v.version) throw DomainError("schema '" + name + "' already has a version '" + v.version + "'");
    v.file = name + "." + v.version + "." + extension;
    change[yaml_file] = insert_schema_version(loaded, v);
  } else {
    v.version = vm->count("version") ? (*vm)["version"].as<std::string>() : "v1";
    v.file = name + "." + v.version + "." + extension;
    Schema schema;
    schema.name = name;
    schema.format = vm->count("format") ? (*vm)["format"].as<std::string>() : extension;
    schema.schema_file = v.file;
    schema.versions.push_back(v);
    change[yaml_file] = render_schema_file(schema);
  }
  if (!valid_version_name(v.version))
    throw UsageError("--version '" + v.version + "' must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
  const std::string copy = Repository::schema_path(v.file);
  std::error_code ec;
  if (fs::exists(fs::symlink_status(repo.root() / copy, ec)) && !interrupted_copy(repo, v.file, bytes))
    throw DomainError(copy + " exists already; remove it or choose another --version");
  change[copy] = bytes;
  int rc = tx.commit(change, std::cout, std::cerr);
  // Without --effective-from the version takes effect today, which may be the day an earlier version does.
  bool same_day = std::any_of(tx.refusal().begin(), tx.refusal().end(), [](const Diagnostic &d) {
    return d.rule == "schema/duplicate-effective-from";
  });
  if (same_day && !vm->count("effective-from"))
    std::cerr << "ssmd: hint: without --effective-from, " << name << ":" << v.version << " takes effect today ("
              << v.effective_from->str() << "); pass --effective-from DATE with the day it takes effect\n";
  return rc;
}

} // namespace ssmd
