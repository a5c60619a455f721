// `ssmd env run ENV -- COMMAND`: the child sees every field under its variable, ssmd's exit code is the
// child's, signals are forwarded, and a run that cannot have every required field does not start at all.
#include "plugin_env.hpp"
#include "secrets_world.hpp"

#include <csignal>
#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {
using SecretsRun = SecretsWorld;

// A child that writes each named variable's value, byte for byte, to a file of that name in $1, and
// "unset" for a variable it did not get.
std::string dump_script(const std::vector<std::string> &variables) {
  std::string script;
  for (const auto &v : variables)
    script += "if [ \"${" + v + "+set}\" = set ]; then printf '%s' \"$" + v + "\" > \"$1/" + v +
              "\"; else printf unset > \"$1/" + v + "\"; fi\n";
  return script;
}

const std::vector<std::string> kVariables = {"ALPHA_API_KEY", "SSMD_ALPHA_API_SECRET", "SSMD_BETA_TOKEN", "GAMMA_KEY",
                                             "GAMMA_SECRET"};
} // namespace

TEST_F(SecretsRun, ChildSeesEveryFieldUnderItsVariableByteForByte) {
  // A value with a newline, '=' and spaces passes through unchanged.
  const std::string sealed_value = kSealedCanary + "\nline two = with spaces ";
  mount("beta-creds", "token", sealed_value);
  auto r = ssmd({"env", "run", "canary", "--", "/bin/sh", "-c", dump_script(kVariables), "sh", out().string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(read_file(out() / "ALPHA_API_KEY"), kEnvKeyCanary);
  EXPECT_EQ(read_file(out() / "SSMD_ALPHA_API_SECRET"), kEnvSecretCanary);
  EXPECT_EQ(read_file(out() / "SSMD_BETA_TOKEN"), sealed_value);
  // These two never were in ssmd's environment: only ssmd can have put them in the child's.
  EXPECT_EQ(read_file(out() / "GAMMA_KEY"), kVaultKeyCanary);
  EXPECT_EQ(read_file(out() / "GAMMA_SECRET"), kVaultSecretCanary);
  expect_clean(r, "env run");
}

TEST_F(SecretsRun, ExitCodeIsTheChilds) {
  auto ok = ssmd({"env", "run", "canary", "--", "/bin/sh", "-c", "exit 0"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  auto failing = ssmd({"env", "run", "canary", "--", "/bin/sh", "-c", "echo failing on purpose >&2; exit 42"});
  EXPECT_EQ(failing.exit_code, 42);
  EXPECT_EQ(failing.err, "failing on purpose\n");
  expect_clean(failing, "env run with a failing child");
  // Killed by a signal: 128 + the signal, as shells report it.
  auto killed = ssmd({"env", "run", "canary", "--", "/bin/sh", "-c", "kill -KILL $$"});
  EXPECT_EQ(killed.exit_code, 128 + SIGKILL);
}

TEST_F(SecretsRun, CommandFoundOnPathWithArguments) {
  auto r = ssmd({"env", "run", "canary", "--", "sh", "-c", "printf '%s|%s' \"$0\" \"$1\" > \"$2/args\"", "zero", "one",
                 out().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(out() / "args"), "zero|one");
}

TEST_F(SecretsRun, CommandNotFoundIs127AndNotExecutableIs126) {
  auto missing = ssmd({"env", "run", "canary", "--", "ssmd-no-such-command-4e1d"});
  EXPECT_EQ(missing.exit_code, 127);
  EXPECT_EQ(missing.err, "ssmd: env run: ssmd-no-such-command-4e1d: command not found\n");
  auto missing_path = ssmd({"env", "run", "canary", "--", (out() / "nothing-here").string()});
  EXPECT_EQ(missing_path.exit_code, 127);
  EXPECT_TRUE(has(missing_path.err, "No such file or directory")) << missing_path.err;
  fs::path plain = out() / "not-executable";
  std::ofstream(plain) << "#!/bin/sh\nexit 0\n";
  chmod(plain.c_str(), 0644);
  auto denied = ssmd({"env", "run", "canary", "--", plain.string()});
  EXPECT_EQ(denied.exit_code, 126);
  EXPECT_TRUE(has(denied.err, "Permission denied")) << denied.err;
  expect_clean(missing, "env run, command not found");
  expect_clean(denied, "env run, command not executable");
}

TEST_F(SecretsRun, MissingRequiredFieldRefusesToRun) {
  unset_.push_back("SSMD_ALPHA_API_SECRET");
  env_.erase("SSMD_ALPHA_API_SECRET");
  auto r = ssmd({"env", "run", "canary", "--", "/bin/sh", "-c", "touch \"$1/ran\"", "sh", out().string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_FALSE(fs::exists(out() / "ran"));
  EXPECT_TRUE(has(r.err, "ssmd: env run: not running /bin/sh: environment canary lacks alpha/api_secret (missing)"))
      << r.err;
  EXPECT_TRUE(has(r.err, "[secrets/missing-field]")) << r.err;
  expect_clean(r, "env run refused");
}

TEST_F(SecretsRun, UnreachableBackendRefusesWithExit3) {
  env_["VAULT_ADDR"] = "http://127.0.0.1:1";
  auto r = ssmd({"env", "run", "canary", "--", "/bin/sh", "-c", "touch \"$1/ran\"", "sh", out().string()});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_FALSE(fs::exists(out() / "ran"));
  EXPECT_TRUE(has(r.err, "gamma/api_key (error), gamma/api_secret (error)")) << r.err;
  EXPECT_TRUE(has(r.err, "[vault/unreachable]")) << r.err;
  expect_clean(r, "env run with Vault unreachable");
}

TEST_F(SecretsRun, MissingFieldOfOptionalKeyRunsWithoutItsVariable) {
  write_environment("optional", one_key_environment("optional", "env", false));
  auto r =
      ssmd({"env", "run", "optional", "--", "/bin/sh", "-c", dump_script({"SSMD_ONLY_API_KEY"}), "sh", out().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.err, "warning:") && has(r.err, "not required")) << r.err;
  EXPECT_EQ(read_file(out() / "SSMD_ONLY_API_KEY"), "unset");
}

TEST_F(SecretsRun, DryRunListsVariablesWithoutValuesAndRunsNothing) {
  auto r = ssmd({"env", "run", "canary", "--dry-run", "--", "/bin/sh", "-c", "touch \"$1/ran\"", "sh", out().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(out() / "ran"));
  EXPECT_TRUE(has_row(r.out, {"VARIABLE", "KEY", "FIELD", "SOURCE", "STATUS"})) << r.out;
  EXPECT_TRUE(has_row(r.out, {"ALPHA_API_KEY", "alpha", "api_key", "env", "present"})) << r.out;
  EXPECT_TRUE(has_row(r.out, {"SSMD_ALPHA_API_SECRET", "alpha", "api_secret", "env", "present"})) << r.out;
  EXPECT_TRUE(has_row(r.out, {"SSMD_BETA_TOKEN", "beta", "token", "sealed-secret/beta-creds", "present"})) << r.out;
  EXPECT_TRUE(has_row(r.out, {"GAMMA_KEY", "gamma", "api_key", "vault/secret/ssmd/kalshi", "present"})) << r.out;
  EXPECT_TRUE(has_row(r.out, {"GAMMA_SECRET", "gamma", "api_secret", "vault/secret/ssmd/kalshi", "present"})) << r.out;
  expect_clean(r, "env run --dry-run");

  auto json = ssmd({"env", "run", "canary", "--dry-run", "-o", "json", "--", "printenv"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(has(json.out, "\"variable\": \"GAMMA_SECRET\"")) << json.out;
  EXPECT_TRUE(has(json.out, "\"command\": [\n    \"printenv\"\n  ]")) << json.out;
  expect_clean(json, "env run --dry-run --output json");

  // Without a command, and with a field missing: the exit code a real run would have.
  unset_.push_back("ALPHA_API_KEY");
  env_.erase("ALPHA_API_KEY");
  auto missing = ssmd({"env", "run", "canary", "--dry-run"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(has_row(missing.out, {"ALPHA_API_KEY", "alpha", "api_key", "env", "missing"})) << missing.out;
  expect_clean(missing, "env run --dry-run with a field missing");
}

TEST_F(SecretsRun, TwoFieldsForOneVariableAreRefused) {
  write_environment("twice", one_key_environment("twice", "env", true, "    env: { api_key: SHARED_NAME }\n") +
                                 "  other:\n    type: api_key\n    fields: [token]\n    source: env\n"
                                 "    env: { token: SHARED_NAME }\n");
  env_["SHARED_NAME"] = kEnvKeyCanary;
  env_["SSMD_ONLY_API_SECRET"] = kEnvSecretCanary;
  auto r = ssmd({"env", "run", "twice", "--", "/bin/sh", "-c", "touch \"$1/ran\"", "sh", out().string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_FALSE(fs::exists(out() / "ran"));
  EXPECT_TRUE(has(r.err, "[secrets/duplicate-variable]")) << r.err;
  EXPECT_TRUE(has(r.err, "would set SHARED_NAME, which key `only` field `api_key` sets already")) << r.err;
  expect_clean(r, "env run with a duplicate variable");
}

TEST_F(SecretsRun, UsageErrorsAreExit2) {
  for (const auto &args : std::vector<std::vector<std::string>>{{"env", "run", "canary"},
                                                                {"env", "run", "canary", "--"},
                                                                {"env", "run", "--", "/bin/true"},
                                                                {"env", "run", "canary", "/bin/true"},
                                                                {"env", "run", "canary", "--", ""},
                                                                {"env", "run", "canary", "-o", "json", "--", "true"}}) {
    auto r = ssmd(args);
    std::string line;
    for (const auto &a : args) line += "'" + a + "' ";
    EXPECT_EQ(r.exit_code, 2) << line << "\n" << r.err;
  }
}

TEST_F(SecretsRun, SignalsSentToSsmdReachTheChildAndSsmdWaits) {
  // The child records each signal it gets; SIGTERM also makes it exit with 9.
  const std::string script = "log=\"$1/signals\"\n"
                             "for s in INT HUP QUIT USR1 USR2; do trap \"echo $s >> '$log'\" $s; done\n"
                             "trap \"echo TERM >> '$log'; exit 9\" TERM\n"
                             "echo ready > \"$1/ready\"\n"
                             "while :; do sleep 0.05; done\n";
  Started started = start({"env", "run", "canary", "--", "/bin/sh", "-c", script, "sh", out().string()});
  ASSERT_TRUE(wait_for(out() / "ready")) << read_file(started.err);
  for (auto [sig, name] : std::vector<std::pair<int, std::string>>{
           {SIGINT, "INT"}, {SIGHUP, "HUP"}, {SIGQUIT, "QUIT"}, {SIGUSR1, "USR1"}, {SIGUSR2, "USR2"}}) {
    kill(started.pid, sig);
    EXPECT_TRUE(wait_for(out() / "signals", name + "\n")) << name << ": " << read_file(out() / "signals");
  }
  kill(started.pid, SIGTERM);
  std::optional<int> status = wait(started);
  ASSERT_TRUE(status) << "ssmd did not end after SIGTERM";
  ASSERT_TRUE(WIFEXITED(*status)) << "ssmd itself was killed by signal " << WTERMSIG(*status);
  EXPECT_EQ(WEXITSTATUS(*status), 9);
  EXPECT_EQ(read_file(out() / "signals"), "INT\nHUP\nQUIT\nUSR1\nUSR2\nTERM\n");
  expect_no_canary(read_file(started.out) + read_file(started.err), "env run with signals");
}

TEST_F(SecretsRun, ChildKilledByAForwardedSignalGives128PlusIt) {
  Started started = start({"env", "run", "canary", "--", "/bin/sh", "-c", "echo ready > \"$1/ready\"; exec sleep 30",
                           "sh", out().string()});
  ASSERT_TRUE(wait_for(out() / "ready")) << read_file(started.err);
  usleep(100000); // let `exec sleep` happen
  kill(started.pid, SIGTERM);
  std::optional<int> status = wait(started);
  ASSERT_TRUE(status) << "ssmd did not end after SIGTERM";
  ASSERT_TRUE(WIFEXITED(*status)) << "ssmd itself was killed by signal " << WTERMSIG(*status);
  EXPECT_EQ(WEXITSTATUS(*status), 128 + SIGTERM);
}
