// The names completion offers from a metadata repository: feeds, schemas and their versions, environments
// and effective dates. Names are file stems (the file format requires `name` to equal the stem), so listing
// them reads directories only; versions and dates parse just the files they come from. A missing
// repository or a broken file yields fewer candidates, never an error: completion must not get in the way.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::complete {

class RepoNames {
public:
  explicit RepoNames(std::optional<std::filesystem::path> root) : root_(std::move(root)) {}

  std::vector<std::string> feeds() const { return stems("feeds"); }
  std::vector<std::string> schemas() const { return stems("schemas"); }
  std::vector<std::string> environments() const { return stems("environments"); }

  // The `versions[].version` values of schema `name`, in file order.
  std::vector<std::string> schema_versions(const std::string &name) const;

  // Every `versions[].effective_from` of every feed and schema, sorted and unique.
  std::vector<std::string> effective_dates() const;

private:
  // The stems of exchanges/<kind>/*.yaml, sorted.
  std::vector<std::string> stems(const char *kind) const;
  // The scalar `field` of every entry of `versions` in exchanges/<kind>/<name>.yaml.
  std::vector<std::string> version_fields(const char *kind, const std::string &name, const char *field) const;

  std::optional<std::filesystem::path> root_;
};

} // namespace ssmd::complete
