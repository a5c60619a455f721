// `ssmd publish` against a real etcd, checked with etcdctl as an independent reader: the first publish,
// a republish that changes nothing (and writes nothing), a new feed version, --dry-run, --check, the
// refusals (uncommitted changes, a commit that does not descend from the published one) and where the
// destination may come from.
#include "publish_fixture.hpp"

#include "core/sha256.hpp"

#include <ssmd_json/strict_json.hpp>

#include <chrono>
#include <cstdio>
#include <set>

using namespace ssmd;
using namespace ssmd::test;

namespace {

using strict_json::Json;

Json parse(const std::string &text) {
  Json node;
  auto error = strict_json::parse(text, node);
  EXPECT_FALSE(error) << (error ? error->message : "") << "\n" << text;
  return node;
}

std::vector<std::string> keys_under(const EtcdServer &etcd, const std::string &prefix) {
  RunResult r = etcd.etcdctl("get --prefix --keys-only '" + prefix + "/'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> keys;
  size_t pos = 0;
  while (pos < r.out.size()) {
    size_t end = r.out.find('\n', pos);
    std::string line = r.out.substr(pos, end - pos);
    if (!line.empty()) keys.push_back(line);
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return keys;
}

} // namespace

TEST(Publish, TheFirstPublishWritesEveryEnvironmentResolvedAndTheIndex) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  RunResult r = repo.publish({"--all", "--to", etcd.url(prefix)});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "+ environments/kalshi-dev")) << r.out;
  EXPECT_TRUE(contains(r.out, "in 1 batch (one atomic write)")) << r.out;

  EXPECT_EQ(keys_under(etcd, prefix),
            (std::vector<std::string>{prefix + "/environments/kalshi-dev", prefix + "/environments/kalshi-prod",
                                      prefix + "/environments/polymarket-dev", prefix + "/index"}));
  Json index = parse(etcd.get(prefix + "/index"));
  EXPECT_EQ(index.at("format"), "ssmd.index/1");
  EXPECT_TRUE(index.at("complete").get<bool>());
  EXPECT_EQ(index.at("commit"), repo.head());
  EXPECT_EQ(index.at("ref"), "refs/heads/main");
  EXPECT_EQ(index.at("by"), "Jane Doe <jane@example.com>");
  ASSERT_EQ(index.at("environments").size(), 3u);

  Json doc = parse(etcd.get(prefix + "/environments/kalshi-dev"));
  EXPECT_EQ(doc.at("format"), "ssmd.environment/1");
  EXPECT_EQ(doc.at("name"), "kalshi-dev");
  // The feed with its whole timeline, so a connector switches at an effective_from without a publish.
  const Json &feed = doc.at("feed");
  EXPECT_EQ(feed.at("name"), "kalshi-demo");
  EXPECT_GE(feed.at("versions").size(), 1u);
  EXPECT_TRUE(feed.at("versions")[0].at("endpoint").is_string());
  // Schema versions carry the declared hash and the hash of the file's bytes at the commit.
  const Json &trade = doc.at("schemas").at(0);
  EXPECT_EQ(trade.at("name"), "trade");
  EXPECT_EQ(trade.at("file"), "exchanges/schemas/trade.v1.capnp");
  EXPECT_EQ(trade.at("file_sha256"), "sha256:" + sha256_hex(repo.read("exchanges/schemas/trade.v1.capnp")));
  EXPECT_EQ(trade.at("hash"), trade.at("file_sha256"));
  // Key references, never values.
  const Json &key = doc.at("keys").at("kalshi");
  EXPECT_EQ(key.at("source"), "env");
  EXPECT_EQ(key.at("fields").size(), 2u);
  EXPECT_FALSE(key.contains("value"));
  EXPECT_EQ(doc.at("transport").at("type"), "nats");
  const Json &published = doc.at("published");
  EXPECT_EQ(published.at("commit"), repo.head());
  EXPECT_EQ(published.at("at").get<std::string>().size(), 20u) << published.at("at"); // 2025-07-01T09:30:00Z
}

