// A metadata repository for `ssmd publish`: the bundled exchanges/ committed in a fresh git repository,
// and the command run against it with a clean environment (no user configuration, no ETCDCTL_* variables
// of the developer's, the build's plugins).
#pragma once

#include "../../e2e/git_fixture.hpp"
#include "etcd_server.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ssmd::test {

class PublishRepo : public GitRepo {
public:
  PublishRepo() {
    std::filesystem::copy(source_dir() / "exchanges", root() / "exchanges", std::filesystem::copy_options::recursive);
    commit_all("The bundled exchanges");
  }

  // Writes `count` environments gen-0000... extending kalshi-dev, each with its own transport URL, and
  // commits them.
  void add_environments(int count) const {
    for (int i = 0; i < count; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "gen-%04d", i);
      write("exchanges/environments/" + std::string(name) + ".yaml",
            "name: " + std::string(name) + "\nextends: kalshi-dev\ntransport: { type: nats, url: \"nats://n" +
                std::to_string(i) + ":4222\" }\n");
    }
    commit_all("Generated environments");
  }

  // `ssmd publish ARGS...` with `env` added to the environment.
  RunResult publish(std::vector<std::string> args, const std::map<std::string, std::string> &env = {}) const {
    args.insert(args.begin(), "publish");
    RunOptions o = options();
    for (const auto &[k, v] : env) o.env[k] = v;
    for (const char *name : {"ETCDCTL_USER", "ETCDCTL_PASSWORD", "ETCDCTL_CACERT", "ETCDCTL_CERT", "ETCDCTL_KEY",
                             "ETCDCTL_DIAL_TIMEOUT", "ETCDCTL_COMMAND_TIMEOUT", "SSMD_PUBLISH_TO", "SSMD_PLUGINS",
                             "SSMD_LOCKED", "SSMD_PLUGIN_PATH"})
      if (!env.count(name)) o.unset_env.push_back(name);
    return run_ssmd(args, o);
  }

  std::string head() const {
    std::string id = git_ok("rev-parse HEAD");
    return id.substr(0, id.find('\n'));
  }
};

// A key prefix no other test uses: "/<suite>/<test>".
inline std::string test_prefix() {
  const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
  return "/" + std::string(info->test_suite_name()) + "/" + info->name();
}

inline bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// How many times `part` occurs in `text`.
inline size_t count(const std::string &text, const std::string &part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

} // namespace ssmd::test
