// What the feed, schema and env commands share: opening files by name with helpful errors, the
// --as-of and --at flags, and printing findings.
#pragma once

#include "cli/command.hpp"
#include "registry/repository.hpp"

#include <iosfwd>

namespace ssmd::registry {

// The file of that name, loaded and free of loader errors. Throws DomainError (exit 1) naming the file
// that does not exist (suggesting the closest name) or printing the loader's errors to stderr.
const LoadedFeed &require_feed(Repository &repo, const std::string &name);
const LoadedSchema &require_schema(Repository &repo, const std::string &name);
const LoadedEnvironment &require_environment(Repository &repo, const std::string &name);

// --as-of DATE when given (a malformed date is a UsageError, exit 2).
std::optional<Date> as_of_flag(const po::variables_map &vm);

// The repository a read-only command answers from: the working tree (from the feed cache when `cache`
// says so) or, with --at REF, the commit REF names, read from git's objects without touching the working
// tree. An unknown REF is a DomainError (exit 1); no git repository is an EnvironmentError (exit 3).
Repository open_for_reading(Context &ctx, const po::variables_map &vm, ReadCache cache = ReadCache::Skip);

// NAME must match the name pattern (UsageError otherwise); `what` is "feed", "schema", ...
void require_valid_name(const std::string &name, const std::string &what);

void print_diagnostics(const Diagnostics &diagnostics, std::ostream &out);

} // namespace ssmd::registry
