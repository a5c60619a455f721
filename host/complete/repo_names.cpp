#include "complete/repo_names.hpp"

#include "yaml/document.hpp"

#include <algorithm>
#include <set>

namespace fs = std::filesystem;

namespace ssmd::complete {

std::vector<std::string> RepoNames::stems(const char *kind) const {
  std::vector<std::string> out;
  if (!root_) return out;
  std::error_code ec;
  for (fs::directory_iterator it(*root_ / "exchanges" / kind, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".yaml" && it->is_regular_file(ec)) out.push_back(it->path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> RepoNames::version_fields(const char *kind, const std::string &name, const char *field) const {
  std::vector<std::string> out;
  if (!root_) return out;
  // Only a plain file name: `name` comes from the command line being completed.
  if (name.empty() || name.find('/') != std::string::npos || name.starts_with(".")) return out;
  fs::path file = *root_ / "exchanges" / kind / (name + ".yaml");
  Diagnostics ignored;
  auto doc = yaml::load_file(file.string(), file.string(), ignored);
  if (!doc || !doc->root() || !doc->root()->is_map()) return out;
  const yaml::Node *versions = doc->root()->get("versions");
  if (!versions || !versions->is_sequence()) return out;
  for (size_t i = 0; i < versions->size(); ++i) {
    const yaml::Node *version = versions->at(i);
    const yaml::Node *value = version && version->is_map() ? version->get(field) : nullptr;
    if (value && value->is_scalar() && !value->scalar().empty()) out.push_back(value->scalar());
  }
  return out;
}

std::vector<std::string> RepoNames::schema_versions(const std::string &name) const {
  return version_fields("schemas", name, "version");
}

std::vector<std::string> RepoNames::effective_dates() const {
  std::set<std::string> dates;
  for (const char *kind : {"feeds", "schemas"})
    for (const auto &name : stems(kind))
      for (auto &date : version_fields(kind, name, "effective_from")) dates.insert(std::move(date));
  return {dates.begin(), dates.end()};
}

} // namespace ssmd::complete
