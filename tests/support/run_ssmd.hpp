// Runs the real ssmd binary for end-to-end tests and captures what it printed.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ssmd::test {

struct RunResult {
  int exit_code = -1;
  std::string out; // stdout
  std::string err; // stderr
  long peak_rss_kib = 0; // the child's peak resident set (wait4's ru_maxrss), its own children included
};

struct RunOptions {
  std::filesystem::path cwd;                      // default: the current directory
  std::map<std::string, std::string> env;         // added to (or overriding) the inherited environment
  std::vector<std::string> unset_env;             // removed from the inherited environment
  std::string stdin_text;                         // fed to the child's stdin
};

// Runs `ssmd args...` (the binary named by SSMD_BINARY) and waits for it.
RunResult run_ssmd(const std::vector<std::string> &args, const RunOptions &options = {});

// Runs any program through /bin/sh -c and captures its output.
RunResult run_shell(const std::string &command, const RunOptions &options = {});

// A fresh directory under the system temp dir, removed when the object goes away.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::filesystem::path &path() const { return path_; }
  // Writes `content` to `relative` (creating parent directories) and returns the full path.
  std::filesystem::path write(const std::string &relative, const std::string &content) const;

private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path &path);
std::filesystem::path source_dir(); // SSMD_SOURCE_DIR
std::filesystem::path build_dir();  // SSMD_BUILD_DIR

} // namespace ssmd::test
