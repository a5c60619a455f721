// Recording metadata changes as a commit without disturbing anything else the user is doing.
//
// The new tree is HEAD's tree plus exactly the given changes, built in an in-memory index: whatever the
// user has staged or modified outside the metadata stays staged or modified, untouched. Afterwards the
// repository index is updated for exactly the committed paths, so `git status` shows them clean.
#pragma once

#include "git/pending_changes.hpp"
#include "git/workspace.hpp"

#include <string>
#include <vector>

namespace ssmd::git {

struct Identity {
  SignatureHandle author;
  SignatureHandle committer;
};

// Who is committing: user.name and user.email from git config (git_signature_default), each overridden
// by GIT_AUTHOR_NAME / GIT_AUTHOR_EMAIL (author) and GIT_COMMITTER_NAME / GIT_COMMITTER_EMAIL (committer)
// as git does. Throws EnvironmentError naming user.name and user.email when no identity is configured.
Identity commit_identity(const Repository &repo);

// Why a commit cannot be made on this repository now (detached HEAD, a merge or rebase in progress),
// or nullopt when it can.
std::optional<std::string> commit_blocker(const Repository &repo);

// The message as git stores it: trailing whitespace stripped, blank lines collapsed, one final newline.
// Empty when `message` has no text.
std::string clean_message(const std::string &message);

struct CommitResult {
  git_oid id{};
  std::string short_id;
};

// Creates a commit on HEAD's branch (or the branch an unborn HEAD names) whose tree is HEAD's plus the
// working-tree state of each path in `changes`, then updates the index for exactly those paths. Throws
// EnvironmentError when a file changed since `changes` was read or git fails; neither HEAD nor the index
// moves then (unreferenced blobs may stay in the object database, as after `git add`).
CommitResult commit_changes(const Workspace &ws, const std::vector<PendingChange> &changes,
                            const std::string &message, const Identity &identity);

} // namespace ssmd::git
