// `ssmd validate --at REF`: the whole check (core rules, feed plugins, the Cap'n Proto checker, the
// sealed-secret backend) runs on a commit's files read from git's objects, whatever the working tree holds,
// and nothing in the working tree is read or written.
#include "git_fixture.hpp"

#include <gtest/gtest.h>


namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

bool has(const std::string &text, const std::string &needle) { return text.find(needle) != std::string::npos; }


void replace_in(const GitRepo &repo, const std::string &relative, const std::string &from, const std::string &to) {
  std::string text = repo.read(relative);
  size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  repo.write(relative, text.replace(at, from.size(), to));
}

const std::string kKalshiFeed = "exchanges/feeds/kalshi.yaml";
const std::string kGoodEndpoint = "wss://api.elections.kalshi.com/trade-api/ws/v2";
const std::string kSealedManifest = "exchanges/sealed-secrets/kalshi-prod.yaml";
const std::string kTradeV1 = "exchanges/schemas/trade.v1.capnp";

// HEAD~1: the bundled repository, valid. HEAD: three problems, one per kind of checker — a feed plugin
// finding (an endpoint off Kalshi's host), a sealed-secret finding (the manifest deleted) and a Cap'n Proto
// finding (trade v1 rewritten with a syntax error and its hash updated to match). The working tree is
// then restored to the valid files, uncommitted.
class ValidateAtRef : public ::testing::Test {
protected:
  void SetUp() override {
    fs::copy(source_dir() / "exchanges", repo.root() / "exchanges", fs::copy_options::recursive);
    repo.commit_all("bundled");
    good_manifest = repo.read(kSealedManifest);
    good_trade = repo.read(kTradeV1);
    good_trade_yaml = repo.read("exchanges/schemas/trade.yaml");

    replace_in(repo, kKalshiFeed, kGoodEndpoint, "wss://api.example.com/trade-api/ws/v2");
    repo.remove(kSealedManifest);
    std::string broken = good_trade + "\nstruct Broken {\n  field @0 :NoSuchType;\n}\n";
    repo.write(kTradeV1, broken);
    replace_in(repo, "exchanges/schemas/trade.yaml", ssmd::sha256_hex(good_trade), ssmd::sha256_hex(broken));
    repo.commit_all("three problems");

    replace_in(repo, kKalshiFeed, "wss://api.example.com/trade-api/ws/v2", kGoodEndpoint);
    repo.write(kSealedManifest, good_manifest);
    repo.write(kTradeV1, good_trade);
    repo.write("exchanges/schemas/trade.yaml", good_trade_yaml);
  }

  RunResult validate(std::vector<std::string> args) const {
    args.insert(args.begin(), "validate");
    return repo.ssmd(args);
  }

  GitRepo repo;
  std::string good_manifest, good_trade, good_trade_yaml;
};

} // namespace

TEST_F(ValidateAtRef, ACommitsProblemsAreFoundThoughTheWorkingTreeIsClean) {
  auto working = validate({"--no-cache"});
  EXPECT_EQ(working.exit_code, 0) << "the working tree holds the valid files\n" << working.out << working.err;

  auto head = validate({"--at", "HEAD"});
  EXPECT_EQ(head.exit_code, 1) << head.out << head.err;
  EXPECT_TRUE(has(head.out, "[kalshi/endpoint-host]")) << head.out;
  EXPECT_TRUE(has(head.out, "[sealed-secret/manifest-missing]")) << "the backend read the commit, not the disk\n"
                                                                  << head.out;
  EXPECT_TRUE(has(head.out, "NoSuchType")) << "the Cap'n Proto checker read the commit's file\n" << head.out;
  // Positions are the commit's: the bad endpoint sits on the line it has in HEAD's feed file.
  std::string committed = repo.git_ok("show HEAD:" + kKalshiFeed);
  size_t at = committed.find("wss://api.example.com");
  ASSERT_NE(at, std::string::npos);
  size_t line = 1 + static_cast<size_t>(std::count(committed.begin(), committed.begin() + static_cast<long>(at), '\n'));
  EXPECT_TRUE(has(head.out, kKalshiFeed + ":" + std::to_string(line) + ":")) << head.out;

  auto before = validate({"--at", "HEAD~1"});
  EXPECT_EQ(before.exit_code, 0) << before.out << before.err;
}

TEST_F(ValidateAtRef, NothingInTheWorkingTreeIsReadOrWritten) {
  const auto files_before = work_tree_files(repo.root());
  auto r = validate({"--at", "HEAD", "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(work_tree_files(repo.root()), files_before) << "no cache, no state directory, no temporary file";
  EXPECT_FALSE(fs::exists(repo.root() / ".ssmd")) << "--at neither reads nor writes .ssmd/cache";
  // A later working-tree run is unaffected by what the commit held.
  auto working = validate({});
  EXPECT_EQ(working.exit_code, 0) << working.out;
}

TEST_F(ValidateAtRef, AnUnknownRevisionIsAClearError) {
  auto r = validate({"--at", "no-such-branch"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(has(r.err, "unknown revision 'no-such-branch'")) << r.err;
  auto empty = validate({"--at", ""});
  EXPECT_EQ(empty.exit_code, 2) << empty.err;
}
