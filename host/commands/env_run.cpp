// `ssmd env run ENV [--dry-run] -- COMMAND [ARGS...]`: resolves every key of the environment through its
// secret backend and runs COMMAND with the fields as environment variables, as `sops exec-env` and the
// exec mode of secrets agents do. Each variable is named by the key's backend (variable_name()), or SSMD_<KEY>_<FIELD>.
//
// The backends run in supervised workers (secrets/isolated_resolution.hpp); the values reach this process
// over their pipes and exist only in SecretBytes buffers and in the child's environment block: ssmd never
// calls setenv, and the buffers are wiped as soon as the child has its own copy, before ssmd waits for it.
// The process cannot dump core (secrets/process_protection.hpp), and the child dies with it.
//
// A required field that is not available refuses the run (exit 1; 3 when a backend cannot be reached),
// naming keys and fields only.
// Otherwise the exit code is the child's: 128 + N when signal N killed it, 127 when COMMAND is not found.
#include "commands/commands.hpp"
#include "core/errors.hpp"
#include "core/json.hpp"
#include "core/table.hpp"
#include "registry/command_support.hpp"
#include "secrets/child_process.hpp"
#include "secrets/environment_keys.hpp"
#include "secrets/isolated_resolution.hpp"
#include "secrets/key_resolution.hpp"
#include "secrets/process_protection.hpp"
#include "secrets/report.hpp"
#include "secrets/variables.hpp"

#include <algorithm>
#include <iostream>

extern char **environ;

namespace ssmd {

using namespace secrets;

namespace {

// The words before `--` are ssmd's, the words after it the command's.
struct Split {
  Args own;
  std::vector<std::string> command;
  bool separator = false;
};

Split split_at_separator(const Args &args) {
  Split out;
  auto at = std::find(args.begin(), args.end(), "--");
  out.own.assign(args.begin(), at);
  if (at != args.end()) {
    out.separator = true;
    out.command.assign(at + 1, args.end());
  }
  return out;
}

void print_dry_run(const std::string &environment, const std::vector<std::string> &command,
                   const std::vector<KeyResult> &results, const Diagnostics &findings, OutputFormat format) {
  if (format == OutputFormat::Json) {
    json::Array variables, words;
    for (const auto &result : results)
      for (const auto &field : result.fields) {
        json::Value item = json::Object{};
        item.set("variable", field.variable.empty() ? json::Value(nullptr) : json::Value(field.variable));
        item.set("key", result.key->name).set("field", field.field.name).set("source", result.key->source);
        item.set("status", field_status_name(field.status));
        item.set("detail", field.detail.empty() ? json::Value(nullptr) : json::Value(field.detail));
        variables.push_back(item);
      }
    for (const auto &word : command) words.push_back(word);
    json::Value out = json::Object{};
    out.set("environment", environment).set("command", command.empty() ? json::Value(nullptr) : json::Value(words));
    out.set("variables", variables).set("findings", findings_json(findings));
    std::cout << out.dump() << "\n";
    return;
  }
  Table table({"VARIABLE", "KEY", "FIELD", "SOURCE", "STATUS"});
  for (const auto &result : results)
    for (const auto &field : result.fields)
      table.add({field.variable.empty() ? "-" : field.variable, result.key->name, field.field.name, result.key->source,
                 std::string(field_status_name(field.status))});
  if (table.empty())
    std::cout << "environment " << environment << " has no keys; no variables would be set\n";
  else
    table.print(std::cout);
  registry::print_diagnostics(findings, std::cerr);
}

// "api/key_id (missing), feed/token (error)": the fields that stop the run, never their values.
std::string blocking_fields(const std::vector<KeyResult> &results) {
  std::string out;
  for (const auto &result : results) {
    if (result.exit_code == 0) continue;
    for (const auto &field : result.fields)
      if (field.status != FieldStatus::Present && (result.key->required || field.status == FieldStatus::Error))
        out += (out.empty() ? "" : ", ") + result.key->name + "/" + field.field.name + " (" +
               std::string(field_status_name(field.status)) + ")";
  }
  return out;
}

} // namespace

CommandSpec describe_env_run(Context &) {
  return synopsis("ssmd env run ENV [--dry-run [--output json]] -- COMMAND [ARGS...]",
                  {argument("name", "ENV", "the environment").naming(Names::Environment),
                   flag("dry-run", "list the variables that would be set (names, keys, fields; never values)"), output_option()});
}

int run_env_run(Context &ctx, const Args &args) {
  Split split = split_at_separator(args);
  auto vm = parse_args(ctx, "env run", split.own);
  if (!vm) return kExitOk;
  const OutputFormat format = output_format(*vm);
  const bool dry_run = vm->count("dry-run") > 0;
  const std::string name = (*vm)["name"].as<std::string>();
  if (!dry_run && vm->count("output") && !(*vm)["output"].defaulted())
    throw UsageError("--output applies to --dry-run only: a run's output is COMMAND's");
  if (!dry_run && split.command.empty())
    throw UsageError(std::string(split.separator ? "no COMMAND after `--`" : "missing `-- COMMAND`") +
                     "; usage: " + describe_env_run(ctx).usage);
  if (!dry_run && split.command.front().empty()) throw UsageError("COMMAND is empty; usage: " + describe_env_run(ctx).usage);

  registry::Repository repo(ctx.repo_root());
  const std::vector<EnvironmentKey> keys = environment_keys(repo, name);
  protect_secret_holder();
  std::vector<KeyResult> results =
      resolve_keys_isolated(ctx, keys, ResolveOptions{dry_run ? KeepValues::No : KeepValues::Yes, true});
  refuse_duplicate_variables(results);
  const int code = overall_exit_code(results);
  const Diagnostics findings = all_findings(results);

  if (dry_run) {
    print_dry_run(name, split.command, results, findings, format);
    return code;
  }
  registry::print_diagnostics(findings, std::cerr);
  if (code != kExitOk) {
    std::string blocking = blocking_fields(results);
    std::cerr << "ssmd: env run: not running " << split.command.front() << ": environment " << name
              << (blocking.empty() ? " has errors (see above)" : " lacks " + blocking) << "\n";
    return code; // the values are wiped as `results` goes
  }

  std::vector<std::pair<std::string, std::string_view>> added;
  for (const auto &result : results)
    for (const auto &field : result.fields)
      if (field.status == FieldStatus::Present && !field.variable.empty())
        added.emplace_back(field.variable, field.value.view());
  ChildEnvironment environment(environ, added);
  added.clear();
  results.clear(); // wipes every value; the child's copy lives in `environment` until it is spawned
  std::cout.flush();
  std::cerr.flush();
  ChildOutcome outcome = run_child(split.command, environment);
  if (!outcome.spawn_error.empty()) std::cerr << "ssmd: env run: " << outcome.spawn_error << "\n";
  return outcome.exit_code;
}

} // namespace ssmd
