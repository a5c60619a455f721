// Exceptions that carry an exit code to main(). Commands throw them; main() prints `ssmd: <message>`
// and exits with the code. Nothing else escapes a command.
#pragma once

#include "core/exit_codes.hpp"

#include <stdexcept>
#include <string>

namespace ssmd {

class CommandError : public std::runtime_error {
public:
  CommandError(ExitCode code, const std::string &message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

private:
  ExitCode code_;
};

// A malformed command line (exit 2).
struct UsageError : CommandError {
  explicit UsageError(const std::string &message) : CommandError(kExitUsage, message) {}
};

// The machine or repository is not as needed: I/O, missing repository, plugin load failure (exit 3).
struct EnvironmentError : CommandError {
  explicit EnvironmentError(const std::string &message) : CommandError(kExitEnvironment, message) {}
};

// The request is well formed but the answer is no (exit 1).
struct DomainError : CommandError {
  explicit DomainError(const std::string &message) : CommandError(kExitFailure, message) {}
};

} // namespace ssmd
