#include "cli/context.hpp"
#include "commands/commands.hpp"
#include "commands/plugin_common.hpp"
#include "core/errors.hpp"
#include "core/exit_codes.hpp"
#include "core/printable.hpp"
#include "plugins/host_services.hpp"
#include "plugins/loader.hpp"
#include "plugins/plugin_inspection.hpp"
#include "plugins/plugin_rules.hpp"
#include "plugins/plugin_verify.hpp"
#include "validate/engine.hpp"
#include "validate/isolated_runner.hpp"

#include <iostream>

namespace ssmd {

namespace {

// What the worker that loads the plugin sends back: one record per line of the verdict, its first byte
// saying what the rest is.
constexpr char kError = 'E';      // ssmd would refuse the plugin
constexpr char kWarning = 'W';    // it would load, but something is missing
constexpr char kNote = 'N';       // what it registers, for the reader
constexpr char kUnloadable = 'U'; // the library could not be opened or its entry point failed: no verdict

void send(const ssmd_bytes_sink *out, char kind, const std::string &text) {
  std::string record(1, kind);
  record += text;
  out->write(out->ctx, ssmd_str{record.data(), record.size()});
}

// Runs in the worker: loads the library and reviews the table its entry point returns.
void examine(const PluginInfo &info, const ssmd_bytes_sink *out) {
  std::string error;
  bool opened = false;
  const ssmd_plugin *plugin = call_plugin_entry(info, HostServices::for_process({}), error, &opened);
  if (!plugin) return send(out, opened ? kError : kUnloadable, error);
  PluginTableReview review = review_plugin_table(plugin, info.manifest);
  for (const auto &e : review.errors) send(out, kError, e);
  for (const auto &w : review.warnings) send(out, kWarning, w);
  if (!review.errors.empty()) return;
  send(out, kNote, "code built for plugin ABI " + std::to_string(plugin->abi_major) + "." +
                       std::to_string(plugin->abi_minor));
  send(out, kNote, "registers what its manifest declares: " + plugin_kinds(info));
  send(out, kNote, "lists " + std::to_string(plugin_rules(*plugin).size()) + " rules");
}

} // namespace

// `ssmd plugin check FILE`: whether ssmd would load this plugin. Its manifest is read as discovery reads it;
// then a supervised worker loads it (ssmd never does) and checks what its entry point returns against the
// manifest and the ABI: name, version, ABI major version, each registration, and the rule tables.
CommandSpec describe_plugin_check(Context &) {
  return synopsis("ssmd plugin check FILE",
                  {argument("file", "FILE", "the plugin's shared library (NAME.so)")});
}

int run_plugin_check(Context &ctx, const Args &args) {
  auto vm = parse_args(ctx, "plugin check", args);
  if (!vm) return kExitOk;
  const std::string file = (*vm)["file"].as<std::string>();
  const std::string shown = printable(file);

  size_t errors = 0;
  auto report = [&](const char *severity, const std::string &text) {
    std::cout << shown << ": " << severity << ": " << printable(text) << "\n";
  };
  InspectedPlugin inspected = inspect_plugin_file(file);
  if (inspected.unreadable) throw EnvironmentError(shown + ": " + inspected.errors.front());
  if (inspected.info) {
    const Manifest &m = inspected.info->manifest;
    std::cout << shown << ": plugin '" << m.name << "' " << m.version << ", manifest format " << m.format << ", ABI "
              << m.abi_major << "." << m.abi_minor << "\n";
  }
  for (const auto &w : inspected.warnings) report("warning", w);
  for (const auto &e : inspected.errors) {
    report("error", e);
    ++errors;
  }
  if (!inspected.info) {
    std::cout << "ssmd would refuse " << shown << " (" << errors << (errors == 1 ? " error" : " errors") << ")\n";
    return kExitFailure;
  }
  const PluginInfo &info = *inspected.info;

  validate::PluginJob job;
  job.plugin = info.manifest.name;
  job.file = file;
  job.run = [&info](const ssmd_sink *, const ssmd_bytes_sink *out) { examine(info, out); };
  validate::IsolationOptions options;
  options.timeout = validate::configured_plugin_timeout(ctx.config());
  validate::JobResult result = validate::run_isolated(std::move(job), options);
  if (result.failure)
    throw EnvironmentError("plugin '" + info.manifest.name + "' " + *result.failure + " while being loaded");
  for (const auto &record : result.records) {
    std::string_view r = record.view();
    if (r.empty()) continue;
    const std::string text(r.substr(1));
    switch (r[0]) {
    case kUnloadable: throw EnvironmentError(text);
    case kError:
      report("error", text);
      ++errors;
      break;
    case kWarning: report("warning", text); break;
    default: std::cout << shown << ": " << printable(text) << "\n"; break;
    }
  }
  if (errors > 0) {
    std::cout << "ssmd would refuse " << shown << " (" << errors << (errors == 1 ? " error" : " errors") << ")\n";
    return kExitFailure;
  }
  std::cout << "ssmd would load plugin '" << info.manifest.name << "'\n";
  return kExitOk;
}

} // namespace ssmd
