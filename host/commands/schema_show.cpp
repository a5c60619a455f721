// `ssmd schema show NAME:VERSION` or `ssmd schema show NAME [--as-of DATE]`: a version with its
// definition text and structural fingerprint, or (NAME alone) the schema and its versions. `--at REF`
// reads everything as of a commit. The fingerprint comes from the format's plugin; without one, show
// still works and says why there is no fingerprint. A plugin that crashes or hangs computing it is reported
// (`plugin/failed`) and makes the command exit 3 after showing the rest.
#include "commands/commands.hpp"
#include "commands/common_options.hpp"
#include "core/errors.hpp"
#include "core/table.hpp"
#include "registry/as_of.hpp"
#include "registry/command_support.hpp"
#include "registry/names.hpp"
#include "registry/schema_files.hpp"
#include "registry/views.hpp"
#include "schema/format_plugin.hpp"
#include "schema/version_fingerprint.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

CommandSpec describe_schema_show(Context &) {
  return synopsis("ssmd schema show NAME:VERSION | NAME [--as-of DATE] [--at REF] [--import-path DIR]... [--output json]",
                  {argument("ref", "REF", "the schema, or one version of it").naming(Names::Schema), as_of_option(), at_option(), import_path_option(),
                   output_option()});
}

int run_schema_show(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "schema show", args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm);
  std::optional<Date> as_of = as_of_flag(*vm);
  const std::string text = (*vm)["ref"].as<std::string>();
  std::string name = text, wanted;
  if (text.find(':') != std::string::npos) {
    auto ref = split_name_version(text);
    if (!ref) throw UsageError("expected NAME or NAME:VERSION, not '" + text + "'");
    if (as_of) throw UsageError("give NAME:VERSION or NAME --as-of DATE, not both");
    name = ref->name;
    wanted = ref->version;
  }

  Repository repo = open_for_reading(ctx, *vm);
  const LoadedSchema &loaded = require_schema(repo, name);
  const Schema &schema = *loaded.model;
  const SchemaVersion *chosen = nullptr;
  if (!wanted.empty()) {
    for (const auto &v : schema.versions)
      if (v.version == wanted) chosen = &v;
    if (!chosen) throw DomainError("schema '" + name + "' has no version '" + wanted + "'");
  } else if (as_of) {
    AsOf found = schema_version_as_of(schema, *as_of);
    if (!found) throw DomainError(found.why_none);
    chosen = &schema.versions[*found.index];
  }

  if (!chosen) {
    if (format == OutputFormat::Json) {
      json::Value out = json::Object{};
      out.set("name", schema.name).set("format", schema.format).set("schema_file", schema.schema_file).set("file", loaded.file);
      json::Array versions;
      for (const auto &v : schema.versions) versions.push_back(schema_version_json(schema, v));
      out.set("versions", versions);
      std::cout << out.dump() << "\n";
      return kExitOk;
    }
    print_fields(std::cout, {{"name", schema.name}, {"format", schema.format}, {"schema_file", schema.schema_file},
                             {"file", loaded.file}});
    std::cout << "\n";
    Table table({"VERSION", "EFFECTIVE_FROM", "STATUS", "FILE", "ROOT", "COMPATIBLE_WITH"});
    for (const auto &v : schema.versions)
      table.add({v.version, date_or_dash(v.effective_from), v.status, schema.file_of(v), v.root.empty() ? "-" : v.root,
                 v.compatible_with.empty() ? "-" : join(v.compatible_with)});
    table.print(std::cout);
    return kExitOk;
  }

  const std::string &file = schema.file_of(*chosen);
  std::optional<std::string> definition;
  if (!file.empty() && !schema_file_problem(repo, file)) definition = repo.read(Repository::schema_path(file));
  if (!definition) throw DomainError("exchanges/schemas/" + file + " cannot be read");
  schema::apply_import_paths(ctx.config(), import_path_flag(*vm), schema.format);
  schema::VersionFingerprint fingerprint = schema::fingerprint_version(ctx, repo, schema, *chosen);
  print_diagnostics(fingerprint.findings, std::cerr);
  if (format == OutputFormat::Json) {
    json::Value out = schema_version_json(schema, *chosen);
    out.set("schema", schema.name).set("format", schema.format);
    if (as_of) out.set("as_of", as_of->str());
    out.set("fingerprint", fingerprint.value ? json::Value(*fingerprint.value) : json::Value(nullptr));
    if (!fingerprint.value) out.set("fingerprint_unavailable", fingerprint.unavailable);
    out.set("definition", *definition);
    std::cout << out.dump() << "\n";
    return fingerprint.failed ? kExitEnvironment : kExitOk;
  }
  std::vector<std::pair<std::string, std::string>> fields = {
      {"schema", schema.name},
      {"version", chosen->version},
      {"format", schema.format},
      {"status", chosen->status},
      {"effective_from", date_or_dash(chosen->effective_from)},
      {"file", "exchanges/schemas/" + file},
      {"root", chosen->root.empty() ? "-" : chosen->root},
      {"hash", chosen->hash},
      {"fingerprint", fingerprint.value ? *fingerprint.value : "unavailable (" + fingerprint.unavailable + ")"},
      {"compatible_with", chosen->compatible_with.empty() ? "-" : join(chosen->compatible_with)}};
  if (!chosen->breaking_changes.empty()) fields.emplace_back("breaking_changes", chosen->breaking_changes);
  if (as_of) fields.insert(fields.begin(), {"as_of", as_of->str()});
  print_fields(std::cout, fields);
  std::cout << "\n" << *definition;
  if (!definition->empty() && definition->back() != '\n') std::cout << "\n";
  return fingerprint.failed ? kExitEnvironment : kExitOk;
}

} // namespace ssmd
