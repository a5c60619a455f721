// The never-leak guarantee: with a canary behind every backend, no output of any command that touches keys
// (check-keys in text and JSON, env run --dry-run, env run with a failing child, env show, env list, and
// every failure path: missing values, malformed references, an unreachable Vault, Vault answering garbage
// or refusing, and backends that break the rules on purpose) holds a canary. Each case also checks the exit
// code, so a case that silently stopped exercising its path would fail.
#include "plugin_env.hpp"
#include "secrets_world.hpp"

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {
using SecretsNeverLeak = SecretsWorld;

struct Case {
  std::string environment_yaml; // empty: the `canary` environment
  std::vector<std::string> args;
  int exit_code;
};
} // namespace

TEST_F(SecretsNeverLeak, RegistryViewsPrintReferencesOnly) {
  for (const auto &args :
       std::vector<std::vector<std::string>>{{"env", "show", "canary", "--as-of", "2025-06-01"},
                                             {"env", "show", "canary", "--as-of", "2025-06-01", "--output", "json"},
                                             {"env", "list"},
                                             {"env", "list", "--output", "json"}}) {
    auto r = ssmd(args);
    EXPECT_EQ(r.exit_code, 0) << args[1] << "\n" << r.err;
    expect_clean(r, "ssmd " + args[0] + " " + args[1]);
  }
  auto show = ssmd({"env", "show", "canary", "--as-of", "2025-06-01"});
  EXPECT_TRUE(has(show.out, "vault/secret/ssmd/kalshi")) << show.out; // the reference is shown
}

TEST_F(SecretsNeverLeak, EveryCommandAndFailurePathWithTheBundledBackends) {
  const std::string quiet_child = "/bin/sh";
  std::vector<Case> cases = {
      {"", {"env", "check-keys", "canary"}, 0},
      {"", {"env", "check-keys", "canary", "-o", "json"}, 0},
      {"", {"env", "run", "canary", "--dry-run"}, 0},
      {"", {"env", "run", "canary", "--dry-run", "-o", "json"}, 0},
      {"", {"env", "run", "canary", "--", "/bin/sh", "-c", "echo child failed >&2; exit 3"}, 3},
      {"", {"env", "run", "canary", "--", "ssmd-no-such-command-4e1d"}, 127},
      // Vault answers: garbage, refusal, nothing there; and a secret whose fields are not all there.
      {one_key_environment("leak", "vault/secret/garbage"), {"env", "check-keys", "leak"}, 3},
      {one_key_environment("leak", "vault/secret/forbidden"), {"env", "check-keys", "leak", "-o", "json"}, 3},
      {one_key_environment("leak", "vault/secret/missing-here"), {"env", "check-keys", "leak"}, 1},
      {one_key_environment("leak", "vault/secret/typed"), {"env", "check-keys", "leak"}, 1},
      {one_key_environment("leak", "vault/secret/garbage"), {"env", "run", "leak", "--", "/bin/true"}, 3},
      // Malformed references and an unknown prefix.
      {one_key_environment("leak", "vault/"), {"env", "run", "leak", "--", "/bin/true"}, 1},
      {one_key_environment("leak", "sealed-secret/../x"), {"env", "check-keys", "leak", "-o", "json"}, 1},
      {one_key_environment("leak", "nosuch/x"), {"env", "run", "leak", "--dry-run"}, 3},
  };
  for (const auto &c : cases) {
    if (!c.environment_yaml.empty()) write_environment("leak", c.environment_yaml);
    auto r = ssmd(c.args);
    std::string what;
    for (const auto &a : c.args) what += a + " ";
    EXPECT_EQ(r.exit_code, c.exit_code) << what << "\n" << r.out << r.err;
    expect_clean(r, what);
  }
  // A wrong token, and Vault unreachable, for both commands.
  for (const auto &[name, value] : std::vector<std::pair<std::string, std::string>>{
           {"VAULT_TOKEN", "hvs.not-the-right-one"}, {"VAULT_ADDR", "http://127.0.0.1:1"}}) {
    auto saved = env_[name];
    env_[name] = value;
    auto check = ssmd({"env", "check-keys", "canary"});
    auto run = ssmd({"env", "run", "canary", "--", "/bin/true"});
    EXPECT_EQ(check.exit_code, 3) << name << "\n" << check.err;
    EXPECT_EQ(run.exit_code, 3) << name << "\n" << run.err;
    expect_clean(check, "check-keys with " + name + "=" + value);
    expect_clean(run, "env run with " + name + "=" + value);
    env_[name] = saved;
  }
}

