// The run functions of the built-in commands, one file each under host/commands/.
#pragma once

#include "cli/command.hpp"

namespace ssmd {

int run_complete(Context &ctx, const Args &args);
int run_completion(Context &ctx, const Args &args);
int run_config_show(Context &ctx, const Args &args);
int run_data_gaps(Context &ctx, const Args &args);
int run_data_inventory(Context &ctx, const Args &args);
int run_help(Context &ctx, const Args &args);
int run_init(Context &ctx, const Args &args);
int run_man(Context &ctx, const Args &args);

} // namespace ssmd
