// Runs a command as `ssmd env run` does, like `sops exec-env` or a secrets agent's exec mode: the child inherits
// stdin, stdout and stderr, gets its environment from a ChildEnvironment, and ssmd waits for it while
// forwarding the signals a supervisor sends (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2).
#pragma once

#include "secrets/child_environment.hpp"

#include <string>
#include <vector>

namespace ssmd::secrets {

struct ChildOutcome {
  int exit_code = 0;       // the child's exit code; 128 + N when signal N killed it; 127 or 126 when it never ran
  std::string spawn_error; // why the command could not be started, when it could not
};

// Starts `command` (looked up on PATH when it has no '/', as execvp does), wipes `environment` as soon as
// the child has its own copy, and waits for it to end.
//
// Signals sent to ssmd with kill() are forwarded to the child. Signals the terminal sends (Ctrl-C, Ctrl-\,
// hangup) are not: the kernel delivers those to the whole foreground process group, the child included, and
// forwarding them would make the child see each one twice.
ChildOutcome run_child(const std::vector<std::string> &command, ChildEnvironment &environment);

} // namespace ssmd::secrets
