// The git side of `ssmd publish`, for the ssmd repository at `root`: which commit is published, whether the working tree holds uncommitted
// metadata, whether the commit descends from the one the store last received, and who is publishing.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ssmd::publish {

struct SourceCommit {
  std::string id;  // the full commit id
  std::string ref; // "refs/heads/main", "HEAD" when detached, or --at as given
};

// HEAD, or the commit `at` names. Throws DomainError for an unknown REF, EnvironmentError outside git.
SourceCommit resolve_source(const std::filesystem::path &root, const std::optional<std::string> &at);

// Throws DomainError (exit 1) listing the metadata files whose working-tree content differs from HEAD:
// runtime configuration must name a commit a reviewer saw.
void require_committed(const std::filesystem::path &root);

enum class Ancestry { Same, Descendant, NotDescendant, Unknown };
// How `commit` relates to `published` (a full id from the store): Unknown when `published` is not a commit
// of this repository (not fetched, or not an id at all).
Ancestry ancestry(const std::filesystem::path &root, const std::string &published, const std::string &commit);

// "Name <email>" from git's identity (as `ssmd commit` would sign), else the login name.
std::string publishing_user(const std::filesystem::path &root);

} // namespace ssmd::publish
