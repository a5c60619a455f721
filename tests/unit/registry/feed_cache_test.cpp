// The feed cache: keyed by content (or by stat data that cannot be stale), never used by writers.
#include "registry/feed_cache.hpp"
#include "registry/file_identity.hpp"
#include "registry/repository.hpp"
#include "registry/sha256.hpp"
#include "../registry_fixture.hpp"
#include "version.hpp"

#include <chrono>
#include <filesystem>
#include <gtest/gtest.h>
#include <thread>

using namespace ssmd;
using namespace ssmd::registry;
using ssmd::test::TempDir;

TEST(RegistryCache, SecondReadComesFromTheCacheWithTheSameModel) {
  TempDir dir;
  test::write_fixture(dir);
  {
    Repository first(dir.path(), {}, ReadCache::Use);
    ASSERT_TRUE(first.feed("acme")->doc); // parsed, and stored
  }
  EXPECT_TRUE(std::filesystem::exists(dir.path() / ".ssmd/cache/feeds/acme.bin"));
  Repository parsed(dir.path());
  Repository cached(dir.path(), {}, ReadCache::Use);
  const LoadedFeed *a = parsed.feed("acme");
  const LoadedFeed *b = cached.feed("acme");
  EXPECT_FALSE(b->doc); // from the cache
  ASSERT_TRUE(a->model && b->model);
  EXPECT_EQ(encode_feed_cache("x", *a->model, a->diagnostics), encode_feed_cache("x", *b->model, b->diagnostics));
  EXPECT_EQ(b->model->versions[0].extra_values, std::vector<std::string>{"us-east"});
}

TEST(RegistryCache, AnyEditToTheFileMissesTheCache) {
  TempDir dir;
  test::write_fixture(dir);
  { Repository(dir.path(), {}, ReadCache::Use).feed("acme"); }
  std::string text = test::k_feed_yaml;
  text.replace(text.find("Acme Exchange"), 13, "Acme Markets!");
  dir.write("exchanges/feeds/acme.yaml", text); // same size, possibly the same mtime
  Repository cached(dir.path(), {}, ReadCache::Use);
  EXPECT_TRUE(cached.feed("acme")->doc);
  EXPECT_EQ(cached.feed("acme")->model->display_name, "Acme Markets!");
}

TEST(RegistryCache, EntriesForOtherBytesOrDamagedAreRejected) {
  Feed feed;
  feed.name = "acme";
  feed.versions.push_back(FeedVersion{});
  std::string entry = encode_feed_cache(sha256_tag("a"), feed, {});
  Feed out;
  Diagnostics diags;
  EXPECT_TRUE(decode_feed_cache(entry, sha256_tag("a"), out, diags));
  EXPECT_EQ(out.name, "acme");
  EXPECT_FALSE(decode_feed_cache(entry, sha256_tag("b"), out, diags));
  EXPECT_FALSE(decode_feed_cache(entry.substr(0, entry.size() - 3), sha256_tag("a"), out, diags));
  EXPECT_FALSE(decode_feed_cache("garbage", sha256_tag("a"), out, diags));
}

TEST(RegistryCache, AnEntryWrittenByAnotherSsmdVersionIsRejected) {
  Feed feed;
  feed.name = "acme";
  std::string entry = encode_feed_cache(sha256_tag("a"), feed, {});
  const std::string ours = std::string("ssmd ") + kVersion + "\n";
  ASSERT_NE(entry.find(ours), std::string::npos) << "the entry records the ssmd that wrote it";
  std::string older = entry;
  older.replace(older.find(ours), ours.size(), "ssmd 0.0.1\n");
  Feed out;
  Diagnostics diags;
  EXPECT_TRUE(decode_feed_cache(entry, sha256_tag("a"), out, diags));
  EXPECT_FALSE(decode_feed_cache(older, sha256_tag("a"), out, diags)) << "another release may parse differently";
}

TEST(RegistryCache, ARecentlyChangedFileHasNoTrustedIdentity) {
  TempDir dir;
  dir.write("a.yaml", "name: a\n");
  // Written just now: a second write in the same timestamp tick could go unseen, so it must be read.
  EXPECT_FALSE(stable_file_identity(dir.path() / "a.yaml", 1 << 20));
  EXPECT_FALSE(stable_file_identity(dir.path() / "missing.yaml", 1 << 20));
}

// Slow by design: a file's stat data is trusted only once it is two seconds old.
TEST(RegistryCache, AnUnchangedFileIsServedByItsStatDataAndAnyChangeIsStillSeen) {
  TempDir dir;
  test::write_fixture(dir);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  ASSERT_TRUE(stable_file_identity(dir.path() / "exchanges/feeds/acme.yaml", 1 << 20));
  { ASSERT_TRUE(Repository(dir.path(), {}, ReadCache::Use).feed("acme")->doc); } // parsed; stored with its identity
  {
    Repository trusted(dir.path(), {}, ReadCache::Use);
    const LoadedFeed *feed = trusted.feed("acme");
    ASSERT_TRUE(feed->model);
    EXPECT_FALSE(feed->doc);
    EXPECT_TRUE(feed->text.empty()); // not even read
    EXPECT_EQ(feed->model->display_name, "Acme Exchange");
  }
  // Any write changes the ctime, so the identity no longer matches and the new bytes are read.
  std::string text = test::k_feed_yaml;
  text.replace(text.find("Acme Exchange"), 13, "Acme Markets!");
  dir.write("exchanges/feeds/acme.yaml", text);
  {
    Repository edited(dir.path(), {}, ReadCache::Use);
    EXPECT_TRUE(edited.feed("acme")->doc);
    EXPECT_EQ(edited.feed("acme")->model->display_name, "Acme Markets!");
  }
}

TEST(RegistryCache, AHardLinkedFileIsNeverServedFromItsStatData) {
  TempDir dir;
  test::write_fixture(dir);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  { Repository(dir.path(), {}, ReadCache::Use).feed("acme"); }
  std::filesystem::create_hard_link(dir.path() / "exchanges/feeds/acme.yaml", dir.path() / "elsewhere.yaml");
  Repository linked(dir.path(), {}, ReadCache::Use);
  const LoadedFeed *feed = linked.feed("acme");
  EXPECT_FALSE(feed->model);
  ASSERT_FALSE(feed->diagnostics.empty());
  EXPECT_EQ(feed->diagnostics[0].rule, "io/hard-link");
}
