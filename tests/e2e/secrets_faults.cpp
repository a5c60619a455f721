// Secrets under faults: a crash of `ssmd env run` leaves no core file and no value on disk; a signal ssmd
// does not forward takes its child down with it; an empty value means "missing" in every backend.
#include "secrets_world.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

using SecretsFaults = SecretsWorld;

// Whether process `pid` is gone: it does not exist, or is a zombie nobody has reaped yet.
bool gone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

bool gone_within(pid_t pid, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!gone(pid)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::string core_pattern() {
  std::ifstream in("/proc/sys/kernel/core_pattern");
  std::string pattern;
  std::getline(in, pattern);
  return pattern;
}

// Files under `dir` that were not in `before` (relative paths).
std::vector<std::string> new_files(const fs::path &dir, const std::set<std::string> &before) {
  std::vector<std::string> out;
  for (const auto &entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && !before.count(fs::relative(entry.path(), dir).string()))
      out.push_back(fs::relative(entry.path(), dir).string());
  return out;
}

std::set<std::string> files_under(const fs::path &dir) {
  std::set<std::string> out;
  for (const auto &entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) out.insert(fs::relative(entry.path(), dir).string());
  return out;
}

const std::vector<std::string> &canaries() {
  static const std::vector<std::string> all = {kEnvKeyCanary,   kEnvSecretCanary,   kSealedCanary, kVaultKeyCanary,
                                               kVaultSecretCanary, kVaultTokenCanary, kJunkCanary};
  return all;
}

} // namespace

// The core pattern decides where a core goes; the test needs one this machine writes into the crashing
// process's working directory (a relative pattern, as the kernel's default `core`). It first proves that a
// dumpable process holding a canary does leave a core there, with the canary in it, then crashes `ssmd env run`
// with SIGSEGV while it waits for its child, under the same unlimited core size, and searches every file under
// the test's folders for a core and for every canary.
TEST_F(SecretsFaults, EnvRunKilledBySigsegvLeavesNoCoreAndNoValueOnDisk) {
  const std::string pattern = core_pattern();
  if (pattern.empty() || pattern[0] == '|' || pattern.find('/') != std::string::npos)
    GTEST_SKIP() << "core_pattern is '" << pattern << "': cores do not go to the working directory here";
  const fs::path base = repo().parent_path();
  const std::string raise_limit = "ulimit -c \"$(ulimit -H -c)\"; ";

  // The control: a dumpable shell with the canaries in its environment, crashing with SIGSEGV.
  const fs::path control = base / "control";
  fs::create_directories(control);
  RunOptions options{control, env_, unset_, ""};
  run_shell(raise_limit + "exec /bin/sh -c 'kill -SEGV $$'", options);
  std::vector<std::string> control_cores = new_files(control, {});
  if (control_cores.empty())
    GTEST_SKIP() << "no core was written for a dumpable process (core limit " << run_shell("ulimit -H -c").out
                 << "), so a missing core would prove nothing";
  EXPECT_NE(read_file(control / control_cores[0]).find(kEnvKeyCanary), std::string::npos)
      << "the control's core holds its environment, canary included";

  // ssmd, crashed while it waits for COMMAND (its values are resolved and wiped by then).
  const std::set<std::string> before = files_under(base);
  const char *ssmd = std::getenv("SSMD_BINARY");
  ASSERT_NE(ssmd, nullptr);
  options.cwd = repo();
  RunResult r = run_shell(raise_limit + "exec '" + std::string(ssmd) +
                              "' env run canary -- /bin/sh -c 'sleep 0.5; kill -SEGV $PPID; sleep 5'",
                          options);
  EXPECT_EQ(r.exit_code, 128 + SIGSEGV) << "ssmd was to die of SIGSEGV\n" << r.err;

  // The scan: no new file at all where a core could go, and no canary in any file of the test's folders
  // (the mounted Secret, which holds one by design, and the control aside).
  std::vector<std::string> created = new_files(base, before);
  created.erase(std::remove_if(created.begin(), created.end(),
                               [](const std::string &f) { return f.rfind("control/", 0) == 0; }),
                created.end());
  EXPECT_EQ(created, std::vector<std::string>{}) << "ssmd's crash left files behind";
  size_t files = 0, bytes = 0;
  for (const auto &entry : fs::recursive_directory_iterator(base)) {
    const std::string rel = fs::relative(entry.path(), base).string();
    if (!entry.is_regular_file() || rel.rfind("control/", 0) == 0 || rel.rfind("mounts/", 0) == 0) continue;
    const std::string content = read_file(entry.path());
    ++files;
    bytes += content.size();
    for (const auto &canary : canaries())
      EXPECT_EQ(content.find(canary), std::string::npos) << rel << " holds the canary " << canary;
  }
  std::printf("[ info     ] core scan: control core %s (%zu bytes, canary found); after ssmd's SIGSEGV: %zu new "
              "files, %zu files (%zu bytes) searched for %zu canaries\n",
              control_cores[0].c_str(), static_cast<size_t>(fs::file_size(control / control_cores[0])), created.size(),
              files, bytes, canaries().size());
}