TEST(Publish, ARepublishWithNoChangeWritesNothing) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  ASSERT_EQ(repo.publish({"--all", "--to", etcd.url(prefix)}).exit_code, 0);
  const uint64_t index_revision = etcd.mod_revision(prefix + "/index");
  const uint64_t before = etcd.revision();
  // A commit that changes no environment (it touches no metadata) is not a change either.
  repo.write("README.md", "notes\n");
  repo.commit_all("A readme");
  RunResult r = repo.publish({"--all", "--to", etcd.url(prefix)});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "up to date")) << r.out;
  EXPECT_TRUE(contains(r.out, "nothing written")) << r.out;
  EXPECT_EQ(etcd.revision(), before) << "the store's revision moved: something was written";
  EXPECT_EQ(etcd.mod_revision(prefix + "/index"), index_revision);
}

TEST(Publish, ANewFeedVersionRewritesTheEnvironmentsOfThatFeedOnly) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  ASSERT_EQ(repo.publish({"--all", "--to", etcd.url(prefix)}).exit_code, 0);
  const uint64_t dev = etcd.mod_revision(prefix + "/environments/kalshi-dev");
  const uint64_t prod = etcd.mod_revision(prefix + "/environments/kalshi-prod");

  // kalshi-prod runs on feed kalshi; kalshi-dev on kalshi-demo.
  RunResult added = repo.ssmd({"feed", "add-version", "kalshi", "--version", "v9", "--effective-from", "2031-01-01",
                               "--endpoint", "wss://api.elections.kalshi.com/trade-api/ws/v2"});
  ASSERT_EQ(added.exit_code, 0) << added.out << added.err;
  repo.commit_all("Kalshi v9 from 2031");
  RunResult r = repo.publish({"--all", "--to", etcd.url(prefix)});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "~ environments/kalshi-prod")) << r.out;
  EXPECT_TRUE(contains(r.out, "feed.versions[")) << r.out;
  EXPECT_FALSE(contains(r.out, "environments/kalshi-dev")) << r.out;

  EXPECT_EQ(etcd.mod_revision(prefix + "/environments/kalshi-dev"), dev);
  EXPECT_GT(etcd.mod_revision(prefix + "/environments/kalshi-prod"), prod);
  Json doc = parse(etcd.get(prefix + "/environments/kalshi-prod"));
  EXPECT_EQ(doc.at("feed").at("versions").back().at("version"), "v9");
  EXPECT_EQ(doc.at("published").at("commit"), repo.head());
  EXPECT_EQ(parse(etcd.get(prefix + "/index")).at("commit"), repo.head());
  // Both documents land in the same transaction as the index: the same revision.
  EXPECT_EQ(etcd.mod_revision(prefix + "/index"), etcd.mod_revision(prefix + "/environments/kalshi-prod"));
}

TEST(Publish, DryRunPrintsTheChangesAndWritesNothing) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  const uint64_t before = etcd.revision();
  RunResult r = repo.publish({"--all", "--dry-run", "--to", etcd.url(prefix)});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "would publish")) << r.out;
  EXPECT_TRUE(contains(r.out, "+ environments/polymarket-dev")) << r.out;
  EXPECT_TRUE(contains(r.out, "nothing written")) << r.out;
  EXPECT_EQ(etcd.revision(), before);
  EXPECT_TRUE(keys_under(etcd, prefix).empty());
}

