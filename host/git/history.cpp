#include "git/history.hpp"

#include "git/log_walk.hpp"
#include "git/tree_compare.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace ssmd::git {

namespace {

HistoryEntry describe(const Repository &repo, const git_oid &id, std::vector<FileChange> files) {
  git_commit *raw = nullptr;
  check(git_commit_lookup(&raw, repo.get(), &id), "cannot read commit " + hex(id));
  CommitHandle owned(raw);
  const git_signature *author = git_commit_author(raw);
  const char *summary = git_commit_summary(raw);
  return {id, repo.short_id(id), static_cast<int64_t>(author->when.time), author->when.offset,
          author->name ? author->name : "", author->email ? author->email : "", summary ? summary : "",
          std::move(files)};
}

} // namespace

void walk_path_history(const Repository &repo, const HistoryFilter &filter,
                       const std::function<bool(HistoryEntry &&)> &visit) {
  CommitHandle head = repo.head_commit();
  if (!head) return;
  LogWalk walk(repo, *git_commit_id(head.get()));
  TreeCompare trees(repo, filter);
  while (const WalkedCommit *commit = walk.next()) {
    trees.next_commit();
    const git_tree *tree = trees.tree(commit->tree);
    std::vector<FileChange> files; // against the first parent, or against nothing for a root
    const git_oid *same_as = nullptr;
    if (commit->parents.empty()) files = trees.changes(nullptr, tree);
    for (size_t i = 0; i < commit->parents.size() && !same_as; ++i) {
      std::vector<FileChange> changed = trees.changes(trees.tree(walk.commit(commit->parents[i]).tree), tree);
      if (changed.empty()) same_as = &commit->parents[i];
      else if (i == 0) files = std::move(changed);
    }
    if (same_as) {
      walk.follow(*same_as);
      continue;
    }
    for (const git_oid &parent : commit->parents) walk.follow(parent);
    if (!files.empty() && !visit(describe(repo, commit->id, std::move(files)))) return;
  }
}

std::vector<HistoryEntry> path_history(const Repository &repo, const HistoryFilter &filter, size_t limit) {
  std::vector<HistoryEntry> out;
  walk_path_history(repo, filter, [&](HistoryEntry &&entry) {
    out.push_back(std::move(entry));
    return limit == 0 || out.size() < limit;
  });
  return out;
}

void configure_for_reading_history() {
  ensure_libgit2();
  check(git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0), "cannot configure libgit2");
  check(git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0), "cannot configure libgit2");
}

std::string format_date(int64_t time, int offset_minutes, bool iso) {
  std::time_t local = static_cast<std::time_t>(time + int64_t(offset_minutes) * 60);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char text[40];
  if (!iso) {
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    return text;
  }
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  // git offsets are within a day; the bound keeps the formatted zone to "+HH:MM".
  int minutes = std::min(offset_minutes < 0 ? -offset_minutes : offset_minutes, 24 * 60 - 1);
  char zone[16];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', minutes / 60, minutes % 60);
  return std::string(text) + zone;
}

} // namespace ssmd::git
