// The run functions of the built-in commands, one file each under host/commands/.
#pragma once

#include "cli/command.hpp"

namespace ssmd {

int run_commit(Context &ctx, const Args &args);
int run_complete(Context &ctx, const Args &args);
int run_completion(Context &ctx, const Args &args);
int run_config_show(Context &ctx, const Args &args);
int run_data_gaps(Context &ctx, const Args &args);
int run_data_inventory(Context &ctx, const Args &args);
int run_data_quality(Context &ctx, const Args &args);
int run_diff(Context &ctx, const Args &args);
int run_env_check_keys(Context &ctx, const Args &args);
int run_env_create(Context &ctx, const Args &args);
int run_env_list(Context &ctx, const Args &args);
int run_env_remove_key(Context &ctx, const Args &args);
int run_env_run(Context &ctx, const Args &args);
int run_env_set_key(Context &ctx, const Args &args);
int run_env_show(Context &ctx, const Args &args);
int run_env_update(Context &ctx, const Args &args);
int run_feed_add_version(Context &ctx, const Args &args);
int run_feed_create(Context &ctx, const Args &args);
int run_feed_list(Context &ctx, const Args &args);
int run_feed_set_status(Context &ctx, const Args &args);
int run_feed_show(Context &ctx, const Args &args);
int run_help(Context &ctx, const Args &args);
int run_init(Context &ctx, const Args &args);
int run_log(Context &ctx, const Args &args);
int run_man(Context &ctx, const Args &args);
int run_plugin_check(Context &ctx, const Args &args);
int run_plugin_list(Context &ctx, const Args &args);
int run_plugin_lock(Context &ctx, const Args &args);
int run_plugin_new(Context &ctx, const Args &args);
int run_plugin_show(Context &ctx, const Args &args);
int run_publish(Context &ctx, const Args &args);
int run_rules_list(Context &ctx, const Args &args);
int run_schema_breaking(Context &ctx, const Args &args);
int run_schema_hash(Context &ctx, const Args &args);
int run_schema_list(Context &ctx, const Args &args);
int run_schema_register(Context &ctx, const Args &args);
int run_schema_set_status(Context &ctx, const Args &args);
int run_schema_show(Context &ctx, const Args &args);
int run_validate(Context &ctx, const Args &args);

} // namespace ssmd
