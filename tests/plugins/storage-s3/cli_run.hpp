// Running the real ssmd binary against the test s3rver: the environment it needs and the data commands'
// arguments, shared by the command-line suites of storage-s3.
#pragma once

#include "run_ssmd.hpp"
#include "test_servers.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace ssmd::test::s3 {

// Signs as `S3RVER` with `secret`, against `endpoint`; small listing pages so a year spans several.
inline RunOptions s3_env(const std::string &endpoint, const std::string &secret = "S3RVER") {
  RunOptions o;
  o.env = {{"AWS_ACCESS_KEY_ID", "S3RVER"},
           {"AWS_SECRET_ACCESS_KEY", secret},
           {"AWS_ENDPOINT_URL_S3", endpoint},
           {"AWS_REGION", "us-east-1"},
           {"SSMD_S3_MAX_KEYS", "100"}};
  o.unset_env = {"AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED"};
  // Outside any repository unless a test says otherwise: the build tree lies inside the source tree, whose
  // exchanges/ would make the data commands check the seeded feeds against its registry.
  o.cwd = "/";
  return o;
}

// `--plugin-path` to the storage-s3 plugin of this build, so no installed plugin is picked up.
inline std::vector<std::string> plugin_path() {
  return {"--plugin-path", std::filesystem::path(STORAGE_S3_PLUGIN).parent_path().string()};
}

// `ssmd data <command> --feed FEED <rest...> --plugin-path ...`.
inline std::vector<std::string> data_command(const std::string &command, const std::string &feed,
                                             std::vector<std::string> rest) {
  std::vector<std::string> args = {"data", command, "--feed", feed};
  args.insert(args.end(), rest.begin(), rest.end());
  for (auto &a : plugin_path()) args.push_back(a);
  return args;
}

// The bucket's two trees: raw at its root, normalized under normalized/ (see seed.js).
inline std::string raw_root() { return std::string("s3://") + k_bucket; }
inline std::string normalized_root() { return std::string("s3://") + k_bucket + "/normalized"; }

} // namespace ssmd::test::s3
