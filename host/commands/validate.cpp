// ssmd validate: check the whole repository; what CI runs on every change.
#include "commands/commands.hpp"
#include "commands/common_options.hpp"

#include "cli/context.hpp"
#include "core/errors.hpp"
#include "registry/command_support.hpp"
#include "schema/format_plugin.hpp"
#include "validate/engine.hpp"
#include "validate/plugin_rule_catalogue.hpp"
#include "validate/report.hpp"

#include <iostream>
#include <unistd.h>

namespace ssmd {

namespace {

// --plugin-timeout, else the configuration's validate.plugin_timeout (so CI can set it once), else 10 s.
std::chrono::milliseconds plugin_timeout(Context &ctx, const po::variables_map &vm) {
  if (!vm.count("plugin-timeout")) return validate::configured_plugin_timeout(ctx.config());
  double seconds = vm["plugin-timeout"].as<double>();
  if (!(seconds > 0 && seconds <= 3600)) throw UsageError("--plugin-timeout takes seconds between 0 and 3600");
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

} // namespace

CommandSpec describe_validate(Context &) {
  return synopsis("ssmd validate [--at REF] [--format text|json|sarif|junit|github] [--strict] [--no-cache] [--stats] "
                  "[--no-isolation] [--plugin-timeout SECONDS] [--import-path DIR]...",
                  {option("format", "FORMAT", "text, json, sarif (2.1.0), junit or github (workflow annotations)")
                       .with_default("text")
                       .with_choices({"text", "json", "sarif", "junit", "github"}),
                   flag("strict", "treat warnings as errors (after the rule severities of ssmd.yaml's rules:, see docs/files.md)"),
                   flag("no-cache", "ignore and do not update .ssmd/cache"),
                   flag("stats", "print what was checked, run and taken from the cache to stderr"),
                   flag("no-isolation", "run plugins inside this process (for debugging a plugin)"),
                   option("plugin-timeout", "SECONDS", "per plugin call, in isolation (default: validate.plugin_timeout, else 10)").number(),
                   at_option(), import_path_option()});
}

int run_validate(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "validate", args);
  if (!vm) return kExitOk;
  // Before anything is checked or the cache is keyed: the directories are part of the configuration.
  schema::apply_import_paths_to_every_format(ctx, import_path_flag(*vm));
  validate::Format format = validate::parse_format((*vm)["format"].as<std::string>());
  validate::Options options;
  options.use_cache = !vm->count("no-cache");
  options.isolation = !vm->count("no-isolation");
  if (vm->count("at")) {
    options.at = (*vm)["at"].as<std::string>();
    if (options.at->empty()) throw UsageError("--at needs a commit, branch or tag");
  }
  options.timeout = plugin_timeout(ctx, *vm);

  auto outcome = validate::validate_repository(ctx, ctx.repo_root(), options);
  if (vm->count("strict")) outcome.report.promote_warnings();
  // SARIF describes every rule its results name, plugin rules included, which only the plugins can say.
  if (format == validate::Format::Sarif)
    for (const auto &failure : validate::describe_reported_rules(ctx, outcome.report))
      outcome.warnings.push_back(failure + "; its rules are not described");

  validate::TextStyle style;
  style.color = ctx.color(1);
  style.friendly = ::isatty(1) == 1;
  style.unicode = validate::locale_is_utf8();
  std::cout << validate::render(outcome.report, format, style);
  std::cout.flush();
  if (vm->count("stats"))
    std::cerr << "ssmd: " << outcome.report.files.size() << " files; "
              << (outcome.from_cache ? std::string("report from the cache (nothing parsed)")
                                     : std::to_string(outcome.jobs) + " plugin jobs, " + std::to_string(outcome.jobs_run) +
                                           " run, " + std::to_string(outcome.jobs - outcome.jobs_run) + " from the cache")
              << "\n";
  for (const auto &warning : outcome.warnings) std::cerr << "ssmd: warning: " << warning << "\n";
  for (const auto &failure : outcome.plugin_failures) std::cerr << "ssmd: " << failure << "\n";
  if (!outcome.plugin_failures.empty()) return kExitEnvironment;
  return outcome.report.valid() ? kExitOk : kExitFailure;
}

} // namespace ssmd
