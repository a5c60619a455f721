// A throw-away repository of schema files and the three calls of the capnp plugin over it, each going
// through the plugin's C table exactly as the host calls it.
#pragma once

#include "plugin_harness.hpp"
#include "run_ssmd.hpp"

#include <map>
#include <optional>
#include <string>

namespace ssmd::test {

// The loaded plugin, shared by every test of the process (plugins are never unloaded).
LoadedPlugin &capnp_plugin();
const ssmd_schema_format &capnp_format();

struct SchemaCall {
  ssmd_status status = SSMD_OK;
  Collector findings;
};

struct Version {
  std::string file;
  std::string schema; // empty: no schema context, so no root check
  std::string root;
};

class SchemaRepo {
public:
  // Writes `content` at the repository-relative `path`.
  void write(const std::string &path, const std::string &content) const { dir_.write(path, content); }
  const std::filesystem::path &root() const { return dir_.path(); }

  SchemaCall check(const Version &version) const;
  SchemaCall breaking(const Version &older, const Version &newer) const;

  // The fingerprint, or nullopt with the findings in `call`.
  std::optional<std::string> fingerprint(const Version &version, SchemaCall *call = nullptr) const;

private:
  TempDir dir_;
};

// Files in memory, path -> content: a tree read without touching the disk.
using FileTree = std::map<std::string, std::string>;

// Compares `older` in one tree with `newer` in another, as `--against REF` does: the same paths in two
// trees (a commit's and the working tree's).
SchemaCall breaking_between(const FileTree &older_tree, const Version &older, const FileTree &newer_tree,
                            const Version &newer);

// Sets a configuration key for the scope of one test, then clears it.
class ScopedConfig {
public:
  ScopedConfig(std::string key, const std::string &yaml);
  ~ScopedConfig();

private:
  std::string key_;
};

// "file:line:col" of a finding, for compact assertions.
std::string place(const Finding &f);
// Findings of one rule.
std::vector<Finding> of_rule(const Collector &c, const std::string &rule);

} // namespace ssmd::test
