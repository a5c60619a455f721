// Key rotation, checked by `ssmd env check-keys`: each field's age where its backend knows it (Vault KV v2
// from the version's created_time, through vault_server.js, a local implementation of Vault's documented API;
// a sealed secret from the git history of its manifest, built here with the git CLI), the statuses
// rotation-due and unknown-age, --fail-on and the committed `check_keys.fail_on`, and --all.
#include "plugin_env.hpp"
#include "secrets_world.hpp"

#include <ctime>
#include <iostream>
#include <map>
#include <regex>

using namespace ssmd::test;

namespace {
using SecretsRotation = SecretsWorld;

// An environment whose keys each read one source; `rotation` is the keys' rotation_days ("" for none).
std::string environment(const std::string &name, const std::vector<std::pair<std::string, std::string>> &keys,
                        const std::string &rotation = "90") {
  std::string yaml = "name: " + name + "\nfeed: kalshi\nschemas: [trade:v1]\nkeys:\n";
  for (const auto &[key, source] : keys) {
    yaml += "  " + key + ":\n    type: api_key\n    fields: [api_key, api_secret]\n    source: \"" + source + "\"\n";
    if (!rotation.empty()) yaml += "    rotation_days: " + rotation + "\n";
  }
  return yaml;
}

// The value of `"name": <value>` in the JSON item of `field` of `key` (items are flat objects).
std::string json_member(const std::string &json, const std::string &key, const std::string &field,
                        const std::string &name) {
  std::regex item("\\{[^{}]*\"key\": \"" + key + "\",\\s*\"field\": \"" + field + "\"[^{}]*\\}");
  std::smatch m;
  if (!std::regex_search(json, m, item)) return "<no item>";
  std::regex member("\"" + name + "\": (\"[^\"]*\"|[-0-9]+|null)");
  std::smatch v;
  std::string text = m.str();
  return std::regex_search(text, v, member) ? v[1].str() : "<no member>";
}

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

// The environment that dates a commit `days_ago` days before now, as author and committer.
std::map<std::string, std::string> at(int64_t days_ago) {
  const std::string date = "@" + std::to_string(now() - days_ago * 86400) + " +0000";
  return {{"GIT_AUTHOR_DATE", date}, {"GIT_COMMITTER_DATE", date}};
}

// A SealedSecret manifest sealing api_key and api_secret with the given (opaque) ciphertexts.
std::string manifest(const std::string &key_ciphertext, const std::string &secret_ciphertext) {
  return "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: kalshi-creds\n  namespace: ssmd\n"
         "spec:\n  encryptedData:\n    api_key: " + key_ciphertext + "\n    api_secret: " + secret_ciphertext +
         "\n  template:\n    metadata:\n      name: kalshi-creds\n";
}
} // namespace

