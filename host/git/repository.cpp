#include "git/repository.hpp"

#include "core/errors.hpp"

#include <cstdlib>

namespace fs = std::filesystem;

namespace ssmd::git {

Repository::Repository(RepositoryHandle repo, fs::path workdir) : repo_(std::move(repo)), workdir_(std::move(workdir)) {}

Repository Repository::discover(const fs::path &start) {
  ensure_libgit2();
  git_repository *raw = nullptr;
  // Flags 0: search upward from `start`, stop at file-system boundaries, accept `.git` files (linked
  // worktrees and submodules). libgit2 reads GIT_CEILING_DIRECTORIES only in its FROM_ENV mode, which
  // would also obey GIT_DIR; pass the ceiling on explicitly so discovery stops where git's would.
  const char *ceiling = std::getenv("GIT_CEILING_DIRECTORIES");
  int rc = git_repository_open_ext(&raw, start.c_str(), 0, ceiling && *ceiling ? ceiling : nullptr);
  if (rc == GIT_ENOTFOUND)
    throw EnvironmentError("not in a git repository: " + start.string() + " (or any parent); run 'git init'");
  check(rc, "cannot open the git repository at " + start.string());
  RepositoryHandle repo(raw);
  if (git_repository_is_bare(raw) || !git_repository_workdir(raw))
    throw EnvironmentError("the git repository at " + std::string(git_repository_path(raw)) +
                           " is bare; ssmd needs a work tree (clone it or add a worktree)");
  std::error_code ec;
  fs::path workdir = fs::weakly_canonical(fs::path(git_repository_workdir(raw)), ec);
  if (ec) workdir = git_repository_workdir(raw);
  // libgit2 ends the work directory with '/'; drop it so paths compose and compare cleanly.
  if (!workdir.has_filename()) workdir = workdir.parent_path();
  return Repository(std::move(repo), std::move(workdir));
}

bool Repository::head_unborn() const { return check(git_repository_head_unborn(get()), "cannot read HEAD") == 1; }

bool Repository::head_detached() const {
  return check(git_repository_head_detached(get()), "cannot read HEAD") == 1;
}

CommitHandle Repository::head_commit() const {
  if (head_unborn()) return nullptr;
  git_reference *head = nullptr;
  check(git_repository_head(&head, get()), "cannot read HEAD");
  ReferenceHandle owned(head);
  git_object *peeled = nullptr;
  check(git_reference_peel(&peeled, head, GIT_OBJECT_COMMIT), "cannot resolve HEAD to a commit");
  return CommitHandle(reinterpret_cast<git_commit *>(peeled));
}

TreeHandle Repository::head_tree() const {
  CommitHandle commit = head_commit();
  if (!commit) return nullptr;
  git_tree *tree = nullptr;
  check(git_commit_tree(&tree, commit.get()), "cannot read HEAD's tree");
  return TreeHandle(tree);
}

std::optional<std::string> Repository::head_branch() const {
  git_reference *head = nullptr;
  check(git_reference_lookup(&head, get(), "HEAD"), "cannot read HEAD");
  ReferenceHandle owned(head);
  if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) return std::nullopt;
  std::string target = git_reference_symbolic_target(head);
  constexpr std::string_view heads = "refs/heads/";
  return target.starts_with(heads) ? target.substr(heads.size()) : target;
}

std::optional<std::string> Repository::operation_in_progress() const {
  switch (git_repository_state(get())) {
  case GIT_REPOSITORY_STATE_NONE: return std::nullopt;
  case GIT_REPOSITORY_STATE_MERGE: return "a merge";
  case GIT_REPOSITORY_STATE_REVERT:
  case GIT_REPOSITORY_STATE_REVERT_SEQUENCE: return "a revert";
  case GIT_REPOSITORY_STATE_CHERRYPICK:
  case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE: return "a cherry-pick";
  case GIT_REPOSITORY_STATE_BISECT: return "a bisect";
  case GIT_REPOSITORY_STATE_REBASE:
  case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
  case GIT_REPOSITORY_STATE_REBASE_MERGE: return "a rebase";
  case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
  case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE: return "a 'git am'";
  default: return "another git operation";
  }
}

std::string Repository::short_id(const git_oid &id) const {
  git_object *object = nullptr;
  if (git_object_lookup(&object, get(), &id, GIT_OBJECT_ANY) == 0) {
    ObjectHandle owned(object);
    Buffer buf;
    if (git_object_short_id(&buf.buf, object) == 0) return buf.str();
  }
  return hex(id).substr(0, 7);
}

} // namespace ssmd::git