TEST(Publish, DryRunNamesEachDifferenceAgainstWhatTheStoreHoldsAndWritesNothing) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  ASSERT_EQ(repo.publish({"--all", "--to", etcd.url(prefix)}).exit_code, 0);
  std::string dev = repo.read("exchanges/environments/kalshi-dev.yaml");
  ASSERT_TRUE(contains(dev, "nats://localhost:4222"));
  dev.replace(dev.find("nats://localhost:4222"), 21, "nats://x:4222");
  repo.write("exchanges/environments/kalshi-dev.yaml", dev);
  repo.commit_all("A new transport");
  const uint64_t before = etcd.revision();

  RunResult r = repo.publish({"--all", "--dry-run", "--to", etcd.url(prefix)});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "  ~ environments/kalshi-dev\n      transport.url: \"nats://localhost:4222\" → "
                              "\"nats://x:4222\"\n"))
      << r.out;
  EXPECT_FALSE(contains(r.out, "environments/kalshi-prod")) << r.out;
  EXPECT_TRUE(contains(r.out, "  ~ index\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "1 environment and the index would be written in 1 batch; nothing written")) << r.out;
  EXPECT_EQ(etcd.revision(), before);
  EXPECT_TRUE(contains(etcd.get(prefix + "/environments/kalshi-dev"), "nats://localhost:4222"));
}

TEST(Publish, CheckNamesEachDifferenceAndExitsOne) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  ASSERT_EQ(repo.publish({"--all", "--to", etcd.url(prefix)}).exit_code, 0);
  RunResult clean = repo.publish({"--all", "--check", "--to", etcd.url(prefix)});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_TRUE(contains(clean.out, "no drift")) << clean.out;

  // Someone edits etcd by hand: an endpoint changed, a document removed, a stray one added.
  std::string prod = etcd.get(prefix + "/environments/kalshi-prod");
  const std::string from = "wss://api.elections.kalshi.com";
  ASSERT_TRUE(contains(prod, from));
  prod.replace(prod.find(from), from.size(), "wss://evil.example.com");
  ASSERT_EQ(etcd.etcdctl("put '" + prefix + "/environments/kalshi-prod' '" + prod + "'").exit_code, 0);
  ASSERT_EQ(etcd.etcdctl("del '" + prefix + "/environments/polymarket-dev'").exit_code, 0);
  ASSERT_EQ(etcd.etcdctl("put '" + prefix + "/environments/stray' '{}'").exit_code, 0);

  RunResult drift = repo.publish({"--all", "--check", "--to", etcd.url(prefix)});
  EXPECT_EQ(drift.exit_code, 1) << drift.out << drift.err;
  EXPECT_TRUE(contains(drift.out, "environments/kalshi-prod: feed.versions[0].endpoint: \"wss://evil.example.com"))
      << drift.out;
  EXPECT_TRUE(contains(drift.out, "environments/polymarket-dev: missing from the store")) << drift.out;
  EXPECT_TRUE(contains(drift.out, "environments/stray: in the store, but the commit has no such environment"))
      << drift.out;

  // Publishing repairs it, and removes the stray document under --all.
  RunResult fix = repo.publish({"--all", "--to", etcd.url(prefix)});
  ASSERT_EQ(fix.exit_code, 0) << fix.out << fix.err;
  EXPECT_TRUE(contains(fix.out, "- environments/stray")) << fix.out;
  EXPECT_EQ(repo.publish({"--all", "--check", "--to", etcd.url(prefix)}).exit_code, 0);
  EXPECT_EQ(etcd.get(prefix + "/environments/stray"), "");
}

TEST(Publish, NamedEnvironmentsLeaveTheOthersAlone) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  RunResult r = repo.publish({"kalshi-dev", "--to", etcd.url(prefix)});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(keys_under(etcd, prefix),
            (std::vector<std::string>{prefix + "/environments/kalshi-dev", prefix + "/index"}));
  ASSERT_EQ(repo.publish({"polymarket-dev", "--to", etcd.url(prefix)}).exit_code, 0);
  Json index = parse(etcd.get(prefix + "/index"));
  ASSERT_EQ(index.at("environments").size(), 2u);
  EXPECT_EQ(index.at("environments")[0], "kalshi-dev");
  EXPECT_EQ(index.at("environments")[1], "polymarket-dev");

  RunResult unknown = repo.publish({"kalshi-stage", "--to", etcd.url(prefix)});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.out << unknown.err;
  EXPECT_TRUE(contains(unknown.err, "no environment named 'kalshi-stage'")) << unknown.err;
}

