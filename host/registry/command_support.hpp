// What the feed, schema and env commands share: opening files by name with helpful errors, checking names,
// printing findings. (The --as-of and --at flags are read in commands/common_options.hpp.)
#pragma once

#include "registry/repository.hpp"

#include <iosfwd>

namespace ssmd::registry {

// The file of that name, loaded and free of loader errors. Throws DomainError (exit 1) naming the file
// that does not exist (suggesting the closest name) or printing the loader's errors to stderr.
const LoadedFeed &require_feed(Repository &repo, const std::string &name);
const LoadedSchema &require_schema(Repository &repo, const std::string &name);
const LoadedEnvironment &require_environment(Repository &repo, const std::string &name);

// NAME must match the name pattern (UsageError otherwise); `what` is "feed", "schema", ...
void require_valid_name(const std::string &name, const std::string &what);

void print_diagnostics(const Diagnostics &diagnostics, std::ostream &out);

} // namespace ssmd::registry
