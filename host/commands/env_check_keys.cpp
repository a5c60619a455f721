// `ssmd env check-keys (ENV | --all) [--fail-on STATUS] [--output json]`: asks the secret backend of every
// key of the environment (`extends:` applied) for every field, and says which are present, missing or in
// error, and why; where a backend knows when a value was set, how old it is and whether the key's
// `rotation_days` says it is due. Values are never printed: each backend runs in a supervised worker
// (secrets/isolated_resolution.hpp), whose sink holds each value only until the backend's findings are
// redacted against it, then wipes it; no value leaves the worker.
//
// With --all, every environment's keys are resolved in one run (a secret path they share is read once) and
// each environment gets a summary line, for a nightly job.
//
// Exit 0 when every required field is present; 1 when one is missing, a reference is malformed, a backend
// finds an error, or a field has a status --fail-on (or the committed `check_keys.fail_on`) names; 3 when a
// backend cannot be reached or no plugin provides a key's prefix.
#include "commands/commands.hpp"
#include "config/config.hpp"
#include "core/errors.hpp"
#include "core/split.hpp"
#include "core/json.hpp"
#include "core/table.hpp"
#include "git/file_history.hpp"
#include "registry/command_support.hpp"
#include "secrets/check_keys_report.hpp"
#include "secrets/environment_keys.hpp"
#include "secrets/isolated_resolution.hpp"
#include "secrets/key_resolution.hpp"
#include "secrets/process_protection.hpp"
#include "secrets/report.hpp"

#include <ctime>
#include <iostream>
#include <set>

namespace ssmd {

using namespace secrets;

namespace {

// The committed team setting (ssmd.yaml) that makes statuses fail, as --fail-on does.
constexpr const char *kFailOnSetting = "check_keys.fail_on";

void add_fail_on(std::set<std::string> &out, const std::string &words, const std::string &origin) {
  for (const auto &word : split_all(words, ',')) {
    if (word != kRotationDue && word != kUnknownAge)
      throw UsageError(origin + " takes " + kRotationDue + " or " + kUnknownAge + ", not '" + word + "'");
    out.insert(word);
  }
}

// Statuses that fail the command: --fail-on's and the committed setting's together.
std::set<std::string> fail_on_statuses(Context &ctx, const po::variables_map &vm) {
  std::set<std::string> out;
  if (vm.count("fail-on"))
    for (const auto &words : vm["fail-on"].as<std::vector<std::string>>()) add_fail_on(out, words, "--fail-on");
  for (const auto &words : ctx.config().list(kFailOnSetting)) add_fail_on(out, words, kFailOnSetting);
  return out;
}

std::string age_cell(const CheckRow &row) {
  return row.rotation.age_days ? std::to_string(*row.rotation.age_days) + "d" : "-";
}

// One environment's share of the run.
struct Checked {
  std::string environment;
  std::vector<CheckRow> rows;
  Diagnostics findings;
};

} // namespace

CommandSpec describe_env_check_keys(Context &) {
  return synopsis("ssmd env check-keys (ENV | --all) [--fail-on STATUS] [--output json]",
                  {optional_argument("name", "ENV", "the environment").naming(Names::Environment),
                   flag("all", "every environment, with one summary line each"),
                   option("fail-on", "STATUS", "also fail (exit 1) on rotation-due or unknown-age fields (repeatable or comma-separated)")
                       .merged(),
                   output_option()});
}

int run_env_check_keys(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "env check-keys", args);
  if (!vm) return kExitOk;
  const OutputFormat format = output_format(*vm);
  const bool all = vm->count("all") > 0;
  if (all == (vm->count("name") > 0))
    throw UsageError("env check-keys takes an environment ENV or --all (one of them)");
  const std::set<std::string> fail_on = fail_on_statuses(ctx, *vm);

  registry::Repository repo(ctx.repo_root());
  const std::vector<std::string> names =
      all ? repo.names(registry::Kind::Environment) : std::vector<std::string>{(*vm)["name"].as<std::string>()};
  // With --all, an environment that does not load is reported and the others are still checked.
  std::vector<EnvironmentKey> keys;
  Diagnostics unloadable;
  for (const auto &name : names) {
    try {
      std::vector<EnvironmentKey> own = environment_keys(repo, name);
      keys.insert(keys.end(), std::make_move_iterator(own.begin()), std::make_move_iterator(own.end()));
    } catch (const DomainError &e) {
      if (!all) throw;
      unloadable.push_back(Diagnostic{"", 0, 0, Severity::Error, "secrets/environment", e.what()});
    }
  }

  protect_secret_holder();
  git::FileHistory history(ctx.repo_root());
  AgeQuery ages{history.in_git() ? history.table() : nullptr};
  std::vector<KeyResult> results = resolve_keys_isolated(ctx, keys, ResolveOptions{KeepValues::No, false, &ages});
  const std::vector<CheckRow> rows = check_rows(results, static_cast<int64_t>(std::time(nullptr)), fail_on);

  std::vector<Checked> checked;
  for (const auto &name : names) {
    Checked c{name, {}, {}};
    for (const auto &row : rows)
      if (row.result->key->environment == name) c.rows.push_back(row);
    for (const auto &result : results)
      if (result.key->environment == name)
        c.findings.insert(c.findings.end(), result.findings.begin(), result.findings.end());
    checked.push_back(std::move(c));
  }

  if (format == OutputFormat::Json) {
    json::Array environments;
    for (const auto &c : checked) {
      json::Array items;
      for (const auto &row : c.rows) items.push_back(row_json(row));
      json::Value out = json::Object{};
      out.set("environment", c.environment).set("fields", items).set("findings", findings_json(c.findings));
      if (all) out.set("summary", summary_json(c.rows));
      environments.push_back(out);
    }
    json::Value out = all ? json::Value(json::Object{}) : environments.front();
    if (all) out.set("environments", environments).set("problems", findings_json(unloadable));
    std::cout << out.dump() << "\n";
  } else {
    std::vector<std::string> headers{"KEY", "FIELD", "SOURCE", "STATUS", "AGE", "DETAIL"};
    if (all) headers.insert(headers.begin(), "ENV");
    Table table(headers);
    for (const auto &row : rows) {
      const EnvironmentKey &key = *row.result->key;
      const std::string detail = row.detail.empty() ? "-" : one_line(without_subject(key, row.detail));
      std::vector<std::string> cells{key.name, row.field ? row.field->field.name : "-", key.source, row.status,
                                     age_cell(row), detail};
      if (all) cells.insert(cells.begin(), key.environment);
      table.add(std::move(cells));
    }
    if (rows.empty() && !all)
      std::cout << "environment " << names.front() << " has no keys\n";
    else if (!rows.empty())
      table.print(std::cout);
    if (all) {
      if (!rows.empty()) std::cout << "\n";
      for (const auto &c : checked) std::cout << summary_line(c.environment, c.rows) << "\n";
    }
    registry::print_diagnostics(unloadable, std::cerr);
    registry::print_diagnostics(all_findings(results), std::cerr);
  }
  int code = overall_exit_code(results);
  if (!unloadable.empty() || fails_on(rows, fail_on)) code = std::max(code, 1);
  return code;
}

} // namespace ssmd