TEST(Publish, UncommittedChangesAreRefused) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  repo.write("exchanges/environments/kalshi-dev.yaml",
             repo.read("exchanges/environments/kalshi-dev.yaml") + "# an edit not yet committed\n");
  RunResult r = repo.publish({"--all", "--to", etcd.url(prefix)});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "uncommitted metadata changes: exchanges/environments/kalshi-dev.yaml (modified)")) << r.err;
  EXPECT_TRUE(contains(r.err, "commit them first")) << r.err;
  EXPECT_TRUE(keys_under(etcd, prefix).empty());
  // --dry-run refuses too (it shows what publishing would do); --check compares the commit and may run.
  EXPECT_EQ(repo.publish({"--all", "--dry-run", "--to", etcd.url(prefix)}).exit_code, 1);
  RunResult check = repo.publish({"--all", "--check", "--to", etcd.url(prefix)});
  EXPECT_EQ(check.exit_code, 1) << check.err;
  EXPECT_TRUE(contains(check.out, "missing from the store")) << check.out;
}

TEST(Publish, ACommitThatDoesNotDescendFromThePublishedOneNeedsForce) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  const std::string base = repo.head();
  std::string dev = repo.read("exchanges/environments/kalshi-dev.yaml");
  ASSERT_TRUE(contains(dev, "nats://localhost:4222"));
  dev.replace(dev.find("nats://localhost:4222"), 21, "nats://x:4222");
  repo.write("exchanges/environments/kalshi-dev.yaml", dev);
  repo.commit_all("A new transport");
  ASSERT_EQ(repo.publish({"--all", "--to", etcd.url(prefix)}).exit_code, 0);
  const uint64_t before = etcd.revision();

  RunResult back = repo.publish({"--all", "--at", base, "--to", etcd.url(prefix)});
  EXPECT_EQ(back.exit_code, 1) << back.out << back.err;
  EXPECT_TRUE(contains(back.err, "does not descend from commit " + repo.head())) << back.err;
  EXPECT_TRUE(contains(back.err, "--force")) << back.err;
  EXPECT_EQ(etcd.revision(), before);

  RunResult forced = repo.publish({"--all", "--at", base, "--force", "--to", etcd.url(prefix)});
  EXPECT_EQ(forced.exit_code, 0) << forced.out << forced.err;
  EXPECT_EQ(parse(etcd.get(prefix + "/index")).at("commit"), base);
  EXPECT_EQ(parse(etcd.get(prefix + "/index")).at("ref"), base);
}

TEST(Publish, AtRefPublishesThatCommitWhateverIsCheckedOut) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  const std::string base = repo.head();
  repo.git_ok("tag v1");
  std::string dev = repo.read("exchanges/environments/kalshi-dev.yaml");
  dev.replace(dev.find("nats://localhost:4222"), 21, "nats://x:4222");
  repo.write("exchanges/environments/kalshi-dev.yaml", dev);
  repo.commit_all("A new transport");

  RunResult r = repo.publish({"--all", "--at", "v1", "--to", etcd.url(prefix)});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "publishing commit " + base.substr(0, 12) + " (v1)")) << r.out;
  Json doc = parse(etcd.get(prefix + "/environments/kalshi-dev"));
  EXPECT_EQ(doc.at("transport").at("url"), "nats://localhost:4222");
  EXPECT_EQ(doc.at("published").at("commit"), base);
  EXPECT_EQ(doc.at("published").at("ref"), "v1");
  Json index = parse(etcd.get(prefix + "/index"));
  EXPECT_EQ(index.at("commit"), base);
  EXPECT_EQ(index.at("ref"), "v1");

  // HEAD descends from v1: publishing it moves the store forward, and --check at v1 then sees drift.
  ASSERT_EQ(repo.publish({"--all", "--to", etcd.url(prefix)}).exit_code, 0);
  EXPECT_EQ(parse(etcd.get(prefix + "/environments/kalshi-dev")).at("transport").at("url"), "nats://x:4222");
  RunResult old = repo.publish({"--all", "--check", "--at", "v1", "--to", etcd.url(prefix)});
  EXPECT_EQ(old.exit_code, 1) << old.out << old.err;
  EXPECT_TRUE(contains(old.out, "environments/kalshi-dev: transport.url: \"nats://x:4222\" → \"nats://localhost:4222\""))
      << old.out;

  const uint64_t before = etcd.revision();
  RunResult unknown = repo.publish({"--all", "--at", "no-such-tag", "--to", etcd.url(prefix)});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.out << unknown.err;
  EXPECT_TRUE(contains(unknown.err, "unknown revision 'no-such-tag'")) << unknown.err;
  EXPECT_EQ(etcd.revision(), before);
}

