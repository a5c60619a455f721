// Keeps a process that holds secret values from leaving them on disk: `env check-keys`, `env run` and plugin
// subcommands (a plugin's command may read values) call protect_secret_holder() before any value arrives.
//
// After it, a crash of the process writes no core file (the soft RLIMIT_CORE is 0), and the process is not
// dumpable (PR_SET_DUMPABLE 0): no core even where a core pattern pipes to a handler, and neither ptrace nor
// /proc/<pid>/mem lets another process of the same user read its memory. Processes it forks inherit both
// (the isolated runner's workers set them again); a program it executes gets dumpable back from the kernel,
// and gets its core limit back from `env run` (see run_child()).
#pragma once

#include <sys/resource.h>

namespace ssmd::secrets {

// Idempotent. Failures are ignored: both calls only lower what the process may do.
void protect_secret_holder();

// The core-file limit the process had before the first protect_secret_holder() (its current one otherwise),
// for a child that runs another program to restore.
rlimit original_core_limit();

} // namespace ssmd::secrets
