#include "plugins/plugin_settings.hpp"

#include "version.hpp"

#include <algorithm>
#include <set>

namespace fs = std::filesystem;

namespace ssmd {

namespace {
// Whether `path` is `dir` or lies below it, comparing normalised absolute paths.
bool is_within(const fs::path &path, const fs::path &dir) {
  auto p = path.lexically_normal(), d = dir.lexically_normal();
  auto mismatch = std::mismatch(d.begin(), d.end(), p.begin(), p.end());
  return mismatch.first == d.end() || (std::next(mismatch.first) == d.end() && mismatch.first->empty());
}
} // namespace

std::vector<fs::path> plugin_search_path(const std::vector<std::string> &plugin_path, const fs::path &executable) {
  std::vector<fs::path> candidates;
  std::error_code ec;
  for (const auto &dir : plugin_path) candidates.push_back(fs::absolute(dir, ec));
  fs::path bin = executable.parent_path();
  candidates.push_back((bin / kInstallPluginDirRelative).lexically_normal());
  fs::path build_tree = kBuildTreeDir;
  if (!build_tree.empty() && is_within(executable, build_tree)) candidates.push_back(kBuildPluginDir);

  std::vector<fs::path> out;
  std::set<fs::path> seen;
  for (const auto &dir : candidates) {
    fs::path normal = dir.lexically_normal();
    if (!normal.has_filename() && normal.has_parent_path() && normal != normal.root_path()) normal = normal.parent_path();
    fs::path key = fs::weakly_canonical(normal, ec);
    if (ec) key = normal;
    if (seen.insert(key).second) out.push_back(normal);
  }
  return out;
}

} // namespace ssmd
