#include "git/history.hpp"

#include "git/commit_order.hpp"
#include "git/tree_compare.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace ssmd::git {

std::vector<HistoryEntry> path_history(const Repository &repo, const HistoryFilter &filter, size_t limit) {
  std::vector<HistoryEntry> out;
  CommitHandle head = repo.head_commit();
  if (!head) return out;
  const std::vector<OrderedCommit> commits = commits_in_log_order(repo, *git_commit_id(head.get()));
  TreeCompare trees(repo, filter);
  for (const OrderedCommit &commit : commits) {
    trees.next_commit();
    const git_tree *tree = trees.tree(commit.tree);
    const git_tree *parent_tree = commit.parents.empty() ? nullptr : trees.tree(commits[commit.parents[0]].tree);
    std::vector<FileChange> files = trees.changes(parent_tree, tree);
    if (files.empty()) continue;
    // A merge counts only when the selected files differ from every parent, as `git log -- <paths>`
    // decides ("TREESAME"): files taken unchanged from a merged branch were shown on that branch's commits.
    bool same_as_another_parent = false;
    for (size_t i = 1; i < commit.parents.size() && !same_as_another_parent; ++i)
      same_as_another_parent = trees.changes(trees.tree(commits[commit.parents[i]].tree), tree).empty();
    if (same_as_another_parent) continue;
    git_commit *raw = nullptr;
    check(git_commit_lookup(&raw, repo.get(), &commit.id), "cannot read commit " + hex(commit.id));
    CommitHandle owned(raw);
    const git_signature *author = git_commit_author(raw);
    const char *summary = git_commit_summary(raw);
    out.push_back({commit.id, repo.short_id(commit.id), static_cast<int64_t>(author->when.time), author->when.offset,
                   author->name ? author->name : "", author->email ? author->email : "", summary ? summary : "",
                   std::move(files)});
    if (limit && out.size() >= limit) break;
  }
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
