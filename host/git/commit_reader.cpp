#include "git/commit_reader.hpp"

#include "git/object_reader.hpp"
#include "git/workspace.hpp"

#include <algorithm>
#include <map>
#include <mutex>

namespace fs = std::filesystem;

namespace ssmd::git {

namespace {

class CommitReader final : public files::TreeReader {
public:
  CommitReader(Workspace ws, CommitHandle commit, std::string ref)
      : ws_(std::move(ws)), commit_(std::move(commit)), tree_(commit_tree(commit_.get())), ref_(std::move(ref)) {}

  std::vector<std::string> list_files(std::string_view dir, bool recursive) const override {
    std::vector<std::string> out;
    auto normal = files::normalize_relative_path(dir);
    if (!normal) return out;
    collect(*normal, recursive, out);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::optional<std::string> read(std::string_view path) const override {
    auto normal = files::normalize_relative_path(path);
    if (!normal || normal->empty()) return std::nullopt;
    const std::string git_path = ws_.to_git(*normal);
    const size_t slash = git_path.rfind('/');
    if (slash == std::string::npos) return read_blob(ws_.repo(), tree_.get(), git_path);
    const git_tree *folder = folder_tree(git_path.substr(0, slash));
    if (!folder) return std::nullopt;
    return read_blob(ws_.repo(), folder, std::string_view(git_path).substr(slash + 1));
  }

  std::string describe() const override {
    std::string id = ws_.repo().short_id(*git_commit_id(commit_.get()));
    return "commit " + id + (ref_ == id ? "" : " (" + ref_ + ")");
  }

private:
  void collect(const std::string &dir, bool recursive, std::vector<std::string> &out) const {
    std::string git_dir = ws_.to_git(dir);
    // An empty ssmd path is the ssmd root itself: "" at the top of the work tree, "sub/" in a monorepo.
    while (git_dir.ends_with('/')) git_dir.pop_back();
    for (const auto &item : list_tree(ws_.repo(), tree_.get(), git_dir)) {
      std::string path = dir.empty() ? item.name : dir + "/" + item.name;
      if (!item.is_directory) out.push_back(path);
      else if (recursive) collect(path, true, out);
    }
  }

  // The tree of folder `git_dir`, read once: a lookup from the root would read and inflate every folder
  // on the way again for each file, and git's object cache keeps no tree over 4 KiB (a folder of more than
  // about a hundred files), so reading a thousand feeds re-read their folder a thousand times.
  const git_tree *folder_tree(const std::string &git_dir) const {
    std::lock_guard lock(folders_mutex_);
    auto it = folders_.find(git_dir);
    if (it == folders_.end()) it = folders_.emplace(git_dir, subtree(ws_.repo(), tree_.get(), git_dir)).first;
    return it->second.get();
  }

  Workspace ws_;
  CommitHandle commit_;
  TreeHandle tree_;
  std::string ref_;
  mutable std::mutex folders_mutex_;                 // plugin jobs read from several threads
  mutable std::map<std::string, TreeHandle> folders_; // git folder -> its tree; null when it is no folder
};

} // namespace

std::unique_ptr<files::TreeReader> commit_reader(const fs::path &root, std::string_view ref) {
  Workspace ws = Workspace::open(root);
  CommitHandle commit = resolve_commit(ws.repo(), ref);
  return std::make_unique<CommitReader>(std::move(ws), std::move(commit), std::string(ref));
}

std::unique_ptr<files::TreeReader> open_tree_reader(const fs::path &root, const std::optional<std::string> &at) {
  if (at) return commit_reader(root, *at);
  return files::working_tree_reader(root);
}

} // namespace ssmd::git
