#include "git/workspace.hpp"

#include "config/config.hpp"
#include "core/errors.hpp"
#include "git/metadata_paths.hpp"

namespace fs = std::filesystem;

namespace ssmd::git {

Workspace Workspace::open(const fs::path &ssmd_root) {
  Repository repo = Repository::discover(ssmd_root);
  std::error_code ec;
  fs::path root = fs::weakly_canonical(ssmd_root, ec);
  if (ec) root = ssmd_root;
  fs::path relative = root.lexically_relative(repo.workdir());
  std::string prefix = relative.generic_string();
  if (relative.empty() || prefix.starts_with(".."))
    throw EnvironmentError("the ssmd repository " + root.string() + " is not inside the git work tree " +
                           repo.workdir().string());
  prefix = prefix == "." ? "" : prefix + "/";
  return Workspace(std::move(repo), std::move(prefix));
}


std::optional<std::string> Workspace::to_ssmd(std::string_view git_path) const {
  if (!git_path.starts_with(prefix_)) return std::nullopt;
  return std::string(git_path.substr(prefix_.size()));
}

std::vector<std::string> Workspace::metadata_pathspecs() const {
  return {prefix_ + std::string(kMetadataDir), prefix_ + std::string(kPluginLock),
          prefix_ + std::string(kTeamSettingsFileName)};
}

bool Workspace::is_metadata(std::string_view git_path) const {
  auto path = to_ssmd(git_path);
  return path && is_metadata_path(*path);
}

} // namespace ssmd::git
