// The process exit codes of every ssmd command (docs/cli.md, "Exit codes").
#pragma once

namespace ssmd {

enum ExitCode : int {
  kExitOk = 0,          // success
  kExitFailure = 1,     // validation or domain failure (invalid metadata, no version in force, ...)
  kExitUsage = 2,       // usage error: unknown command or flag, malformed argument
  kExitEnvironment = 3, // environment error: I/O, no repository, plugin load failure
};

} // namespace ssmd
