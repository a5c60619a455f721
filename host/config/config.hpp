// ssmd's configuration: flags beat environment variables beat the repository's .ssmd/config.yaml (local,
// never committed) beat the user's $XDG_CONFIG_HOME/ssmd/config.yaml. Keys are dotted paths into the
// YAML ("output", "<plugin>.<key>"); plugins read their own keys through the host services table.
#pragma once

#include "core/diagnostic.hpp"
#include "yaml/document.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ssmd {

struct ConfigValue {
  const yaml::Node *node = nullptr; // never null in a returned value
  std::string origin;               // "flag --color", "env SSMD_OUTPUT", ".ssmd/config.yaml:3:9", ...
};

class Config {
public:
  // Reads the user file then the repository file (when `repo_root` is set). Unreadable or malformed files
  // are reported in diagnostics() and otherwise ignored, so a broken config never blocks `--help`.
  static Config load(const std::optional<std::filesystem::path> &repo_root);

  // A value set by a flag or an environment variable, e.g. set("color", "never", "flag --color").
  void set(const std::string &key, const std::string &yaml_value, const std::string &origin);

  std::optional<ConfigValue> get(const std::string &key) const;
  // The scalar text of a key, or nullopt.
  std::optional<std::string> scalar(const std::string &key) const;
  // A sequence of scalars (a lone scalar counts as one item).
  std::vector<std::string> list(const std::string &key) const;

  // Every leaf key with its winning value, sorted by key, for `ssmd config show`.
  std::vector<std::pair<std::string, ConfigValue>> effective() const;

  const Diagnostics &diagnostics() const { return diagnostics_; }
  // The user config file path ($XDG_CONFIG_HOME/ssmd/config.yaml, else ~/.config/ssmd/config.yaml).
  static std::optional<std::filesystem::path> user_file();

private:
  struct Layer {
    std::string name;                    // origin prefix: a file path, or "flag"/"env"
    std::unique_ptr<yaml::Document> doc; // file layers
    std::map<std::string, std::unique_ptr<yaml::Document>> values; // set() layers: key -> one-value doc
  };
  // Highest precedence first.
  std::vector<std::shared_ptr<Layer>> layers_;
  std::shared_ptr<Layer> overrides_;
  Diagnostics diagnostics_;
};

} // namespace ssmd