TEST_F(SecretsNeverLeak, BackendsThatBreakTheRulesCannotMakeSsmdPrintAValue) {
  use_junk_backend();
  struct JunkCase {
    std::string what;
    int check_exit, run_exit;
  };
  for (const auto &c : std::vector<JunkCase>{{"leak", 0, 0},
                                             {"throw", 3, 3},
                                             {"status", 3, 3},
                                             {"silent", 3, 3},
                                             {"unlisted", 0, 0},
                                             {"nul", 1, 1},
                                             {"bad-name", 0, 3},
                                             {"error-ok", 1, 1},
                                             {"warn-required", 1, 1}}) {
    write_environment("junk", one_key_environment("junk", "junk/" + c.what));
    for (const auto &args : std::vector<std::vector<std::string>>{
             {"env", "check-keys", "junk"},
             {"env", "check-keys", "junk", "-o", "json"},
             {"env", "run", "junk", "--dry-run"},
             {"env", "run", "junk", "--dry-run", "-o", "json"},
             {"env", "run", "junk", "--", "/bin/sh", "-c", "touch \"$1/ran-" + c.what + "\"", "sh", out().string()}}) {
      auto r = ssmd(args);
      const bool checks = args[1] == "check-keys";
      EXPECT_EQ(r.exit_code, checks ? c.check_exit : c.run_exit) << c.what << " " << args[1] << "\n" << r.out << r.err;
      expect_clean(r, "junk/" + c.what + ": " + args[1] + (args.size() > 3 ? " " + args[3] : ""));
    }
    EXPECT_EQ(fs::exists(out() / ("ran-" + c.what)), c.run_exit == 0) << c.what;
  }
  // The value the junk backend wrote into its own finding was replaced, and the finding still shown.
  write_environment("junk", one_key_environment("junk", "junk/leak"));
  auto r = ssmd({"env", "check-keys", "junk"});
  EXPECT_TRUE(has(r.err, "the value of the key is [redacted], see? [junk/chatty]")) << r.err;
  write_environment("junk", one_key_environment("junk", "junk/throw"));
  r = ssmd({"env", "check-keys", "junk"});
  EXPECT_TRUE(has(r.err, "plugin threw an exception: could not finish with [redacted]")) << r.err;
  // A backend that leaks through a finding still hands the child the right value.
  write_environment("junk", one_key_environment("junk", "junk/leak"));
  r = ssmd({"env", "run", "junk", "--", "/bin/sh", "-c", "printf '%s' \"$SSMD_ONLY_API_KEY\" > \"$1/v\"", "sh",
            out().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(out() / "v"), kJunkCanary);
}

// Validation touches every key too (offline: references only). Neither its outputs in any format nor any
// file it leaves behind (the cache under .ssmd/, anything in the repository) may hold a value. The run
// also goes through a failure (an unknown prefix) and a cache hit.
TEST_F(SecretsNeverLeak, ValidateAndEveryFileSsmdLeavesBehindHoldNoValue) {
  for (const auto &format : {"text", "json", "sarif", "junit", "github"}) {
    auto r = ssmd({"validate", "--format", format});
    expect_clean(r, std::string("validate --format ") + format);
  }
  write_environment("leak", one_key_environment("leak", "nosuch/x"));
  auto failing = ssmd({"validate"});
  EXPECT_EQ(failing.exit_code, 1) << failing.out << failing.err;
  EXPECT_TRUE(has(failing.out, "key 'only' of environment 'leak': no secret backend plugin provides 'nosuch'"))
      << "the message names the key and the environment\n"
      << failing.out;
  expect_clean(failing, "validate with an unknown prefix");
  expect_clean(ssmd({"validate"}), "validate from the cache");
  auto checked = ssmd({"env", "check-keys", "canary"});
  expect_clean(checked, "check-keys before the file scan");

  size_t files = 0;
  for (auto it = fs::recursive_directory_iterator(repo()); it != fs::recursive_directory_iterator(); ++it) {
    if (!it->is_regular_file()) continue;
    ++files;
    expect_no_canary(read_file(it->path()), "file " + fs::relative(it->path(), repo()).string());
  }
  EXPECT_TRUE(fs::exists(repo() / ".ssmd/cache/validate.json")) << "the cache was written, and scanned";
  EXPECT_GT(files, 5u);
}