class SecretsOrphan : public SecretsWorld, public ::testing::WithParamInterface<int> {};

// ssmd forwards only the signals a supervisor uses to stop a process; others (SIGALRM), and SIGKILL, end ssmd
// itself. COMMAND must not run on without it, holding the secrets.
TEST_P(SecretsOrphan, ASignalThatKillsSsmdKillsItsChildToo) {
  const int signal = GetParam();
  Started started = start({"env", "run", "canary", "--", "/bin/sh", "-c", "echo $$ > \"$1/child\"; exec sleep 30",
                           "sh", out().string()});
  ASSERT_TRUE(wait_for(out() / "child", "\n")) << read_file(started.err);
  const pid_t child = static_cast<pid_t>(std::stol(read_file(out() / "child")));
  std::this_thread::sleep_for(std::chrono::milliseconds(100)); // let `exec sleep` happen
  kill(started.pid, signal);
  std::optional<int> status = wait(started);
  ASSERT_TRUE(status);
  EXPECT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == signal) << "ssmd was to die of the signal";
  EXPECT_TRUE(gone_within(child, std::chrono::seconds(5))) << "COMMAND outlived ssmd";
  if (!gone(child)) kill(child, SIGKILL);
}

INSTANTIATE_TEST_SUITE_P(Signals, SecretsOrphan, ::testing::Values(SIGALRM, SIGKILL),
                         [](const auto &info) { return std::string(sigabbrev_np(info.param)); });

// An empty value is missing, in every backend: `secrets-env` (a variable set to ""), `secrets-sealed` (an empty
// file in the mounted Secret), `secrets-vault` (a field whose value is ""), and any other backend that sends one
// (the junk test backend; the host holds it to the same meaning).
TEST_F(SecretsFaults, AnEmptyValueIsMissingInEveryBackend) {
  env_["SSMD_ONLY_API_KEY"] = "";
  env_["SSMD_ONLY_API_SECRET"] = kEnvSecretCanary;
  mount("empty-creds", "api_key", "");
  mount("empty-creds", "api_secret", kSealedCanary);
  use_junk_backend();
  for (const std::string source : {"env", "sealed-secret/empty-creds", "vault/secret/empty", "junk/empty"}) {
    write_environment("empty", one_key_environment("empty", source));
    auto check = ssmd({"env", "check-keys", "empty"});
    EXPECT_EQ(check.exit_code, 1) << source << "\n" << check.out << check.err;
    EXPECT_TRUE(has_row(check.out, {"only", "api_key", source, "missing"})) << source << "\n" << check.out;
    EXPECT_TRUE(check.err.find("[secrets/missing-field]") != std::string::npos) << source << "\n" << check.err;
    expect_clean(check, source);

    auto run = ssmd({"env", "run", "empty", "--", "true"});
    EXPECT_EQ(run.exit_code, 1) << source << "\n" << run.err;
    EXPECT_NE(run.err.find("lacks only/api_key (missing)"), std::string::npos) << source << "\n" << run.err;

    // Not required: the run goes ahead without the variable, as for any missing field.
    write_environment("empty", one_key_environment("empty", source, false));
    auto optional = ssmd({"env", "run", "empty", "--", "true"});
    EXPECT_EQ(optional.exit_code, 0) << source << "\n" << optional.err;
  }
}
