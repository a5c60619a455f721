// The errors that keep a file out of the commands that show files (`feed list`, `feed show`, `env list`):
// docs/cli.md promises that a file failing the core rules is left out, its errors printed, and the exit
// code 1, so a broken or planted file is never shown as if it were sound. The rules that judge a file on its
// own count: the loader's findings, the rules of its kind (registry/check.hpp) and its name rules, so a
// symbolic link `alias.yaml -> acme.yaml` is a name-mismatch finding rather than a second `acme`.
// Rules that compare files with each other (duplicate names, orphan schema files) are `ssmd validate`'s.
#pragma once

#include "registry/repository.hpp"

namespace ssmd::registry {

// A feed read from the cache has no document; the cache holds only feeds these rules passed (see
// Repository), so for those the loader's findings are all there is.
Diagnostics feed_errors(const LoadedFeed &feed);
Diagnostics environment_errors(Repository &repo, const LoadedEnvironment &env);

} // namespace ssmd::registry
