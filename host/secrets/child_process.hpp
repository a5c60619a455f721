// Runs a command as `ssmd env run` does, like `sops exec-env` or a secrets agent's exec mode: the child inherits
// stdin, stdout and stderr, gets its environment from a ChildEnvironment, and ssmd waits for it while
// forwarding the signals a supervisor sends (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2).
#pragma once

#include "secrets/child_environment.hpp"

#include <functional>
#include <string>
#include <vector>

namespace ssmd::secrets {

struct ChildOutcome {
  int exit_code = 0;       // the child's exit code; 128 + N when signal N killed it; 127 or 126 when it never ran
  std::string spawn_error; // why the command could not be started, when it could not
};

// Starts `command` (looked up on PATH when it has no '/', as execvp does), wipes `environment` as soon as
// the child has its own copy (it has exec'd), and waits for it to end.
//
// The child dies with ssmd (PR_SET_PDEATHSIG, SIGKILL): should ssmd be killed by a signal it does not
// forward (SIGALRM, SIGKILL), COMMAND does not run on, orphaned, with the secrets. It starts with the signal
// mask and the core-file limit ssmd was given (see process_protection.hpp).
//
// Signals sent to ssmd with kill() are forwarded to the child. Signals the terminal sends (Ctrl-C, Ctrl-\,
// hangup) are not: the kernel delivers those to the whole foreground process group, the child included, and
// forwarding them would make the child see each one twice.
ChildOutcome run_child(const std::vector<std::string> &command, ChildEnvironment &environment);

// Runs `body` in a forked child of this process and waits for it as run_child() waits for COMMAND, forwarding
// the same signals; the child dies with ssmd too. The child keeps stdin, stdout and stderr, and ends with
// `body`'s return value as its exit code, skipping destructors and atexit handlers (they belong to this
// process). Returns the child's wait status. Throws std::runtime_error when the fork fails.
int run_forked(const std::function<int()> &body);

// Whether run_child() and run_forked() forward `signal` to the child.
bool forwarded_signal(int signal);

} // namespace ssmd::secrets
