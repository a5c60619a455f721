#include "core/state_dir.hpp"

#include "core/errors.hpp"

#include <ssmd/repo_write.hpp>

namespace fs = std::filesystem;

namespace ssmd {

fs::path state_dir(const fs::path &root, const fs::path &sub) {
  const std::string relative = sub.empty() ? std::string(".ssmd") : ".ssmd/" + sub.generic_string();
  std::string why;
  repo_write::Problem problem = repo_write::Problem::none;
  repo_write::Descriptor dir = repo_write::open_folder(root.string(), relative, true, why, &problem);
  // A link or a file in the way is the repository's doing: refuse. Anything else (a read-only checkout, no
  // permission) leaves the folder missing, and the write that needed it reports the failure.
  if (problem == repo_write::Problem::link || problem == repo_write::Problem::not_folder)
    throw EnvironmentError("cannot use the state folder: " + why);
  if (dir) {
    repo_write::WriteOptions once;
    once.replace = false;
    once.durable = false;
    // Fails harmlessly when it exists (a committed one included: the folder's contents are ignored anyway).
    repo_write::write_file(root.string(), ".ssmd/.gitignore", "# ssmd's local state: never committed.\n*\n", once, why);
  }
  return root / relative;
}

} // namespace ssmd
