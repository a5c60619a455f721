// Where the test plugins are, and how a test gives itself a private plugin directory. Copies are made
// with fixed modes (0755), so results never depend on the umask the build ran with.
#pragma once

#include "run_ssmd.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace ssmd::test {

// build/tests/test-plugins/<variant>/<name>.so, e.g. test_plugin("good", "test-good").
inline std::filesystem::path test_plugin(const std::string &variant, const std::string &name) {
  const char *root = std::getenv("SSMD_TEST_PLUGIN_DIR");
  if (!root) throw std::runtime_error("SSMD_TEST_PLUGIN_DIR is not set; run the tests through ctest");
  return std::filesystem::path(root) / variant / (name + ".so");
}

// Copies a test plugin into `dir` (created 0755) as `file_name` (default: its own name) with mode 0755.
inline std::filesystem::path copy_test_plugin(const std::filesystem::path &dir, const std::string &variant,
                                              const std::string &name, const std::string &file_name = "") {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                           fs::perms::others_exec);
  fs::path target = dir / (file_name.empty() ? name + ".so" : file_name);
  fs::copy_file(test_plugin(variant, name), target, fs::copy_options::overwrite_existing);
  fs::permissions(target, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  return target;
}

} // namespace ssmd::test
