// A real git repository in a temporary directory for the git tests (unit and end-to-end). It is built
// and inspected with the `git` CLI; HOME points at an empty directory and the identity lives in the
// repository's own config, so the developer's global git settings never leak in.
#pragma once

#include "core/sha256.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace ssmd::test {

class GitRepo {
public:
  // A repository at <tmp>/repo on branch main with user.name and user.email set locally (unless
  // `with_identity` is false).
  explicit GitRepo(bool with_identity = true) : home_(dir_.path() / "home"), root_(dir_.path() / "repo") {
    std::filesystem::create_directories(home_);
    std::filesystem::create_directories(root_);
    options_.cwd = root_;
    options_.env = {{"HOME", home_.string()},
                    {"XDG_CONFIG_HOME", (home_ / ".config").string()},
                    {"GIT_CONFIG_NOSYSTEM", "1"},
                    {"TZ", "UTC"}};
    // Anything that would point git or ssmd elsewhere, or give an identity behind the tests' back.
    options_.unset_env = {"GIT_DIR",          "GIT_WORK_TREE",       "GIT_INDEX_FILE",   "GIT_AUTHOR_NAME",
                          "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",  "GIT_COMMITTER_EMAIL", "EMAIL",
                          "GIT_AUTHOR_DATE",  "GIT_COMMITTER_DATE", "SSMD_REPO",        "GIT_CEILING_DIRECTORIES"};
    git_ok("init -q -b main");
    if (with_identity) {
      git_ok("config user.name 'Jane Doe'");
      git_ok("config user.email jane@example.com");
    }
  }

  const std::filesystem::path &root() const { return root_; }
  const std::filesystem::path &base() const { return dir_.path(); }
  RunOptions options(const std::filesystem::path &cwd = {}) const {
    RunOptions o = options_;
    if (!cwd.empty()) o.cwd = cwd;
    return o;
  }

  // Runs `git <args>` (a shell fragment) in `cwd` (default: the repository root).
  RunResult git(const std::string &args, const std::filesystem::path &cwd = {}) const {
    return run_shell("git " + args, options(cwd));
  }
  // The same, failing the test when git fails; returns its standard output.
  std::string git_ok(const std::string &args, const std::filesystem::path &cwd = {}) const {
    RunResult r = git(args, cwd);
    EXPECT_EQ(r.exit_code, 0) << "git " << args << "\n" << r.err;
    return r.out;
  }
  RunResult ssmd(const std::vector<std::string> &args, const std::filesystem::path &cwd = {}) const {
    return run_ssmd(args, options(cwd));
  }

  std::filesystem::path write(const std::string &relative, const std::string &content) const {
    return dir_.write("repo/" + relative, content);
  }
  std::string read(const std::string &relative) const { return read_file(root_ / relative); }
  void remove(const std::string &relative) const { std::filesystem::remove(root_ / relative); }

  // Stages everything and commits it with the git CLI.
  void commit_all(const std::string &message) const {
    git_ok("add -A");
    git_ok("commit -q -m '" + message + "'");
  }

private:
  TempDir dir_;
  std::filesystem::path home_, root_;
  RunOptions options_;
};

// Every file of a work tree outside .git, with its bytes: compare two to show nothing was written.
inline std::map<std::string, std::string> work_tree_files(const std::filesystem::path &root) {
  std::map<std::string, std::string> out;
  for (auto it = std::filesystem::recursive_directory_iterator(root); it != std::filesystem::recursive_directory_iterator();
       ++it) {
    if (it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) out[std::filesystem::relative(it->path(), root).string()] = read_file(it->path());
  }
  return out;
}

inline void write_file(const std::filesystem::path &path, const std::string &content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// Small metadata documents in the shapes of DESIGN.md, complete enough to pass `ssmd validate` (which
// `ssmd commit` runs). Feeds use an exchange no bundled plugin owns, so only the core rules apply (a
// missing feed plugin is a warning).
inline std::string feed_yaml(const std::string &name, const std::vector<std::string> &versions,
                             const std::string &endpoint_suffix = "") {
  std::string out = "name: " + name + "\ndisplay_name: " + name + " test feed\nexchange: example\ntype: websocket\n"
                    "status: active\nversions:\n";
  int year = 2024;
  for (const auto &v : versions)
    out += "  - version: " + v + "\n    effective_from: " + std::to_string(year++) + "-01-01\n    protocol: wss\n"
           "    endpoint: wss://" + name + ".example.com/" + v + endpoint_suffix + "\n    auth_method: none\n"
           "    rate_limit_per_second: 10\n    max_symbols_per_connection: 100\n    supports_orderbook: true\n"
           "    supports_trades: true\n";
  return out + "calendar:\n  timezone: UTC\n";
}

inline std::string env_yaml(const std::string &name, const std::string &feed, const std::string &schema) {
  return "name: " + name + "\nfeed: " + feed + "\nschema: " + schema + "\n";
}

// A `trade` schema with active versions v1 and v2 (what env_yaml's references name), as files to write.
inline std::vector<std::pair<std::string, std::string>> trade_schema_files() {
  const std::string v1 = "@0xd3a1c1b2f0e4a5b6;\nstruct Trade {\n  price @0 :Int64;\n}\n";
  const std::string v2 = "@0xd3a1c1b2f0e4a5b6;\nstruct Trade {\n  price @0 :Int64;\n  size @1 :Int64;\n}\n";
  std::string yaml = "name: trade\nformat: capnp\nschema_file: trade.v1.capnp\nversions:\n"
                     "  - version: v1\n    effective_from: 2024-01-01\n    status: active\n    file: trade.v1.capnp\n"
                     "    hash: sha256:" + sha256_hex(v1) + "\n"
                     "  - version: v2\n    effective_from: 2025-01-01\n    status: active\n    file: trade.v2.capnp\n"
                     "    hash: sha256:" + sha256_hex(v2) + "\n";
  return {{"exchanges/schemas/trade.yaml", yaml},
          {"exchanges/schemas/trade.v1.capnp", v1},
          {"exchanges/schemas/trade.v2.capnp", v2}};
}

} // namespace ssmd::test
