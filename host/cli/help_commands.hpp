// The built-in commands that present the command line itself: `ssmd help`, `ssmd completion`, and the hidden
// `__complete` (called by the completion scripts) and `__man` (run by the build). They read the command table,
// dispatch, completion and the man pages, so they sit with them above the other commands (host/commands/,
// commands/commands.hpp); the command table lists them like any other. One file each: cli/help_command.cpp,
// cli/completion_command.cpp, cli/complete_command.cpp, cli/man_command.cpp.
#pragma once

#include "cli/command.hpp"

namespace ssmd {

CommandSpec describe_complete(Context &ctx);
int run_complete(Context &ctx, const Args &args);
CommandSpec describe_completion(Context &ctx);
int run_completion(Context &ctx, const Args &args);
CommandSpec describe_help(Context &ctx);
int run_help(Context &ctx, const Args &args);
CommandSpec describe_man(Context &ctx);
int run_man(Context &ctx, const Args &args);

} // namespace ssmd
