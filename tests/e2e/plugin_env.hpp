// An isolated world for end-to-end plugin tests: a repository (a directory holding exchanges/), plugin
// directories composed from the test-plugin variants, and a marker directory where the test plugins'
// static constructors record that they were loaded.
#pragma once

#include "../test-plugins/test_plugins.hpp"
#include "run_ssmd.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace ssmd::test {

class PluginEnv {
public:
  PluginEnv() {
    std::filesystem::create_directories(repo() / "exchanges");
    std::filesystem::create_directories(markers());
  }
  std::filesystem::path root() const { return tmp_.path(); }
  std::filesystem::path repo() const { return tmp_.path() / "repo"; }
  std::filesystem::path markers() const { return tmp_.path() / "markers"; }

  // Copies test plugin `name` of `variant` into <tmp>/plugins/<dir> (default: the variant), and puts
  // that directory on the plugin path the first time it is used.
  std::filesystem::path add(const std::string &variant, const std::string &name, const std::string &dir = "") {
    std::filesystem::path d = tmp_.path() / "plugins" / (dir.empty() ? variant : dir);
    if (std::find(dirs_.begin(), dirs_.end(), d) == dirs_.end()) dirs_.push_back(d);
    return copy_test_plugin(d, variant, name);
  }
  std::string plugin_path() const {
    std::string out;
    for (const auto &d : dirs_) out += (out.empty() ? "" : ":") + d.string();
    return out;
  }

  // Runs ssmd in the repository with the composed plugin path and none of the caller's SSMD_ settings.
  RunResult run(std::vector<std::string> args, RunOptions options = {}) const {
    if (!dirs_.empty()) args.insert(args.begin(), {"--plugin-path", plugin_path()});
    if (options.cwd.empty()) options.cwd = repo();
    options.env.emplace("SSMD_TEST_MARKER_DIR", markers().string());
    for (const char *name : {"SSMD_PLUGIN_PATH", "SSMD_PLUGINS", "SSMD_LOCKED", "SSMD_REPO"})
      if (!options.env.count(name)) options.unset_env.push_back(name);
    return run_ssmd(args, options);
  }

  // Whether the plugin's code ever ran (its library was loaded).
  bool ran(const std::string &plugin) const { return std::filesystem::exists(markers() / (plugin + ".ran")); }
  bool nothing_ran() const { return std::filesystem::is_empty(markers()); }

private:
  TempDir tmp_;
  std::vector<std::filesystem::path> dirs_;
};

// The line of `text` that starts with `start`, or "" when there is none.
inline std::string line_starting(const std::string &text, const std::string &start) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(start, 0) == 0) return line;
  return "";
}

// The first line of `text` that contains `part`, or "".
inline std::string line_containing(const std::string &text, const std::string &part) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.find(part) != std::string::npos) return line;
  return "";
}

inline bool has(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// The SHA-256 of a file as coreutils computes it: an independent check of the host's OpenSSL code.
inline std::string sha256sum(const std::filesystem::path &file) {
  auto r = run_shell("sha256sum '" + file.string() + "'");
  return r.out.substr(0, 64);
}

} // namespace ssmd::test
