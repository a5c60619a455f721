// registry::Repository over a git commit: names, loads and schema folder listings come from the commit's
// objects, never from the working tree, and the overlay still comes first.
#include "registry/repository.hpp"

#include "../e2e/git_fixture.hpp"
#include "git/commit_reader.hpp"
#include "registry/schema_files.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::registry;
using namespace ssmd::test;
using Names = std::vector<std::string>;

namespace {
struct History : GitRepo {
  History() {
    write("exchanges/feeds/alpha.yaml", feed_yaml("alpha", {"v1"}));
    write("exchanges/schemas/trade.yaml", "name: trade\nformat: fmt\nschema_file: trade.v1.fmt\nversions: []\n");
    write("exchanges/schemas/trade.v1.fmt", "first\n");
    write("exchanges/schemas/shared/common.fmt", "common\n");
    commit_all("first");
    write("exchanges/feeds/alpha.yaml", feed_yaml("alpha", {"v1", "v2"}));
    write("exchanges/feeds/beta.yaml", feed_yaml("beta", {"v1"}));
    write("exchanges/schemas/trade.v1.fmt", "second\n");
    commit_all("second");
    write("exchanges/feeds/gamma.yaml", feed_yaml("gamma", {"v1"}));
    write("exchanges/schemas/trade.v1.fmt", "uncommitted\n");
  }
  Repository at(const std::string &ref, Overlay overlay = {}) const {
    return Repository(root(), git::commit_reader(root(), ref), std::move(overlay));
  }
};
} // namespace

TEST(RegistryAtCommit, NamesAndFilesComeFromTheCommit) {
  History repo;
  Repository first = repo.at("HEAD~1");
  EXPECT_FALSE(first.reads_working_tree());
  EXPECT_EQ(first.names(Kind::Feed), Names{"alpha"});
  EXPECT_EQ(first.read("exchanges/schemas/trade.v1.fmt"), "first\n");
  EXPECT_EQ(first.schema_folder_files(), (Names{"shared/common.fmt", "trade.v1.fmt"}));
  ASSERT_NE(first.feed("alpha"), nullptr);
  ASSERT_TRUE(first.feed("alpha")->model);
  EXPECT_EQ(first.feed("alpha")->model->versions.size(), 1u);
  EXPECT_EQ(first.feed("beta"), nullptr);
  EXPECT_NE(first.describe().find("(HEAD~1)"), std::string::npos) << first.describe();

  Repository head = repo.at("HEAD");
  EXPECT_EQ(head.names(Kind::Feed), (Names{"alpha", "beta"}));
  EXPECT_EQ(head.feed("alpha")->model->versions.size(), 2u);
  EXPECT_EQ(head.read("exchanges/schemas/trade.v1.fmt"), "second\n");

  Repository work(repo.root());
  EXPECT_TRUE(work.reads_working_tree());
  EXPECT_EQ(work.names(Kind::Feed), (Names{"alpha", "beta", "gamma"}));
  EXPECT_EQ(work.read("exchanges/schemas/trade.v1.fmt"), "uncommitted\n");
  EXPECT_EQ(work.describe(), "the working tree");
}

TEST(RegistryAtCommit, TheOverlayComesFirst) {
  History repo;
  Repository first = repo.at("HEAD~1", {{"exchanges/feeds/delta.yaml", feed_yaml("delta", {"v1"})},
                                        {"exchanges/feeds/alpha.yaml", std::nullopt}});
  EXPECT_EQ(first.names(Kind::Feed), Names{"delta"});
  EXPECT_EQ(first.read("exchanges/feeds/alpha.yaml"), std::nullopt);
}

TEST(RegistryAtCommit, FeedCacheIsNeverWrittenAtACommit) {
  History repo;
  Repository first = repo.at("HEAD~1");
  ASSERT_TRUE(first.feed("alpha")->model);
  EXPECT_FALSE(std::filesystem::exists(repo.root() / ".ssmd"));
  Repository work(repo.root(), {}, ReadCache::Use);
  ASSERT_TRUE(work.feed("alpha")->model);
  EXPECT_TRUE(std::filesystem::exists(repo.root() / ".ssmd/cache/feeds/alpha.bin")) << "the working tree does cache";
}

TEST(RegistryAtCommit, SymlinksInTheWorkingTreeDoNotMatterAtACommit) {
  History repo;
  // A link that leaves exchanges/schemas/ is refused in the working tree; a commit has no such link.
  std::filesystem::create_symlink("/etc/hostname", repo.root() / "exchanges/schemas/outside.fmt");
  Repository work(repo.root());
  EXPECT_TRUE(schema_file_problem(work, "outside.fmt").has_value());
  Repository first = repo.at("HEAD~1");
  EXPECT_EQ(schema_file_problem(first, "outside.fmt"), std::nullopt);
  EXPECT_EQ(first.read("exchanges/schemas/outside.fmt"), std::nullopt);
}
