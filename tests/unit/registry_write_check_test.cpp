// The pieces of query-before-act that do not need plugins: the overlay as plugins see it, which errors
// refuse a change, and the checker a Transaction is given.
#include "core/atomic_file.hpp"
#include "core/errors.hpp"
#include "files/tree_reader.hpp"
#include "registry/change.hpp"
#include "registry/check.hpp"
#include "registry/repository.hpp"
#include "registry_fixture.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace ssmd;
using namespace ssmd::registry;
using ssmd::test::TempDir;
namespace fs = std::filesystem;

namespace {
Diagnostic error(std::string file, std::string rule, std::string message = "m") {
  return Diagnostic{std::move(file), 1, 1, Severity::Error, std::move(rule), std::move(message)};
}
} // namespace

TEST(OverlayReader, PluginsSeeThePendingFilesOverTheWorkingTree) {
  TempDir dir;
  ssmd::test::write_fixture(dir);
  Overlay change = {{"exchanges/schemas/trade.v9.fmt", std::string("pending definition\n")},
                    {"exchanges/feeds/acme.yaml", std::nullopt}};
  Repository repo(dir.path(), change);
  const files::TreeReader &files = repo.files();
  EXPECT_EQ(files.read("exchanges/schemas/trade.v9.fmt"), "pending definition\n");
  EXPECT_EQ(files.read("./exchanges/schemas//trade.v9.fmt"), "pending definition\n") << "paths are normalised first";
  EXPECT_EQ(files.read("exchanges/feeds/acme.yaml"), std::nullopt) << "a deleted file is missing";
  EXPECT_EQ(files.read("../outside"), std::nullopt);
  auto schemas = files.list_files("exchanges/schemas");
  EXPECT_NE(std::find(schemas.begin(), schemas.end(), "exchanges/schemas/trade.v9.fmt"), schemas.end());
  EXPECT_TRUE(std::is_sorted(schemas.begin(), schemas.end()));
  auto all = files.list_files("exchanges", true);
  EXPECT_NE(std::find(all.begin(), all.end(), "exchanges/schemas/trade.v9.fmt"), all.end());
  EXPECT_EQ(std::find(all.begin(), all.end(), "exchanges/feeds/acme.yaml"), all.end());
  auto top = files.list_files("exchanges");
  EXPECT_EQ(std::find(top.begin(), top.end(), "exchanges/schemas/trade.v9.fmt"), top.end()) << "not recursive";
  // Nothing reached the disk, and a repository without an overlay reads the disk as it is.
  EXPECT_FALSE(fs::exists(dir.path() / "exchanges/schemas/trade.v9.fmt"));
  EXPECT_TRUE(Repository(dir.path()).files().read("exchanges/feeds/acme.yaml").has_value());
}

TEST(OverlayReader, SurvivesAMoveOfItsRepository) {
  TempDir dir;
  ssmd::test::write_fixture(dir);
  Repository moved = [&] {
    Repository repo(dir.path(), Overlay{{"exchanges/schemas/new.fmt", std::string("x")}});
    return repo;
  }();
  EXPECT_EQ(moved.files().read("exchanges/schemas/new.fmt"), "x");
}

TEST(RefusingErrors, AddedErrorsAndUnavailablePluginsInChangedFilesButNotOldOrMissingOnes) {
  Overlay change = {{"exchanges/feeds/a.yaml", std::string("...")}};
  Diagnostics before = {error("exchanges/feeds/a.yaml", "plugin/unavailable"),
                        error("exchanges/feeds/a.yaml", "plugin/missing"),
                        error("exchanges/feeds/b.yaml", "plugin/unavailable"),
                        error("exchanges/feeds/a.yaml", "feed/old")};
  Diagnostics after = before;
  EXPECT_EQ(refusing_errors(before, after, change).size(), 1u) << "only the unavailable plugin of the changed file";
  EXPECT_EQ(refusing_errors(before, after, change)[0].rule, "plugin/unavailable");
  EXPECT_EQ(refusing_errors(before, after, change)[0].file, "exchanges/feeds/a.yaml");
  after.push_back(error("exchanges/feeds/a.yaml", "feed/new"));
  Diagnostics refused = refusing_errors(before, after, change);
  ASSERT_EQ(refused.size(), 2u);
  EXPECT_EQ(refused[0].rule, "feed/new");
  // An unavailable plugin that the change itself introduces is listed once, not twice.
  Diagnostics fresh = refusing_errors({}, {error("exchanges/feeds/a.yaml", "plugin/unavailable")}, change);
  EXPECT_EQ(fresh.size(), 1u);
  EXPECT_TRUE(refusing_errors(before, before, Overlay{{"exchanges/feeds/c.yaml", std::string("")}}).empty());
}

TEST(Transaction, RunsTheInjectedCheckerBeforeAndAfterAndWritesNothingOnRefusal) {
  TempDir dir;
  ssmd::test::write_fixture(dir);
  const std::string file = "exchanges/feeds/acme.yaml";
  const std::string old_text = ssmd::test::read_file(dir.path() / file);
  std::vector<bool> saw_overlay;
  // A checker that finds an error only in a repository whose pending file says "bad".
  Checker check = [&](Repository &repo) {
    saw_overlay.push_back(!repo.overlay().empty());
    Diagnostics out;
    if (repo.files().read(file).value_or("").find("bad") != std::string::npos) out.push_back(error(file, "acme/bad"));
    return out;
  };
  std::ostringstream out, err;
  {
    Transaction tx(dir.path(), check);
    EXPECT_EQ(tx.commit({{file, std::string("name: acme # bad\n")}}, out, err), 1);
    EXPECT_EQ(tx.refusal().size(), 1u);
  }
  EXPECT_EQ(saw_overlay, (std::vector<bool>{false, true}));
  EXPECT_NE(err.str().find("[acme/bad]"), std::string::npos) << err.str();
  EXPECT_EQ(ssmd::test::read_file(dir.path() / file), old_text);
  // A checker that cannot complete (a plugin crashed) stops the write with an environment error.
  {
    Transaction tx(dir.path(), [](Repository &) -> Diagnostics { throw EnvironmentError("plugin crashed"); });
    EXPECT_THROW(tx.commit({{file, std::string("name: acme\n")}}, out, err), EnvironmentError);
  }
  EXPECT_EQ(ssmd::test::read_file(dir.path() / file), old_text);
}

TEST(AtomicFile, DisposableWritesReplaceContentAndLeaveNoTemporary) {
  TempDir dir;
  auto path = dir.path() / "cache" / "entry.bin";
  ssmd::write_disposable_file_atomically(path, "one");
  ssmd::write_disposable_file_atomically(path, "two");
  EXPECT_EQ(ssmd::test::read_file(path), "two");
  size_t files = 0;
  for ([[maybe_unused]] auto &e : fs::directory_iterator(path.parent_path())) ++files;
  EXPECT_EQ(files, 1u);
}
