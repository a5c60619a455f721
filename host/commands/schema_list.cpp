// `ssmd schema list [--at REF]`: every schema with its versions and the one in force today.
#include "commands/commands.hpp"
#include "commands/common_options.hpp"
#include "core/errors.hpp"
#include "core/table.hpp"
#include "registry/as_of.hpp"
#include "registry/command_support.hpp"
#include "registry/views.hpp"

#include <iostream>

namespace ssmd {

using namespace registry;

CommandSpec describe_schema_list(Context &) {
  return synopsis("ssmd schema list [--at REF] [--output json]",
                  {at_option(), output_option()});
}

int run_schema_list(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "schema list", args);
  if (!vm) return kExitOk;
  OutputFormat format = output_format(*vm);

  Repository repo = open_for_reading(ctx, *vm);
  Date today = Date::today();
  Table table({"NAME", "FORMAT", "VERSIONS", "CURRENT", "LATEST"});
  json::Array items;
  Diagnostics problems;
  for (const auto &name : repo.names(Kind::Schema)) {
    const LoadedSchema *loaded = repo.schema(name);
    if (!loaded->model || has_errors(loaded->diagnostics)) {
      for (const auto &d : loaded->diagnostics)
        if (d.severity == Severity::Error) problems.push_back(d);
      continue;
    }
    const Schema &schema = *loaded->model;
    AsOf current = schema_version_as_of(schema, today);
    const SchemaVersion *latest = nullptr;
    for (const auto &v : schema.versions)
      if (v.effective_from && (!latest || *latest->effective_from < *v.effective_from)) latest = &v;
    std::vector<std::string> all;
    for (const auto &v : schema.versions) all.push_back(v.version + " (" + v.status + ")");
    if (format == OutputFormat::Json) {
      json::Value item = json::Object{};
      json::Array versions;
      for (const auto &v : schema.versions) versions.push_back(schema_version_json(schema, v));
      item.set("name", schema.name).set("format", schema.format);
      item.set("current_version", current ? json::Value(schema.versions[*current.index].version) : json::Value(nullptr));
      item.set("versions", versions);
      items.push_back(item);
    } else {
      table.add({schema.name, schema.format, join(all), current ? schema.versions[*current.index].version : "-",
                 latest ? latest->version + " (" + latest->status + ")" : "-"});
    }
  }
  if (format == OutputFormat::Json) std::cout << json::Value(items).dump() << "\n";
  else table.print(std::cout);
  print_diagnostics(problems, std::cerr);
  return problems.empty() ? kExitOk : kExitFailure;
}

} // namespace ssmd
