// An ssmd repository inside a git work tree. Usually the ssmd root is the work tree's root; when it is a
// subdirectory (a monorepo), `prefix` says where, and paths convert between the two views here.
#pragma once

#include "git/repository.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::git {

class Workspace {
public:
  // The git repository around `ssmd_root`. Throws EnvironmentError when there is none or it is bare.
  static Workspace open(const std::filesystem::path &ssmd_root);

  const Repository &repo() const { return repo_; }
  // The ssmd root relative to the work tree: "" or "sub/dir/" (always ending in '/').
  const std::string &prefix() const { return prefix_; }

  // A git path (relative to the work tree) for an ssmd path (relative to the ssmd root), and back.
  std::string to_git(std::string_view ssmd_path) const { return prefix_ + std::string(ssmd_path); }
  // The ssmd path of `git_path`, or nullopt when it lies outside the ssmd root.
  std::optional<std::string> to_ssmd(std::string_view git_path) const;

  // Git pathspecs of the metadata: "<prefix>exchanges", "<prefix>ssmd-plugins.lock" and "<prefix>ssmd.yaml".
  std::vector<std::string> metadata_pathspecs() const;
  // True when `git_path` is metadata of this ssmd repository.
  bool is_metadata(std::string_view git_path) const;

private:
  Workspace(Repository repo, std::string prefix) : repo_(std::move(repo)), prefix_(std::move(prefix)) {}
  Repository repo_;
  std::string prefix_;
};

} // namespace ssmd::git
