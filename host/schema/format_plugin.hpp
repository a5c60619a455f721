// Calling the schema-format plugin that owns a schema's `format:` value. The host names no format: the
// value is looked up among the plugins' `provides schema-format <format>` declarations, and the plugin's
// C table (ssmd_schema_format) does the work. Findings come back as host Diagnostics located in the
// schema files (file:line:col as the plugin reports them).
//
// The host never loads the plugin: each call runs in a supervised worker process that loads it
// (validate/isolated_runner.hpp), bounded by `validate.plugin_timeout`. A plugin that crashes, hangs or
// aborts sets CallResult::failure instead of taking ssmd down.
//
//   schema::apply_import_paths(ctx, flag_dirs, schema.format);   // before the first call
//   schema::FormatPlugin plugin = schema::find_format_plugin(ctx, schema.format);
//   if (!plugin) ... plugin.problem names the kind of plugin needed ...
//   ssmd_file_reader files = files::make_file_reader(repo.files());
//   schema::VersionInput input{schema.name, v.version, Repository::schema_path(schema.file_of(v)), v.root, &files};
//   schema::FingerprintResult fp = schema::call_fingerprint(plugin, input);
#pragma once

#include "core/diagnostic.hpp"
#include "plugins/plugin_access.hpp"

#include <ssmd/plugin.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::schema {

struct FormatPlugin {
  std::string format;
  PluginManager *plugins = nullptr; // null when no usable plugin provides the format
  std::string plugin;               // the plugin that declares the format, when one does
  std::string problem;              // why `plugins` is null, naming the kind of plugin needed
  std::chrono::milliseconds timeout{10000}; // per call: `validate.plugin_timeout`
  explicit operator bool() const { return plugins != nullptr; }
};

// Finds the plugin for `format` from the manifests, loading nothing. A missing or refused plugin is not an
// exception: `problem` says what happened, so a command can decide between failing (exit 3) and saying so.
FormatPlugin find_format_plugin(PluginAccess access, const std::string &format);

// Sets the configuration key `<format>.import_paths` to the --import-path directories followed by the
// configured ones, so plugins read them through the host's config(). Nothing happens without the flag.
void apply_import_paths(Config &config, const std::vector<std::string> &flag_dirs, const std::string &format);
// The same for every format a discovered plugin declares (`ssmd validate` checks schemas of any format).
void apply_import_paths_to_every_format(PluginAccess access, const std::vector<std::string> &flag_dirs);

// One version of a schema as the plugin sees it. The reader must outlive the call.
struct VersionInput {
  std::string schema;  // the schema's name
  std::string version; // e.g. "v2"
  std::string file;    // repository-relative: "exchanges/schemas/trade.v2.fmt"
  std::string root;    // the declared root type; empty means the format's default
  const ssmd_file_reader *files = nullptr;
};

struct CallResult {
  ssmd_status status = SSMD_OK; // SSMD_UNSUPPORTED when the plugin does not offer the call
  Diagnostics findings;         // in the order reported; a finding with no file names the input's file
  // Set when the call did not finish: the plugin crashed, hung or aborted. A whole sentence naming the
  // plugin: "plugin 'x' crashed with SIGSEGV while comparing ... with ...".
  std::optional<std::string> failure;
  // Set instead when the plugin could not be loaded (status SSMD_UNSUPPORTED): why, naming it.
  std::optional<std::string> not_loaded;
};

// The plugin's breaking(older, newer).
CallResult call_breaking(const FormatPlugin &plugin, const VersionInput &older, const VersionInput &newer);

struct FingerprintResult {
  std::optional<std::string> fingerprint; // set when the call succeeded
  CallResult call;
};

// The plugin's fingerprint(input).
FingerprintResult call_fingerprint(const FormatPlugin &plugin, const VersionInput &input);

} // namespace ssmd::schema
