// Where a feed's data lives, for the `ssmd data` commands. In order:
//
//   1. --raw URL and/or --normalized URL, as given;
//   2. --env ENV: that environment's `storage:` (the environment must be on the feed);
//   3. otherwise the `storage:` of every environment of the feed (with `extends:` applied): when they agree,
//      that location; when they disagree, a usage error naming them, so the user picks one with --env;
//   4. otherwise the configuration's `data:` section, normally the committed team settings (ssmd.yaml).
//
// A `storage:` (or `data:`) mapping names `raw:` and/or `normalized:` roots, or one `url:`/`path:` that holds
// both as raw/ and normalized/. Local paths are relative to the repository root.
#pragma once

#include <string>
#include <vector>

namespace ssmd {
class Context;
namespace yaml {
class Node;
}
} // namespace ssmd

namespace ssmd::data {

struct Location {
  std::string raw;        // root of the raw tree, or empty
  std::string normalized; // root of the normalized tree, or empty
  std::string from;       // where it was found, for messages: "environment kalshi-dev", "ssmd.yaml:7:3"
  // Local directories that must exist: a root named as such, or the base that holds raw/ and normalized/ (a
  // base's missing subfolder is a tree without data yet, not an error).
  std::vector<std::string> local_roots;
};

struct LocationRequest {
  std::string feed;
  std::string env;        // --env, or empty
  std::string raw;        // --raw, or empty
  std::string normalized; // --normalized, or empty
};

// Resolves where the data of `request.feed` lives. Inside a repository the feed must be registered
// (DomainError, exit 1) and --env must name an environment of that feed (DomainError). Throws UsageError
// (exit 2) when --env and --raw/--normalized are both given, when the feed's environments disagree, or when
// nothing says where the data lives.
Location locate_data(Context &ctx, const LocationRequest &request);

// Throws EnvironmentError (exit 3) naming the first of `location.local_roots` that is not a directory.
void require_local_roots(const Location &location);

} // namespace ssmd::data
