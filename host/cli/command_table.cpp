#include "cli/command_table.hpp"

#include "cli/help_commands.hpp"
#include "commands/commands.hpp"

namespace ssmd {

// To add a built-in command:
//   1. write host/commands/<group>_<name>.cpp with describe_<group>_<name>() (its usage line and options as
//      data, see cli/command_spec.hpp) and run_<group>_<name>();
//   2. declare both in host/commands/commands.hpp;
//   3. add a row below, sorted by path;
//   4. add an end-to-end test under tests/e2e/ and a section in docs/cli.md.
const std::vector<Command> &builtin_commands() {
  static const std::vector<Command> k_commands = {
      // Hidden (a path starting with "__"): run by the completion scripts and the build, listed nowhere.
      {"__complete", "Print completion candidates for a command line", describe_complete, run_complete, RepoFlag::Ignored},
      {"__man", "Write the man pages into a directory", describe_man, run_man, RepoFlag::Ignored},
      {"commit", "Validate, then commit the pending metadata changes (nothing else)", describe_commit, run_commit},
      {"completion", "Print a shell completion script: bash, zsh or fish", describe_completion, run_completion},
      {"config show", "Show the effective configuration and where each value comes from", describe_config_show, run_config_show},
      {"data gaps", "List the gaps recorded in a feed's data on one day", describe_data_gaps, run_data_gaps},
      {"data inventory", "Show a feed's captured data day by day, from its manifests", describe_data_inventory, run_data_inventory},
      {"data quality", "Show one day's data quality, cross-checked with the registry", describe_data_quality, run_data_quality},
      {"diff", "Show pending metadata changes against HEAD: what they mean, then the diff", describe_diff, run_diff},
      {"env check-keys", "Check that every field of an environment's keys is available (never prints values)",
       describe_env_check_keys, run_env_check_keys},
      {"env create", "Create an environment", describe_env_create, run_env_create},
      {"env list", "List environments", describe_env_list, run_env_list},
      {"env remove-key", "Remove a key an environment declares", describe_env_remove_key, run_env_remove_key},
      {"env run", "Run a command with an environment's secrets as environment variables", describe_env_run, run_env_run},
      {"env set-key", "Declare an environment's key, or rewrite it: type, fields, source", describe_env_set_key, run_env_set_key},
      {"env show", "Show an environment resolved: feed version, schema versions and key references", describe_env_show, run_env_show},
      {"env update", "Change an environment's feed or schema versions", describe_env_update, run_env_update},
      {"feed add-version", "Add a version to a feed, effective from a date", describe_feed_add_version, run_feed_add_version},
      {"feed create", "Create a feed with its first version", describe_feed_create, run_feed_create},
      {"feed list", "List feeds", describe_feed_list, run_feed_list},
      {"feed set-status", "Set a feed's status: active, deprecated or disabled", describe_feed_set_status, run_feed_set_status},
      {"feed show", "Show a feed, or the version in force on a date", describe_feed_show, run_feed_show},
      {"help", "Show help for ssmd, a command or a topic", describe_help, run_help},
      {"init", "Create a metadata repository: folders, .gitignore, CI recipes", describe_init, run_init, RepoFlag::Creates},
      {"log", "List the commits that changed a definition (or any metadata), newest first", describe_log, run_log},
      {"plugin check", "Load one plugin file in a worker and check it as ssmd would before using it", describe_plugin_check, run_plugin_check},
      {"plugin list", "List the plugins on the search path and whether they can be used", describe_plugin_list, run_plugin_list},
      {"plugin lock", "Pin the usable plugins by SHA-256 in ssmd-plugins.lock", describe_plugin_lock, run_plugin_lock},
      {"plugin new", "Write a new plugin project: sources, a test, CMake and a README", describe_plugin_new, run_plugin_new},
      {"plugin show", "Show one plugin's manifest, file hash and status", describe_plugin_show, run_plugin_show},
      {"publish", "Load committed environments, resolved, into a store the runtime reads (etcd, ...)", describe_publish, run_publish},
      {"rules list", "List every rule validation can report: the host's and each usable plugin's",
       describe_rules_list, run_rules_list},
      {"schema breaking", "Compare two versions of a schema: what breaks the wire format or generated code", describe_schema_breaking, run_schema_breaking},
      {"schema hash", "Compute and verify schema file hashes (--update records them)", describe_schema_hash, run_schema_hash},
      {"schema list", "List schemas", describe_schema_list, run_schema_list},
      {"schema register", "Register a schema file as a new draft version", describe_schema_register, run_schema_register},
      {"schema set-status", "Move a schema version forward: draft, active, deprecated", describe_schema_set_status, run_schema_set_status},
      {"schema show", "Show a schema version and its definition", describe_schema_show, run_schema_show},
      {"validate", "Check every feed, schema and environment, with the plugins that own them", describe_validate, run_validate},
  };
  return k_commands;
}

} // namespace ssmd
