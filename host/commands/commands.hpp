// The built-in commands, one file each under host/commands/: describe_X() says what the command accepts
// (cli/command_spec.hpp), run_X() runs it. The commands that present the command line itself (help,
// completion, man pages) are declared in cli/help_commands.hpp, above these.
#pragma once

#include "cli/command.hpp"

namespace ssmd {

CommandSpec describe_commit(Context &ctx);
int run_commit(Context &ctx, const Args &args);
CommandSpec describe_config_show(Context &ctx);
int run_config_show(Context &ctx, const Args &args);
CommandSpec describe_data_gaps(Context &ctx);
int run_data_gaps(Context &ctx, const Args &args);
CommandSpec describe_data_inventory(Context &ctx);
int run_data_inventory(Context &ctx, const Args &args);
CommandSpec describe_data_quality(Context &ctx);
int run_data_quality(Context &ctx, const Args &args);
CommandSpec describe_diff(Context &ctx);
int run_diff(Context &ctx, const Args &args);
CommandSpec describe_env_check_keys(Context &ctx);
int run_env_check_keys(Context &ctx, const Args &args);
CommandSpec describe_env_create(Context &ctx);
int run_env_create(Context &ctx, const Args &args);
CommandSpec describe_env_list(Context &ctx);
int run_env_list(Context &ctx, const Args &args);
CommandSpec describe_env_remove_key(Context &ctx);
int run_env_remove_key(Context &ctx, const Args &args);
CommandSpec describe_env_run(Context &ctx);
int run_env_run(Context &ctx, const Args &args);
CommandSpec describe_env_set_key(Context &ctx);
int run_env_set_key(Context &ctx, const Args &args);
CommandSpec describe_env_show(Context &ctx);
int run_env_show(Context &ctx, const Args &args);
CommandSpec describe_env_update(Context &ctx);
int run_env_update(Context &ctx, const Args &args);
CommandSpec describe_feed_add_version(Context &ctx);
int run_feed_add_version(Context &ctx, const Args &args);
CommandSpec describe_feed_create(Context &ctx);
int run_feed_create(Context &ctx, const Args &args);
CommandSpec describe_feed_list(Context &ctx);
int run_feed_list(Context &ctx, const Args &args);
CommandSpec describe_feed_set_status(Context &ctx);
int run_feed_set_status(Context &ctx, const Args &args);
CommandSpec describe_feed_show(Context &ctx);
int run_feed_show(Context &ctx, const Args &args);
CommandSpec describe_init(Context &ctx);
int run_init(Context &ctx, const Args &args);
CommandSpec describe_log(Context &ctx);
int run_log(Context &ctx, const Args &args);
CommandSpec describe_plugin_check(Context &ctx);
int run_plugin_check(Context &ctx, const Args &args);
CommandSpec describe_plugin_list(Context &ctx);
int run_plugin_list(Context &ctx, const Args &args);
CommandSpec describe_plugin_lock(Context &ctx);
int run_plugin_lock(Context &ctx, const Args &args);
CommandSpec describe_plugin_new(Context &ctx);
int run_plugin_new(Context &ctx, const Args &args);
CommandSpec describe_plugin_show(Context &ctx);
int run_plugin_show(Context &ctx, const Args &args);
CommandSpec describe_publish(Context &ctx);
int run_publish(Context &ctx, const Args &args);
CommandSpec describe_rules_list(Context &ctx);
int run_rules_list(Context &ctx, const Args &args);
CommandSpec describe_schema_breaking(Context &ctx);
int run_schema_breaking(Context &ctx, const Args &args);
CommandSpec describe_schema_hash(Context &ctx);
int run_schema_hash(Context &ctx, const Args &args);
CommandSpec describe_schema_list(Context &ctx);
int run_schema_list(Context &ctx, const Args &args);
CommandSpec describe_schema_register(Context &ctx);
int run_schema_register(Context &ctx, const Args &args);
CommandSpec describe_schema_set_status(Context &ctx);
int run_schema_set_status(Context &ctx, const Args &args);
CommandSpec describe_schema_show(Context &ctx);
int run_schema_show(Context &ctx, const Args &args);
CommandSpec describe_validate(Context &ctx);
int run_validate(Context &ctx, const Args &args);

} // namespace ssmd
