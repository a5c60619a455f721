#include "registry/schema_files.hpp"

#include <filesystem>

namespace fs = std::filesystem;

namespace ssmd::registry {

std::optional<std::string> schema_file_problem(const Repository &repo, const std::string &file) {
  if (file.empty()) return "the file name is empty";
  if (file.front() == '/') return "'" + file + "' is an absolute path; name a file inside exchanges/schemas/";
  if (file.find('\\') != std::string::npos) return "'" + file + "' holds a backslash; use '/'";
  for (const auto &part : fs::path(file))
    if (part == "..") return "'" + file + "' climbs out with '..'; name a file inside exchanges/schemas/";
  if (repo.overlay().count(Repository::schema_path(file))) return std::nullopt; // about to be written, not a link
  // A commit's symbolic links are not files (git::commit_reader), so only the working tree has links to follow.
  if (!repo.reads_working_tree()) return std::nullopt;
  std::error_code ec;
  fs::path folder = fs::weakly_canonical(repo.root() / "exchanges/schemas", ec);
  fs::path target = fs::weakly_canonical(repo.root() / "exchanges/schemas" / file, ec);
  if (ec) return std::nullopt; // a missing file is reported by the caller
  auto rel = target.lexically_relative(folder);
  if (rel.empty() || *rel.begin() == "..")
    return "'" + file + "' is a symlink that leaves exchanges/schemas/ (it resolves to " + target.string() + ")";
  return std::nullopt;
}

} // namespace ssmd::registry
