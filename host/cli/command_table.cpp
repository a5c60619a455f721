#include "cli/command_table.hpp"

#include "commands/commands.hpp"

namespace ssmd {

// To add a built-in command:
//   1. write host/commands/<group>_<name>.cpp with run_<group>_<name>() and its CommandLine;
//   2. declare the function in host/commands/commands.hpp;
//   3. add a row below, sorted by path;
//   4. add an end-to-end test under tests/e2e/ and a section in docs/cli.md.
const std::vector<Command> &builtin_commands() {
  static const std::vector<Command> k_commands = {
      // Hidden (a path starting with "__"): run by the completion scripts and the build, listed nowhere.
      {"__complete", "Print completion candidates for a command line", run_complete},
      {"__man", "Write the man pages into a directory", run_man},
      {"commit", "Validate, then commit the pending metadata changes (nothing else)", run_commit},
      {"completion", "Print a shell completion script: bash, zsh or fish", run_completion},
      {"config show", "Show the effective configuration and where each value comes from", run_config_show},
      {"data gaps", "List the gaps recorded in a feed's data on one day", run_data_gaps},
      {"data inventory", "Show a feed's captured data day by day, from its manifests", run_data_inventory},
      {"data quality", "Show one day's data quality, cross-checked with the registry", run_data_quality},
      {"diff", "Show pending metadata changes against HEAD: what they mean, then the diff", run_diff},
      {"env check-keys", "Check that every field of an environment's keys is available (never prints values)",
       run_env_check_keys},
      {"env create", "Create an environment", run_env_create},
      {"env list", "List environments", run_env_list},
      {"env remove-key", "Remove a key an environment declares", run_env_remove_key},
      {"env run", "Run a command with an environment's secrets as environment variables", run_env_run},
      {"env set-key", "Declare an environment's key, or rewrite it: type, fields, source", run_env_set_key},
      {"env show", "Show an environment resolved: feed version, schema versions and key references", run_env_show},
      {"env update", "Change an environment's feed or schema versions", run_env_update},
      {"feed add-version", "Add a version to a feed, effective from a date", run_feed_add_version},
      {"feed create", "Create a feed with its first version", run_feed_create},
      {"feed list", "List feeds", run_feed_list},
      {"feed set-status", "Set a feed's status: active, deprecated or disabled", run_feed_set_status},
      {"feed show", "Show a feed, or the version in force on a date", run_feed_show},
      {"help", "Show help for ssmd, a command or a topic", run_help},
      {"init", "Create a metadata repository: folders, .gitignore, CI recipes", run_init},
      {"log", "List the commits that changed a definition (or any metadata), newest first", run_log},
      {"plugin check", "Load one plugin file in a worker and check it as ssmd would before using it", run_plugin_check},
      {"plugin list", "List the plugins on the search path and whether they can be used", run_plugin_list},
      {"plugin lock", "Pin the usable plugins by SHA-256 in ssmd-plugins.lock", run_plugin_lock},
      {"plugin new", "Write a new plugin project: sources, a test, CMake and a README", run_plugin_new},
      {"plugin show", "Show one plugin's manifest, file hash and status", run_plugin_show},
      {"publish", "Load committed environments, resolved, into a store the runtime reads (etcd, ...)", run_publish},
      {"rules list", "List every rule validation can report: the host's and each usable plugin's",
       run_rules_list},
      {"schema breaking", "Compare two versions of a schema: what breaks the wire format or generated code", run_schema_breaking},
      {"schema hash", "Compute and verify schema file hashes (--update records them)", run_schema_hash},
      {"schema list", "List schemas", run_schema_list},
      {"schema register", "Register a schema file as a new draft version", run_schema_register},
      {"schema set-status", "Move a schema version forward: draft, active, deprecated", run_schema_set_status},
      {"schema show", "Show a schema version and its definition", run_schema_show},
      {"validate", "Check every feed, schema and environment, with the plugins that own them", run_validate},
  };
  return k_commands;
}

} // namespace ssmd