TEST_F(SecretsRotation, VaultAgesComeFromTheVersionsCreatedTime) {
  write_environment("aged", environment("aged", {{"old", "vault/secret/aged/120"}, {"young", "vault/secret/aged/10"}}));
  auto r = ssmd({"env", "check-keys", "aged"});
  EXPECT_EQ(r.exit_code, 0) << "rotation-due is a warning by default\n" << r.out << r.err;
  EXPECT_TRUE(has_row(r.out, {"old", "api_key", "vault/secret/aged/120", "rotation-due", "120d"})) << r.out;
  EXPECT_TRUE(has_row(r.out, {"young", "api_secret", "vault/secret/aged/10", "present", "10d"})) << r.out;
  EXPECT_TRUE(has(r.err, "warning: key `old` of environment `aged`: field `api_key`: set ")) << r.err;
  EXPECT_TRUE(has(r.err, "rotated every 90 days: rotate it [secrets/rotation-due]")) << r.err;
  EXPECT_TRUE(has(r.err, "exchanges/environments/aged.yaml:9:")) << "points at rotation_days\n" << r.err;
  expect_clean(r, "check-keys with ages");

  auto json = ssmd({"env", "check-keys", "aged", "--output", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json_member(json.out, "old", "api_key", "status"), "\"rotation-due\"") << json.out;
  EXPECT_EQ(json_member(json.out, "old", "api_key", "age_days"), "120") << json.out;
  EXPECT_EQ(json_member(json.out, "young", "api_key", "age_days"), "10") << json.out;
  EXPECT_EQ(json_member(json.out, "young", "api_key", "rotation_days"), "90") << json.out;
  const std::string last_set = json_member(json.out, "old", "api_key", "last_set");
  EXPECT_TRUE(std::regex_match(last_set, std::regex("\"20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\""))) << last_set;
  expect_clean(json, "check-keys --output json with ages");
}

TEST_F(SecretsRotation, FailOnRotationDueFromTheFlagOrTheCommittedSetting) {
  write_environment("aged", environment("aged", {{"old", "vault/secret/aged/120"}}));
  auto flag = ssmd({"env", "check-keys", "aged", "--fail-on", "rotation-due"});
  EXPECT_EQ(flag.exit_code, 1) << flag.out << flag.err;
  EXPECT_TRUE(has(flag.err, "error: key `old` of environment `aged`")) << flag.err;
  EXPECT_TRUE(has(flag.err, "(--fail-on rotation-due) [secrets/rotation-due]")) << flag.err;
  // The team's committed settings make CI fail the same way, on every clone.
  write_repo_file("ssmd.yaml", "check_keys:\n  fail_on: [rotation-due]\n");
  auto committed = ssmd({"env", "check-keys", "aged"});
  EXPECT_EQ(committed.exit_code, 1) << committed.out << committed.err;
  // A young key passes either way.
  write_environment("aged", environment("aged", {{"young", "vault/secret/aged/10"}}));
  EXPECT_EQ(ssmd({"env", "check-keys", "aged"}).exit_code, 0);
  // What --fail-on takes.
  auto bad = ssmd({"env", "check-keys", "aged", "--fail-on", "missing"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_TRUE(has(bad.err, "rotation-due or unknown-age")) << bad.err;
}

TEST_F(SecretsRotation, AnEnvironmentVariableHasNoKnownAge) {
  write_environment("plain", environment("plain", {{"alpha", "env"}}));
  env_["SSMD_ALPHA_API_KEY"] = kEnvKeyCanary;
  env_["SSMD_ALPHA_API_SECRET"] = kEnvSecretCanary;
  auto r = ssmd({"env", "check-keys", "plain", "-o", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(json_member(r.out, "alpha", "api_key", "status"), "\"unknown-age\"") << r.out;
  EXPECT_EQ(json_member(r.out, "alpha", "api_key", "last_set"), "null") << r.out;
  EXPECT_EQ(json_member(r.out, "alpha", "api_key", "age_days"), "null") << r.out;
  auto strict = ssmd({"env", "check-keys", "plain", "--fail-on", "rotation-due,unknown-age"});
  EXPECT_EQ(strict.exit_code, 1) << strict.out << strict.err;
  EXPECT_TRUE(has(strict.err, "[secrets/unknown-age]")) << strict.err;
  // Without rotation_days there is nothing to check: present.
  write_environment("plain", environment("plain", {{"alpha", "env"}}, ""));
  auto unchecked = ssmd({"env", "check-keys", "plain", "--fail-on", "unknown-age"});
  EXPECT_EQ(unchecked.exit_code, 0) << unchecked.out << unchecked.err;
  EXPECT_TRUE(has_row(unchecked.out, {"alpha", "api_key", "env", "present", "-"})) << unchecked.out;
}

TEST_F(SecretsRotation, SealedAgesComeFromTheLastCommitThatChangedTheFieldsCiphertext) {
  git_init();
  write_environment("sealed", environment("sealed", {{"kalshi", "sealed-secret/kalshi-creds"}}));
  mount("kalshi-creds", "api_key", kSealedCanary);
  mount("kalshi-creds", "api_secret", kSealedCanary);
  const std::string path = "exchanges/sealed-secrets/kalshi-creds.yaml";
  // Day -200: both fields sealed. Day -30: api_secret sealed again. Day -5: an unrelated change to the file.
  write_repo_file(path, manifest("AgKeyFirstSealing0001", "AgSecretFirstSealing01"));
  git("add -A");
  git("commit -q -m 'seal kalshi-creds'", at(200));
  write_repo_file(path, manifest("AgKeyFirstSealing0001", "AgSecretSecondSealing2"));
  git("commit -q -am 'rotate api_secret'", at(30));
  write_repo_file(path, manifest("AgKeyFirstSealing0001", "AgSecretSecondSealing2") + "# reviewed\n");
  git("commit -q -am 'annotate'", at(5));

  auto r = ssmd({"env", "check-keys", "sealed", "-o", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(json_member(r.out, "kalshi", "api_key", "age_days"), "200") << r.out;
  EXPECT_EQ(json_member(r.out, "kalshi", "api_key", "status"), "\"rotation-due\"") << r.out;
  EXPECT_EQ(json_member(r.out, "kalshi", "api_secret", "age_days"), "30") << r.out;
  EXPECT_EQ(json_member(r.out, "kalshi", "api_secret", "status"), "\"present\"") << r.out;
  expect_clean(r, "check-keys of a sealed secret");
  // git itself, independently: the commit that introduced each ciphertext (pickaxe search).
  auto author_time = [&](const std::string &text) {
    return std::stoll(git("log -1 --format=%at -S" + text + " -- " + path));
  };
  auto last_set = [&](const std::string &field) {
    std::string text = json_member(r.out, "kalshi", field, "last_set"); // "2025-...Z"
    std::tm tm{};
    strptime(text.c_str() + 1, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return static_cast<int64_t>(timegm(&tm));
  };
  EXPECT_EQ(last_set("api_key"), author_time("AgKeyFirstSealing0001"));
  EXPECT_EQ(last_set("api_secret"), author_time("AgSecretSecondSealing2"));

  // Sealed again but not committed yet: counts as today.
  write_repo_file(path, manifest("AgKeyThirdSealing00003", "AgSecretSecondSealing2"));
  auto pending = ssmd({"env", "check-keys", "sealed", "-o", "json"});
  EXPECT_EQ(json_member(pending.out, "kalshi", "api_key", "age_days"), "0") << pending.out;
  EXPECT_EQ(json_member(pending.out, "kalshi", "api_secret", "age_days"), "30") << pending.out;
}

// A history in which the manifest's path once held 300 MiB: the host reads each version's size from its object
// header and refuses it unread (peak memory stays far below 256 MiB; the figure is printed for the record), the
// field that reaches back past it has no known age, the field dated after it keeps its date, and a warning
// names the manifest.
TEST_F(SecretsRotation, AHugeVersionInTheManifestsHistoryIsNeverReadAndLeavesThatAgeUnknown) {
  git_init();
  write_environment("sealed", environment("sealed", {{"kalshi", "sealed-secret/kalshi-creds"}}));
  mount("kalshi-creds", "api_key", kSealedCanary);
  mount("kalshi-creds", "api_secret", kSealedCanary);
  const std::string path = "exchanges/sealed-secrets/kalshi-creds.yaml";
  write_repo_file(path, manifest("AgKeyFirstSealing0001", "AgSecretFirstSealing01"));
  git("add -A");
  git("commit -q -m 'seal kalshi-creds'", at(200));
  // 300 MiB of zeros (a sparse file outside the repository), stored straight into a pack, then committed at
  // the manifest's path without touching the working tree.
  const std::string huge = (repo().parent_path() / "huge.bin").string();
  ASSERT_EQ(run_shell("truncate -s 314572800 " + huge).exit_code, 0);
  std::string id = git("-c core.bigFileThreshold=1m hash-object -w --no-filters " + huge);
  id.erase(id.find_last_not_of('\n') + 1);
  git("update-index --cacheinfo 100644," + id + "," + path);
  git("commit -q -m 'a huge manifest'", at(150));
  write_repo_file(path, manifest("AgKeyFirstSealing0001", "AgSecretFirstSealing01"));
  git("commit -q -am 'the manifest again'", at(100));
  write_repo_file(path, manifest("AgKeyFirstSealing0001", "AgSecretSecondSealing2"));
  git("commit -q -am 'seal api_secret again'", at(30));

  auto r = ssmd({"env", "check-keys", "sealed"});
  std::cout << "[ peak RSS ] " << r.peak_rss_kib / 1024 << " MiB  ssmd env check-keys over a 300 MiB version\n";
  EXPECT_LT(r.peak_rss_kib, 256 * 1024) << r.err;
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has_row(r.out, {"kalshi", "api_key", "sealed-secret/kalshi-creds", "unknown-age", "-"})) << r.out;
  EXPECT_TRUE(has_row(r.out, {"kalshi", "api_secret", "sealed-secret/kalshi-creds", "present", "30d"})) << r.out;
  EXPECT_TRUE(has(r.err, "warning: ")) << r.err;
  EXPECT_TRUE(has(r.err, "the git history of " + path + " cannot be read to its end")) << r.err;
  EXPECT_TRUE(has(r.err, "the age of `api_key` is unknown [sealed-secret/history]")) << r.err;
  expect_clean(r, "check-keys over a huge version");

  // The commit that held it: the manifest is there but unreadable, an error at that file, not "missing".
  auto at_huge = ssmd({"validate", "--at", "HEAD~2"});
  std::cout << "[ peak RSS ] " << at_huge.peak_rss_kib / 1024 << " MiB  ssmd validate --at HEAD~2 (the huge version)\n";
  EXPECT_LT(at_huge.peak_rss_kib, 256 * 1024) << at_huge.err;
  EXPECT_EQ(at_huge.exit_code, 1) << at_huge.out << at_huge.err;
  const std::string finding = line_containing(at_huge.out + at_huge.err, "[sealed-secret/manifest-invalid]");
  EXPECT_TRUE(has(finding, path + ":1:1: error: ")) << at_huge.out << at_huge.err;
  EXPECT_TRUE(has(finding, "cannot be read: the host refused it")) << finding;
  EXPECT_FALSE(has(line_containing(at_huge.out + at_huge.err, "no SealedSecret `kalshi-creds`"), "manifest-missing"))
      << at_huge.out << at_huge.err;
  // The same for a working tree's manifest over 16 MiB (sparse: nothing on disk).
  ASSERT_EQ(run_shell("truncate -s 20000000 " + (repo() / path).string()).exit_code, 0);
  auto working = ssmd({"validate"});
  EXPECT_EQ(working.exit_code, 1) << working.out << working.err;
  EXPECT_TRUE(has(line_containing(working.out + working.err, "[sealed-secret/manifest-invalid]"), "cannot be read"))
      << working.out << working.err;
  EXPECT_FALSE(has(line_containing(working.out + working.err, "no SealedSecret `kalshi-creds`"), "manifest-missing"))
      << working.out << working.err;
}

TEST_F(SecretsRotation, ASealedManifestOutsideGitHasNoKnownAge) {
  write_environment("sealed", environment("sealed", {{"kalshi", "sealed-secret/kalshi-creds"}}));
  mount("kalshi-creds", "api_key", kSealedCanary);
  mount("kalshi-creds", "api_secret", kSealedCanary);
  write_repo_file("exchanges/sealed-secrets/kalshi-creds.yaml", manifest("AgKey0000000001", "AgSecret00000001"));
  auto r = ssmd({"env", "check-keys", "sealed"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has_row(r.out, {"kalshi", "api_key", "sealed-secret/kalshi-creds", "unknown-age", "-"})) << r.out;
}

TEST_F(SecretsRotation, AllChecksEveryEnvironmentInOneRunWithASummaryEach) {
  write_environment("aged", environment("aged", {{"old", "vault/secret/aged/120"}}));
  write_environment("dev", environment("dev", {{"kalshi", "vault/secret/ssmd/kalshi"}}, ""));
  write_environment("prod", environment("prod", {{"kalshi", "vault/secret/ssmd/kalshi"}, {"more", "vault/secret/ssmd/kalshi"}}, ""));
  const auto before = vault_log_lines(vault().log);
  auto r = ssmd({"env", "check-keys", "--all"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(has_row(r.out, {"prod", "more", "api_key", "vault/secret/ssmd/kalshi", "present"})) << r.out;
  for (const std::string line : {"aged: 2 fields: 2 rotation-due", "canary: 5 fields: 5 present",
                                 "dev: 2 fields: 2 present", "prod: 4 fields: 4 present"})
    EXPECT_TRUE(has(r.out, "\n" + line + "\n")) << line << "\n" << r.out;
  // Three keys in two environments share one secret: it was read once in the run.
  const auto after = vault_log_lines(vault().log);
  size_t reads = 0;
  for (size_t i = before.size(); i < after.size(); ++i) reads += after[i].rfind("/v1/secret/data/ssmd/kalshi ", 0) == 0;
  EXPECT_EQ(reads, 1u) << r.out;
  expect_clean(r, "check-keys --all");

  auto json = ssmd({"env", "check-keys", "--all", "-o", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(has(json.out, "\"environments\": [")) << json.out;
  EXPECT_TRUE(has(json.out, "\"rotation-due\": 2")) << json.out;
  EXPECT_EQ(ssmd({"env", "check-keys", "--all", "--fail-on", "rotation-due"}).exit_code, 1);
  EXPECT_EQ(ssmd({"env", "check-keys"}).exit_code, 2);
  EXPECT_EQ(ssmd({"env", "check-keys", "dev", "--all"}).exit_code, 2);
}