TEST(Publish, TheFeedVersionInForceTodayIsNamedAndTheTimelineCarriesTheOthers) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  // A version in force since yesterday, and one that starts in 2031: the document carries all three, and
  // names the one in force on the day of the publish (UTC).
  const auto yesterday = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) - std::chrono::days(1));
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(yesterday.year()),
                static_cast<unsigned>(yesterday.month()), static_cast<unsigned>(yesterday.day()));
  for (auto [version, from] : {std::pair<std::string, std::string>{"v3", date}, {"v9", "2031-01-01"}}) {
    RunResult added = repo.ssmd({"feed", "add-version", "kalshi", "--version", version, "--effective-from", from,
                                 "--endpoint", "wss://api.elections.kalshi.com/trade-api/ws/v2"});
    ASSERT_EQ(added.exit_code, 0) << added.out << added.err;
  }
  repo.commit_all("Kalshi v3 from yesterday, v9 from 2031");
  ASSERT_EQ(repo.publish({"kalshi-prod", "--to", etcd.url(prefix)}).exit_code, 0);
  Json doc = parse(etcd.get(prefix + "/environments/kalshi-prod"));
  EXPECT_EQ(doc.at("published").at("feed_version_in_force"), "v3");
  const auto &versions = doc.at("feed").at("versions");
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].at("version"), "v2");
  EXPECT_EQ(versions[1].at("effective_from"), date);
  EXPECT_EQ(versions[2].at("effective_from"), "2031-01-01");
}

TEST(Publish, TheRepositoryCannotChooseTheDestination) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  // Both of the repository's own files point at the store; neither counts.
  repo.write(".ssmd/config.yaml", "publish:\n  to: " + etcd.url(prefix) + "\n");
  repo.write("ssmd.yaml", "version: 1\npublish:\n  to: " + etcd.url(prefix) + "\n");
  repo.commit_all("Settings that try to choose where to publish");
  RunResult r = repo.publish({"--all"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "sets publish.to, which is ignored")) << r.err;
  EXPECT_TRUE(keys_under(etcd, prefix).empty());
  // And validation says so where the team would look.
  RunResult validate = repo.ssmd({"validate"});
  EXPECT_EQ(validate.exit_code, 1) << validate.out << validate.err;
  EXPECT_TRUE(contains(validate.out + validate.err, "`publish` cannot be set in a committed file")) << validate.out;
  EXPECT_TRUE(contains(validate.out + validate.err, "settings/not-allowed")) << validate.out;

  // The user's own configuration is trusted, and so is SSMD_PUBLISH_TO.
  repo.write("../home/.config/ssmd/config.yaml", "publish:\n  to: " + etcd.url(prefix + "/user") + "\n");
  RunResult user = repo.publish({"--all"});
  EXPECT_EQ(user.exit_code, 0) << user.out << user.err;
  EXPECT_EQ(keys_under(etcd, prefix + "/user").size(), 4u);
  EXPECT_TRUE(contains(user.err, "warning: ignoring publish.to from")) << user.err;
  RunResult env = repo.publish({"--all"}, {{"SSMD_PUBLISH_TO", etcd.url(prefix + "/env")}});
  EXPECT_EQ(env.exit_code, 0) << env.out << env.err;
  EXPECT_EQ(keys_under(etcd, prefix + "/env").size(), 4u);
  // Where the repository pointed, nothing was ever written.
  EXPECT_EQ(etcd.get(prefix + "/index"), "");
  EXPECT_TRUE(etcd.etcdctl("get --prefix --keys-only '" + prefix + "/environments/'").out.empty());
}

