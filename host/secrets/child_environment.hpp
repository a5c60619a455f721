// The environment a child process starts with: the parent's own variables plus the secret ones, built as
// an `envp` array for the exec family. The secret `NAME=VALUE` strings live in one SecretBytes arena, so
// they are wiped with it; the parent's environment is never changed (no setenv), so nothing the parent
// does later can print or pass them on.
#pragma once

#include "secrets/secret_bytes.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ssmd::secrets {

class ChildEnvironment {
public:
  // `added` maps names to values; a name also set in `inherited` (a NULL-terminated array such as
  // `environ`) replaces it. Names must be valid and distinct (see name_fields()).
  ChildEnvironment(char *const *inherited, const std::vector<std::pair<std::string, std::string_view>> &added);
  ChildEnvironment(const ChildEnvironment &) = delete;
  ChildEnvironment &operator=(const ChildEnvironment &) = delete;

  // The NULL-terminated array to pass to execve and its family. Valid until wipe().
  char *const *envp() const { return envp_.data(); }
  // Overwrites the secret strings and empties the array.
  void wipe();

private:
  SecretBytes arena_;        // "NAME=VALUE\0" for each added variable, back to back
  std::vector<char *> envp_; // the inherited entries kept, then pointers into arena_, then NULL
};

} // namespace ssmd::secrets
