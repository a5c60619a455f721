// ssmd's configuration, in layers. Highest precedence first:
//   1. flags and environment variables of this run                  (trusted)
//   2. the repository's .ssmd/config.yaml (local, normally ignored)  (repository content: not trusted)
//   3. the user's $XDG_CONFIG_HOME/ssmd/config.yaml                 (trusted)
//   4. the repository's committed team settings, ssmd.yaml          (repository content: not trusted)
// Keys are dotted paths into the YAML ("output", "<plugin>.<key>"); plugins read their own keys through the
// host services table.
//
// Trust: a cloned repository may set how findings are judged (rule severities, breaking-change categories,
// data locations), never which code runs or where credentials go. Values that choose code, network
// destinations or credentials (`plugin_path`, `publish.to`, a plugin's endpoint) are read with the
// `trusted_*` lookups, which see only layers 1 and 3.
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

// The name of the committed team settings file at the repository root.
inline constexpr const char *kTeamSettingsFileName = "ssmd.yaml";

struct ConfigValue {
  const yaml::Node *node = nullptr; // never null in a returned value
  std::string origin;               // "flag --color", "env SSMD_OUTPUT", ".ssmd/config.yaml:3:9", ...
  bool trusted = false;             // from a flag, an environment variable or the user's own file
};

class Config {
public:
  // Reads the repository's local file, the user's file and the repository's team settings (the repository
  // files only when `repo_root` is set). Unreadable or malformed files are reported in diagnostics() and
  // otherwise ignored, so a broken config never blocks `--help`.
  static Config load(const std::optional<std::filesystem::path> &repo_root);

  // A value set by a flag or an environment variable, e.g. set("color", "never", "flag --color").
  void set(const std::string &key, const std::string &yaml_value, const std::string &origin);

  // The winning value of `key` over every layer.
  std::optional<ConfigValue> get(const std::string &key) const;
  // The scalar text of a key, or nullopt.
  std::optional<std::string> scalar(const std::string &key) const;
  // A sequence of scalars (a lone scalar counts as one item).
  std::vector<std::string> list(const std::string &key) const;

  // The same lookups over the trusted layers only: flags, environment variables and the user's file.
  std::optional<ConfigValue> trusted_get(const std::string &key) const;
  std::optional<std::string> trusted_scalar(const std::string &key) const;
  std::vector<std::string> trusted_list(const std::string &key) const;
  // trusted_list() for a list of directories: a relative entry in the user's file is taken from that file's
  // directory, never from the working directory (which may be a cloned repository); one given by a flag or
  // an environment variable is left as it is, for the caller to take from the working directory.
  std::vector<std::string> trusted_path_list(const std::string &key) const;
  // Where an untrusted layer sets `key` (the origin, "/repo/.ssmd/config.yaml:1:14"), or nullopt. For the
  // warning that names a value a repository tried to set and was ignored.
  std::optional<std::string> untrusted_origin(const std::string &key) const;

  // Every leaf key with its winning value, sorted by key, for `ssmd config show`.
  std::vector<std::pair<std::string, ConfigValue>> effective() const;

  const Diagnostics &diagnostics() const { return diagnostics_; }
  // The user config file path ($XDG_CONFIG_HOME/ssmd/config.yaml, else ~/.config/ssmd/config.yaml). A
  // relative XDG_CONFIG_HOME or HOME is ignored, as the XDG Base Directory specification asks: it would name
  // a folder under the working directory, perhaps inside a cloned repository, as the user's own.
  static std::optional<std::filesystem::path> user_file();

private:
  struct Layer {
    std::string name;                    // origin prefix: a file path, or "flag"/"env"
    bool trusted = false;                // see the comment at the top of this file
    std::unique_ptr<yaml::Document> doc; // file layers
    std::map<std::string, std::unique_ptr<yaml::Document>> values; // set() layers: key -> one-value doc
  };
  std::optional<ConfigValue> find(const std::string &key, bool trusted_only, const Layer **from = nullptr) const;
  static std::vector<std::string> items(const std::optional<ConfigValue> &value);

  // Highest precedence first.
  std::vector<std::shared_ptr<Layer>> layers_;
  std::shared_ptr<Layer> overrides_;
  Diagnostics diagnostics_;
};

} // namespace ssmd
