// `ssmd env check-keys ENV [--output json]`: asks the secret backend of every key of the environment
// (`extends:` applied) for every field, and says which are present, missing or in error, and why. Values
// are never printed: each backend runs in a supervised worker (secrets/isolated_resolution.hpp), whose sink
// holds each value only until the backend's findings are redacted against it, then wipes it; no value
// leaves the worker.
//
// Exit 0 when every required field is present; 1 when one is missing, a reference is malformed or a
// backend finds an error; 3 when a backend cannot be reached or no plugin provides a key's prefix.
#include "commands/commands.hpp"
#include "core/json.hpp"
#include "core/table.hpp"
#include "registry/command_support.hpp"
#include "secrets/environment_keys.hpp"
#include "secrets/isolated_resolution.hpp"
#include "secrets/key_resolution.hpp"
#include "secrets/process_protection.hpp"
#include "secrets/report.hpp"

#include <iostream>

namespace ssmd {

using namespace secrets;

namespace {

struct Row {
  const KeyResult *result;
  const FieldResult *field; // null for a key with no usable `fields:`
  std::string status, rule, detail;
};

std::vector<Row> rows_of(const std::vector<KeyResult> &results) {
  std::vector<Row> rows;
  for (const auto &result : results) {
    for (const auto &field : result.fields)
      rows.push_back(Row{&result, &field, std::string(field_status_name(field.status)), field.rule, field.detail});
    if (result.fields.empty()) {
      const Diagnostic *error = result.first_error();
      rows.push_back(
          Row{&result, nullptr, error ? "error" : "present", error ? error->rule : "", error ? error->message : ""});
    }
  }
  return rows;
}

} // namespace

int run_env_check_keys(Context &ctx, const Args &args) {
  CommandLine cl;
  cl.usage = "ssmd env check-keys ENV [--output json]";
  cl.options.add_options()("name", po::value<std::string>()->required()->value_name("ENV"), "the environment");
  cl.positional.add("name", 1);
  add_output_option(cl);
  auto vm = parse_args(registry::builtin("env check-keys"), cl, args);
  if (!vm) return kExitOk;
  const OutputFormat format = output_format(*vm);
  const std::string name = (*vm)["name"].as<std::string>();

  registry::Repository repo(ctx.repo_root());
  const std::vector<EnvironmentKey> keys = environment_keys(repo, name);
  protect_secret_holder();
  const std::vector<KeyResult> results = resolve_keys_isolated(ctx, keys, ResolveOptions{KeepValues::No, false});
  const std::vector<Row> rows = rows_of(results);

  const Diagnostics findings = all_findings(results);

  if (format == OutputFormat::Json) {
    json::Array items;
    for (const auto &row : rows) {
      const EnvironmentKey &key = *row.result->key;
      json::Value item = json::Object{};
      item.set("key", key.name).set("field", row.field ? json::Value(row.field->field.name) : json::Value(nullptr));
      item.set("source", key.source).set("required", key.required).set("from", key.from);
      item.set("plugin", row.result->plugin.empty() ? json::Value(nullptr) : json::Value(row.result->plugin));
      item.set("status", row.status);
      item.set("rule", row.rule.empty() ? json::Value(nullptr) : json::Value(row.rule));
      item.set("detail", row.detail.empty() ? json::Value(nullptr) : json::Value(row.detail));
      items.push_back(item);
    }
    json::Value out = json::Object{};
    out.set("environment", name).set("fields", items).set("findings", findings_json(findings));
    std::cout << out.dump() << "\n";
  } else {
    Table table({"KEY", "FIELD", "SOURCE", "STATUS", "DETAIL"});
    for (const auto &row : rows) {
      const EnvironmentKey &key = *row.result->key;
      table.add({key.name, row.field ? row.field->field.name : "-", key.source, row.status,
                 row.detail.empty() ? "-" : one_line(without_subject(key, row.detail))});
    }
    if (rows.empty())
      std::cout << "environment " << name << " has no keys\n";
    else
      table.print(std::cout);
    registry::print_diagnostics(findings, std::cerr);
  }
  return overall_exit_code(results);
}

} // namespace ssmd
