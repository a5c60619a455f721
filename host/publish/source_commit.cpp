#include "publish/source_commit.hpp"

#include "core/errors.hpp"
#include "git/commit.hpp"
#include "git/object_reader.hpp"
#include "git/pending_changes.hpp"
#include "git/workspace.hpp"

#include <pwd.h>
#include <unistd.h>

namespace ssmd::publish {

SourceCommit resolve_source(const std::filesystem::path &root, const std::optional<std::string> &at) {
  git::Workspace ws = git::Workspace::open(root);
  SourceCommit out;
  if (at) {
    if (at->empty()) throw UsageError("--at needs a commit, branch or tag");
    out.ref = *at;
  } else {
    if (ws.repo().head_unborn()) throw DomainError("HEAD has no commit yet: commit the metadata first (ssmd commit)");
    auto branch = ws.repo().head_branch();
    out.ref = branch ? "refs/heads/" + *branch : "HEAD";
  }
  git::CommitHandle commit = git::resolve_commit(ws.repo(), at.value_or("HEAD"));
  out.id = git::hex(*git::git_commit_id(commit.get()));
  return out;
}

void require_committed(const std::filesystem::path &root) {
  git::Workspace ws = git::Workspace::open(root);
  std::vector<git::PendingChange> changes = git::pending_changes(ws);
  if (changes.empty()) return;
  std::string list;
  for (size_t i = 0; i < changes.size() && i < 5; ++i)
    list += (i ? ", " : "") + changes[i].path + " (" + std::string(git::status_name(changes[i].status)) + ")";
  if (changes.size() > 5) list += " and " + std::to_string(changes.size() - 5) + " more";
  throw DomainError("the working tree has uncommitted metadata changes: " + list +
                    ". ssmd publish publishes commits only, so what runs is always what a reviewer saw: commit "
                    "them first (ssmd commit), or stash them");
}

Ancestry ancestry(const std::filesystem::path &root, const std::string &published, const std::string &commit) {
  if (published == commit) return Ancestry::Same;
  git::Workspace ws = git::Workspace::open(root);
  git_oid ancestor{}, descendant{};
  if (published.size() != GIT_OID_HEXSZ || git::git_oid_fromstrn(&ancestor, published.data(), published.size()) != 0 ||
      git::git_oid_fromstrn(&descendant, commit.data(), commit.size()) != 0)
    return Ancestry::Unknown;
  git_commit *found = nullptr;
  if (git::git_commit_lookup(&found, ws.repo().get(), &ancestor) != 0) return Ancestry::Unknown;
  git::CommitHandle owned(found);
  int rc = git::git_graph_descendant_of(ws.repo().get(), &descendant, &ancestor);
  if (rc < 0) return Ancestry::Unknown;
  return rc == 1 ? Ancestry::Descendant : Ancestry::NotDescendant;
}

std::string publishing_user(const std::filesystem::path &root) {
  try {
    git::Workspace ws = git::Workspace::open(root);
    git::Identity identity = git::commit_identity(ws.repo());
    return std::string(identity.committer->name) + " <" + identity.committer->email + ">";
  } catch (const CommandError &) {
    // No git identity configured (a CI runner, say): the login name still says who ran it.
  }
  if (const passwd *pw = ::getpwuid(::geteuid()); pw && pw->pw_name) return pw->pw_name;
  return "uid " + std::to_string(::geteuid());
}

} // namespace ssmd::publish
