#include "git/commit.hpp"

#include "core/errors.hpp"
#include "git/object_reader.hpp"

#include <cstdlib>
#include <cstring>
#include <set>
#include <sys/stat.h>
#include <vector>

namespace ssmd::git {

namespace {

std::optional<std::string> env(const char *name) {
  const char *value = std::getenv(name);
  if (!value || !*value) return std::nullopt;
  return std::string(value);
}

SignatureHandle signature(const Repository &repo, const char *name_var, const char *email_var) {
  git_signature *configured = nullptr;
  // Fails with GIT_ENOTFOUND when user.name or user.email is unset, and with another error when one is
  // empty; both mean "no usable identity in config" and leave the environment as the only source.
  int rc = git_signature_default(&configured, repo.get());
  SignatureHandle base(rc == 0 ? configured : nullptr);
  std::string why = rc == 0 ? "" : last_error();
  auto name = env(name_var), email = env(email_var);
  if (!name && !email && base) return base;
  if (!name && base) name = base->name;
  if (!email && base) email = base->email;
  if (!name || !email)
    throw EnvironmentError("no git identity to commit with (" + why +
                           "); set user.name and user.email, e.g. git config user.name \"Your Name\" && "
                           "git config user.email you@example.com");
  git_signature *out = nullptr;
  check(git_signature_now(&out, name->c_str(), email->c_str()), "invalid git identity '" + *name + " <" + *email + ">'");
  return SignatureHandle(out);
}

// The in-memory index: HEAD's tree with `changes` applied, written out as a tree.
git_oid build_tree(const Workspace &ws, const std::vector<PendingChange> &changes) {
  const Repository &repo = ws.repo();
  git_index *raw = nullptr;
  check(git_index_new(&raw), "cannot create an index");
  IndexHandle staging(raw);
  if (TreeHandle head = repo.head_tree()) check(git_index_read_tree(raw, head.get()), "cannot read HEAD's tree");
  for (const auto &change : changes) {
    if (!change.after) {
      check(git_index_remove(raw, change.path.c_str(), 0), "cannot remove " + change.path);
      continue;
    }
    git_oid blob{};
    check(git_blob_create_from_workdir(&blob, repo.get(), change.path.c_str()), "cannot store " + change.path);
    // The file must still be what was summarised and validated; otherwise the commit would record
    // something nobody checked.
    if (!git_oid_equal(&blob, &change.after_id))
      throw EnvironmentError(change.path + " changed while committing; nothing was committed, run the command again");
    git_index_entry entry;
    std::memset(&entry, 0, sizeof entry);
    entry.mode = change.mode;
    entry.id = blob;
    entry.path = change.path.c_str();
    check(git_index_add(raw, &entry), "cannot stage " + change.path);
  }
  git_oid tree{};
  check(git_index_write_tree_to(&tree, raw, repo.get()), "cannot write the commit's tree");
  return tree;
}

// Git trusts an index entry whose stat data matches the file, except when the entry is "racily clean": its
// file was modified in the same second the index was written, so a second edit of the same size in that
// second leaves the stat data as it was. Git recognises such entries by comparing them with the index
// file's own time; rewriting the index moves that time on and the recognition is lost, so every writer
// of the index must first smudge them (git's ce_smudge_racily_clean_entry). Setting the recorded size to 0
// makes the next `git status` hash the file: an unchanged file is refreshed, a changed one is reported.
// Paths in `keep` were just staged from the working tree and are left as they are.
void smudge_racily_clean_entries(git_index *index, const std::set<std::string> &keep) {
  struct stat st {};
  const char *path = git_index_path(index);
  if (!path || ::stat(path, &st) != 0) return; // no index file yet: nothing was recorded against its time
  // Copied out first: adding an entry replaces (and frees) the one of the same path.
  std::vector<std::pair<git_index_entry, std::string>> smudged;
  for (size_t i = 0, n = git_index_entrycount(index); i < n; ++i) {
    const git_index_entry *entry = git_index_get_byindex(index, i);
    if (!entry || git_index_entry_stage(entry) != 0 || keep.count(entry->path)) continue;
    if (static_cast<int64_t>(entry->mtime.seconds) < static_cast<int64_t>(st.st_mtim.tv_sec) || entry->file_size == 0)
      continue;
    smudged.emplace_back(*entry, entry->path);
  }
  for (auto &[entry, entry_path] : smudged) {
    entry.path = entry_path.c_str();
    entry.file_size = 0;
    check(git_index_add(index, &entry), "cannot update the index for " + entry_path);
  }
}

// The repository index with exactly `changes` brought up to the working tree (not yet written).
IndexHandle updated_index(const Workspace &ws, const std::vector<PendingChange> &changes) {
  git_index *raw = nullptr;
  check(git_repository_index(&raw, ws.repo().get()), "cannot open the index");
  IndexHandle index(raw);
  check(git_index_read(raw, 0), "cannot read the index");
  std::set<std::string> changed;
  for (const auto &change : changes) changed.insert(change.path);
  smudge_racily_clean_entries(raw, changed);
  for (const auto &change : changes) {
    if (change.after) {
      check(git_index_add_bypath(raw, change.path.c_str()), "cannot update the index for " + change.path);
      const git_index_entry *entry = git_index_get_bypath(raw, change.path.c_str(), 0);
      if (!entry || !git_oid_equal(&entry->id, &change.after_id))
        throw EnvironmentError(change.path + " changed while committing; nothing was committed, run the command again");
    } else {
      int rc = git_index_remove_bypath(raw, change.path.c_str());
      if (rc != GIT_ENOTFOUND) check(rc, "cannot update the index for " + change.path);
    }
  }
  return index;
}

} // namespace

Identity commit_identity(const Repository &repo) {
  return {signature(repo, "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL"),
          signature(repo, "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL")};
}

std::optional<std::string> commit_blocker(const Repository &repo) {
  if (auto operation = repo.operation_in_progress())
    return operation.value() + " is in progress; finish or abort it with git first";
  if (repo.head_detached())
    return std::string("HEAD is detached (not on a branch); switch to a branch with 'git switch <branch>' first");
  return std::nullopt;
}

std::string clean_message(const std::string &message) {
  ensure_libgit2();
  Buffer buf;
  check(git_message_prettify(&buf.buf, message.c_str(), 0, '#'), "cannot clean up the commit message");
  return buf.str();
}

CommitResult commit_changes(const Workspace &ws, const std::vector<PendingChange> &changes,
                            const std::string &message, const Identity &identity) {
  const Repository &repo = ws.repo();
  git_oid tree_id = build_tree(ws, changes);
  IndexHandle index = updated_index(ws, changes);

  git_tree *tree = nullptr;
  check(git_tree_lookup(&tree, repo.get(), &tree_id), "cannot read the new tree");
  TreeHandle owned_tree(tree);
  CommitHandle parent = repo.head_commit();
  const git_commit *parents[] = {parent.get()};
  CommitResult result;
  // Updating "HEAD" moves the branch HEAD names, creating it when unborn; libgit2 refuses when the
  // branch moved since `parent` was read, and writes the reflog entry as `git commit` would.
  check(git_commit_create(&result.id, repo.get(), "HEAD", identity.author.get(), identity.committer.get(), nullptr,
                          message.c_str(), tree, parent ? 1 : 0, parent ? parents : nullptr),
        "cannot create the commit");
  result.short_id = repo.short_id(result.id);
  if (git_index_write(index.get()) < 0) {
    std::string paths;
    for (const auto &spec : ws.metadata_pathspecs()) paths += " " + spec;
    throw EnvironmentError("committed " + result.short_id + ", but could not update the index (" + last_error() +
                           "); run 'git reset -q --" + paths + "' to bring it in line");
  }
  return result;
}

} // namespace ssmd::git