TEST(Publish, UsageErrorsAreExitTwo) {
  PublishRepo repo;
  const std::string url = EtcdServer::shared().url(test_prefix());
  EXPECT_EQ(repo.publish({"--to", url}).exit_code, 2) << "neither ENV nor --all";
  EXPECT_EQ(repo.publish({"kalshi-dev", "--all", "--to", url}).exit_code, 2);
  EXPECT_EQ(repo.publish({"--all", "--check", "--dry-run", "--to", url}).exit_code, 2);
  RunResult no_prefix = repo.publish({"--all", "--to", "etcd://127.0.0.1:2379"});
  EXPECT_EQ(no_prefix.exit_code, 2);
  EXPECT_TRUE(contains(no_prefix.err, "needs a key prefix")) << no_prefix.err;
  RunResult credentials = repo.publish({"--all", "--to", "etcd://root:secret@127.0.0.1:2379/x"});
  EXPECT_EQ(credentials.exit_code, 2);
  EXPECT_FALSE(contains(credentials.err, "secret")) << credentials.err;
  RunResult scheme = repo.publish({"--all", "--to", "consul://127.0.0.1:8500/x"});
  EXPECT_EQ(scheme.exit_code, 3) << scheme.err;
  EXPECT_TRUE(contains(scheme.err, "no plugin provides publisher 'consul'")) << scheme.err;
}

TEST(Publish, AnUnreachableStoreIsExitThree) {
  PublishRepo repo;
  RunResult r = repo.publish({"--all", "--to", "etcd://127.0.0.1:" + std::to_string(free_port()) + "/x"},
                             {{"ETCDCTL_DIAL_TIMEOUT", "300ms"}});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "cannot read etcd://127.0.0.1:")) << r.err;
  EXPECT_TRUE(contains(r.err, "no etcd server answered")) << r.err;
}

namespace {

// The ```json blocks of docs/publish.md that are JSON Schemas: the environment document's, then the index's.
std::vector<Json> documented_schemas() {
  const std::string md = read_file(source_dir() / "docs/publish.md");
  std::vector<Json> out;
  for (size_t at = md.find("```json\n"); at != std::string::npos; at = md.find("```json\n", at + 1)) {
    size_t start = at + 8, end = md.find("```", start);
    std::string block = md.substr(start, end - start);
    if (contains(block, "\"$schema\"")) out.push_back(parse(block));
  }
  return out;
}

std::set<std::string> members(const Json &object) {
  std::set<std::string> out;
  for (auto it = object.begin(); it != object.end(); ++it) out.insert(it.key());
  return out;
}

std::set<std::string> required(const Json &schema) {
  std::set<std::string> out;
  for (const auto &item : schema.at("required")) out.insert(item.get<std::string>());
  return out;
}

} // namespace

// The JSON Schema connectors are told to use must name exactly what ssmd writes.
TEST(Publish, TheDocumentedJsonSchemaNamesEveryMemberOfWhatIsWritten) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  const std::string prefix = test_prefix();
  ASSERT_EQ(repo.publish({"--all", "--to", etcd.url(prefix)}).exit_code, 0);
  auto schemas = documented_schemas();
  ASSERT_EQ(schemas.size(), 2u);
  const Json &env = schemas[0], &defs = env.at("$defs");
  Json doc = parse(etcd.get(prefix + "/environments/kalshi-prod"));
  EXPECT_EQ(members(doc), required(env));
  EXPECT_EQ(members(doc.at("published")), required(env.at("properties").at("published")));
  std::set<std::string> feed = members(doc.at("feed"));
  EXPECT_EQ(feed.erase("calendar"), 1u) << "kalshi has a calendar, the feed's one optional member";
  EXPECT_EQ(feed, required(env.at("properties").at("feed")));
  std::set<std::string> version = members(doc.at("feed").at("versions").at(0));
  version.erase("channels");
  EXPECT_EQ(version, required(defs.at("feed_version")));
  EXPECT_EQ(members(doc.at("schemas").at(0)), required(defs.at("schema_version")));
  EXPECT_EQ(members(doc.at("keys").at("kalshi")), required(defs.at("key")));
  EXPECT_EQ(members(parse(etcd.get(prefix + "/index"))), required(schemas[1]));
}
