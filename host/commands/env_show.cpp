// `ssmd env show NAME [--as-of DATE] [--at REF]`: an environment with extends: applied, the feed version in force
// on the date (today by default), its schema versions and its key references. Secret values are never
// read, let alone printed.
#include "commands/commands.hpp"
#include "commands/common_options.hpp"
#include "core/errors.hpp"
#include "core/table.hpp"
#include "registry/as_of.hpp"
#include "registry/command_support.hpp"
#include "registry/resolve.hpp"
#include "registry/views.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

CommandSpec describe_env_show(Context &) {
  return synopsis("ssmd env show NAME [--as-of DATE] [--at REF] [--output json]",
                  {argument("name", "NAME", "the environment").naming(Names::Environment), as_of_option(), at_option(), output_option()});
}

int run_env_show(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "env show", args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm);
  Date date = as_of_flag(*vm).value_or(Date::today());

  Repository repo = open_for_reading(ctx, *vm, ReadCache::Use);
  const std::string name = (*vm)["name"].as<std::string>();
  const LoadedEnvironment &loaded = require_environment(repo, name);
  Resolution resolution = resolve_environment(repo, name);
  if (!resolution.env) throw DomainError(loaded.file + ": " + resolution.problem);
  const ResolvedEnvironment &env = *resolution.env;
  if (!env.feed) throw DomainError(name + " names no feed, here or in a parent environment");
  const LoadedFeed &feed_file = require_feed(repo, *env.feed);
  AsOf in_force = feed_version_as_of(*feed_file.model, date);
  if (!in_force) throw DomainError(in_force.why_none);
  const FeedVersion &fv = feed_file.model->versions[*in_force.index];

  struct SchemaRow {
    SchemaRef ref;
    const SchemaVersion *version = nullptr;
    std::string note;
  };
  std::vector<SchemaRow> schemas;
  for (const auto &ref : env.schemas) {
    SchemaRow row{ref, nullptr, ""};
    const LoadedSchema &schema = require_schema(repo, ref.schema);
    for (const auto &v : schema.model->versions)
      if (v.version == ref.version) row.version = &v;
    if (!row.version) throw DomainError("schema '" + ref.schema + "' has no version '" + ref.version + "'");
    if (row.version->effective_from && date < *row.version->effective_from)
      row.note = "not yet in force on " + date.str();
    schemas.push_back(row);
  }

  if (format == OutputFormat::Json) {
    json::Value out = json::Object{};
    json::Array chain, schema_items, key_items;
    for (const auto &c : env.chain) chain.push_back(c);
    out.set("name", name).set("as_of", date.str()).set("chain", chain).set("file", loaded.file);
    json::Value feed = json::Object{};
    feed.set("name", *env.feed).set("from", env.feed_from).set("version", feed_version_json(fv));
    out.set("feed", feed);
    for (const auto &row : schemas) {
      json::Value item = json::Object{};
      item.set("schema", row.ref.schema).set("version", row.ref.version).set("status", row.version->status);
      item.set("effective_from", date_or_dash(row.version->effective_from)).set("in_force", row.note.empty());
      schema_items.push_back(item);
    }
    out.set("schemas", schema_items).set("schemas_from", env.schemas_from);
    for (const auto &key : env.keys) {
      json::Value item = json::Object{};
      json::Array fields;
      for (const auto &f : key.spec.fields) fields.push_back(f);
      item.set("name", key.spec.name).set("type", key.spec.type).set("required", key.spec.required.value_or(true));
      item.set("fields", fields).set("source", key.spec.source);
      item.set("rotation_days", key.spec.rotation_days ? json::Value(*key.spec.rotation_days) : json::Value(nullptr));
      item.set("from", key.from);
      key_items.push_back(item);
    }
    out.set("keys", key_items).set("transport", node_json(env.transport)).set("storage", node_json(env.storage));
    std::cout << out.dump() << "\n";
    return kExitOk;
  }

  auto inherited = [&](const std::string &from) { return from.empty() || from == name ? "" : "  (from " + from + ")"; };
  std::string chain;
  for (size_t i = 1; i < env.chain.size(); ++i) chain += (i > 1 ? " → " : "") + env.chain[i];
  print_fields(std::cout, {{"name", name},
                           {"extends", chain.empty() ? "-" : chain},
                           {"as of", date.str()},
                           {"file", loaded.file},
                           {"feed", *env.feed + " " + fv.version + " (from " + date_or_dash(fv.effective_from) + ")" +
                                        inherited(env.feed_from)},
                           {"endpoint", fv.endpoint},
                           {"auth_method", fv.auth_method},
                           {"transport", node_inline(env.transport) + inherited(env.transport_from)},
                           {"storage", node_inline(env.storage) + inherited(env.storage_from)}});
  std::cout << "\nschemas" << inherited(env.schemas_from) << ":\n";
  Table schema_table({"  SCHEMA", "VERSION", "STATUS", "EFFECTIVE_FROM", "NOTE"});
  for (const auto &row : schemas)
    schema_table.add({"  " + row.ref.schema, row.ref.version, row.version->status,
                      date_or_dash(row.version->effective_from), row.note.empty() ? "-" : row.note});
  schema_table.print(std::cout);
  std::cout << "\nkeys (references only; values are never read here):\n";
  if (env.keys.empty()) std::cout << "  none\n";
  else {
    Table key_table({"  KEY", "TYPE", "REQUIRED", "FIELDS", "SOURCE", "ROTATION_DAYS", "FROM"});
    for (const auto &key : env.keys)
      key_table.add({"  " + key.spec.name, key.spec.type, key.spec.required.value_or(true) ? "yes" : "no",
                     join(key.spec.fields), key.spec.source, int_text(key.spec.rotation_days), key.from});
    key_table.print(std::cout);
  }
  return kExitOk;
}

} // namespace ssmd
