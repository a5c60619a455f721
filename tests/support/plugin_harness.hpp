// Loads one plugin library straight through dlopen and calls its C tables, so a plugin's own tests
// exercise exactly the ABI the host uses, with documents parsed by the host's YAML model.
#pragma once

#include "yaml/document.hpp"

#include <ssmd/plugin.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ssmd::test {

struct Finding {
  ssmd_severity severity = SSMD_SEVERITY_ERROR;
  std::string rule, message, path, file;
  uint32_t line = 0, column = 0;
};

// Collects what a plugin reports. `sink()` stays valid as long as the collector lives.
class Collector {
public:
  Collector();
  const ssmd_sink *sink() const { return &sink_; }
  std::vector<Finding> findings;
  bool has_rule(const std::string &rule) const;
  const Finding *find(const std::string &rule) const;
  size_t errors() const;
  std::string dump() const; // one finding a line, for assertion messages

private:
  ssmd_sink sink_;
};

// A parsed YAML document whose root can be handed to a plugin.
class Doc {
public:
  explicit Doc(const std::string &yaml, const std::string &file = "test.yaml");
  const ssmd_node *root() const { return yaml::Document::handle(doc_->root()); }
  const yaml::Document &document() const { return *doc_; }
  const std::string &file() const { return file_; }

private:
  std::string file_;
  std::unique_ptr<yaml::Document> doc_;
};

class LoadedPlugin {
public:
  // Loads `<build>/plugins/<name>.so` (or any path) with RTLD_NOW | RTLD_LOCAL and calls its entry point.
  explicit LoadedPlugin(const std::string &name_or_path);
  const ssmd_plugin &plugin() const { return *plugin_; }
  const ssmd_host *host() const { return &host_; }
  // Sets the repository root plugins see, and configuration values (dotted key -> YAML text).
  void set_repo_root(const std::filesystem::path &root);
  void set_config(const std::string &key, const std::string &yaml_value);
  // A value only a repository's files set: config() answers it, trusted_config() (ABI 1.3) does not.
  void set_repository_config(const std::string &key, const std::string &yaml_value);
  // Forgets every value set with set_config() and set_repository_config().
  void clear_config();

  const ssmd_feed_validator *feed(const std::string &exchange) const;
  const ssmd_schema_format *schema_format(const std::string &format) const;
  const ssmd_secret_backend *secret_backend(const std::string &prefix) const;
  const ssmd_storage_backend *storage_backend(const std::string &scheme) const;
  const ssmd_subcommand *subcommand(const std::string &name) const;

private:
  const ssmd_plugin *plugin_ = nullptr;
  ssmd_host host_{};
  std::string repo_root_;
};

// A file reader over a directory on disk (what the host passes for the working tree).
class DirectoryReader {
public:
  explicit DirectoryReader(std::filesystem::path root);
  const ssmd_file_reader *reader() const { return &reader_; }

private:
  std::filesystem::path root_;
  ssmd_file_reader reader_;
};

inline ssmd_str str(const std::string &s) { return ssmd_str{s.data(), s.size()}; }

} // namespace ssmd::test
