// A history that once held a 300 MB file. Every command that reads git objects (`ssmd log`, `--at REF`
// reads, `schema breaking --against`, `ssmd diff`) checks a blob's size from its object header before
// inflating it, so each stays far below 256 MiB of memory and names the file, its size and the limit
// instead of reading it. The same holds for a 300 MB file in the working tree. Memory is the child's peak
// resident set, as wait4 reports it (RunResult::peak_rss_kib); the figures are printed for the record.
#include "git_fixture.hpp"

#include <gtest/gtest.h>

#include <iostream>

using namespace ssmd::test;

namespace {

constexpr long k_budget_kib = 256 * 1024;
constexpr const char *k_huge_bytes = "314572800"; // 300 MiB
constexpr const char *k_limit_bytes = "16777216";  // kMaxRepositoryFileBytes

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

// Runs ssmd in `repo` and checks that it stayed within the budget, printing its peak memory.
RunResult measured(const GitRepo &repo, const std::vector<std::string> &args) {
  RunResult r = repo.ssmd(args);
  std::string shown = "ssmd";
  for (const auto &a : args) shown += " " + a;
  std::cout << "[ peak RSS ] " << r.peak_rss_kib / 1024 << " MiB  " << shown << "\n";
  EXPECT_LT(r.peak_rss_kib, k_budget_kib) << shown << "\n" << r.err;
  return r;
}

class HostileHistory : public ::testing::Test {
protected:
  void SetUp() override {
    repo_.write("exchanges/feeds/acme.yaml", feed_yaml("acme", {"v1"}));
    for (const auto &[path, text] : trade_schema_files()) repo_.write(path, text);
    repo_.write("exchanges/environments/dev.yaml", env_yaml("dev", "acme", "trade:v1"));
    repo_.commit_all("initial");
    // 300 MiB of zeros, stored straight into a pack (bigFileThreshold streams it): cheap to make, and a
    // reader that inflates it holds all 300 MiB.
    repo_.git_ok("-c core.bigFileThreshold=1m hash-object -w --no-filters " + huge_file().string());
    huge_id_ = repo_.git_ok("hash-object --no-filters " + huge_file().string());
    huge_id_.erase(huge_id_.find_last_not_of('\n') + 1);
  }

  // A sparse file of 300 MiB outside the repository.
  std::filesystem::path huge_file() {
    std::filesystem::path path = repo_.base() / "huge.bin";
    if (!std::filesystem::exists(path)) {
      EXPECT_EQ(run_shell("truncate -s " + std::string(k_huge_bytes) + " " + path.string()).exit_code, 0);
    }
    return path;
  }

  // Puts the huge blob at `path` in the index (the working tree is not touched).
  void stage_huge(const std::string &path) {
    repo_.git_ok("update-index --add --cacheinfo 100644," + huge_id_ + "," + path);
  }

  GitRepo repo_;
  std::string huge_id_;
};

TEST_F(HostileHistory, LogAtRefReadsAndBreakingStayBoundedAndNameTheFile) {
  // HEAD~1 adds a huge feed file and makes a schema definition huge; HEAD puts both back.
  stage_huge("exchanges/feeds/big.yaml");
  stage_huge("exchanges/schemas/trade.v1.capnp");
  repo_.git_ok("commit -q -m 'huge files'");
  repo_.git_ok("add exchanges/schemas/trade.v1.capnp");
  repo_.git_ok("rm -q --cached exchanges/feeds/big.yaml");
  repo_.git_ok("commit -q -m 'remove them again'");

  RunResult log = measured(repo_, {"log"});
  EXPECT_EQ(log.exit_code, 0) << log.err;
  EXPECT_TRUE(contains(log.out, "exchanges/feeds/big.yaml: not read: file is " + std::string(k_huge_bytes) +
                                    " bytes; the limit is " + k_limit_bytes))
      << log.out;
  EXPECT_TRUE(contains(log.out, "exchanges/schemas/trade.v1.capnp: not read")) << log.out;
  EXPECT_TRUE(contains(log.out, "huge files") && contains(log.out, "remove them again") && contains(log.out, "initial"))
      << log.out;
  RunResult json = measured(repo_, {"log", "--output", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(contains(json.out, "not read: file is " + std::string(k_huge_bytes))) << json.out;
  RunResult schema_log = measured(repo_, {"log", "schema", "trade"});
  EXPECT_EQ(schema_log.exit_code, 0) << schema_log.err;
  EXPECT_TRUE(contains(schema_log.out, "trade.v1.capnp: not read")) << schema_log.out;

  // --at reads refuse the file by its header size, with the rule and the size.
  RunResult validate = measured(repo_, {"validate", "--at", "HEAD~1"});
  EXPECT_EQ(validate.exit_code, 1) << validate.out << validate.err;
  EXPECT_TRUE(contains(validate.out + validate.err, "exchanges/feeds/big.yaml:1:1")) << validate.out << validate.err;
  EXPECT_TRUE(contains(validate.out + validate.err, "file is " + std::string(k_huge_bytes) + " bytes")) << validate.out;
  RunResult show = measured(repo_, {"feed", "show", "big", "--at", "HEAD~1"});
  EXPECT_EQ(show.exit_code, 1) << show.err;
  EXPECT_TRUE(contains(show.err, "yaml/too-large")) << show.err;
  RunResult list = measured(repo_, {"feed", "list", "--at", "HEAD~1"});
  EXPECT_EQ(list.exit_code, 1) << list.err;
  EXPECT_TRUE(contains(list.out, "acme")) << list.out;
  EXPECT_TRUE(contains(list.err, "exchanges/feeds/big.yaml:1:1")) << list.err;
  RunResult breaking = measured(repo_, {"schema", "breaking", "trade", "--against", "HEAD~1", "--from", "v1"});
  EXPECT_EQ(breaking.exit_code, 1) << breaking.out << breaking.err;
  EXPECT_TRUE(contains(breaking.err, "exchanges/schemas/trade.v1.capnp")) << breaking.err;
  EXPECT_TRUE(contains(breaking.err, "file is " + std::string(k_huge_bytes) + " bytes; the limit is " + k_limit_bytes))
      << breaking.err;
}

TEST_F(HostileHistory, DiffAgainstAHeadHoldingAHugeFileStaysBounded) {
  // HEAD holds the huge files; the working tree has the small definition and no big.yaml.
  stage_huge("exchanges/feeds/big.yaml");
  stage_huge("exchanges/schemas/trade.v1.capnp");
  repo_.git_ok("commit -q -m 'huge files'");

  RunResult diff = measured(repo_, {"diff"});
  EXPECT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_TRUE(contains(diff.out, "exchanges/feeds/big.yaml: not read: file is " + std::string(k_huge_bytes) +
                                     " bytes; the limit is " + k_limit_bytes + " (in HEAD)"))
      << diff.out;
  EXPECT_TRUE(contains(diff.out, "exchanges/schemas/trade.v1.capnp: not read")) << diff.out;
  RunResult stat = measured(repo_, {"diff", "--stat"});
  EXPECT_EQ(stat.exit_code, 0) << stat.err;
  EXPECT_TRUE(contains(stat.out, "exchanges/feeds/big.yaml ") && contains(stat.out, "| Bin\n")) << stat.out;
  RunResult json = measured(repo_, {"diff", "--output", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(contains(json.out, "\"status\": \"deleted\"")) << json.out;

  // Deleting the huge file and restoring the definition is a commit ssmd makes without reading either.
  RunResult commit = measured(repo_, {"commit", "-m", "drop the huge files"});
  EXPECT_EQ(commit.exit_code, 0) << commit.out << commit.err;
  EXPECT_EQ(repo_.git_ok("ls-tree -r --name-only HEAD exchanges/feeds"), "exchanges/feeds/acme.yaml\n");
}

TEST_F(HostileHistory, AHugeWorkingTreeFileIsNeitherReadNorCommitted) {
  // A sparse 300 MiB file: nothing on disk, but a reader that reads it whole holds 300 MiB.
  ASSERT_EQ(run_shell("truncate -s " + std::string(k_huge_bytes) + " " + (repo_.root() / "exchanges/feeds/huge.yaml").string())
                .exit_code,
            0);
  RunResult diff = measured(repo_, {"diff"});
  EXPECT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_TRUE(contains(diff.out, "exchanges/feeds/huge.yaml: not read: file is " + std::string(k_huge_bytes) +
                                     " bytes; the limit is " + k_limit_bytes + " (in the working tree)"))
      << diff.out;
  RunResult validate = measured(repo_, {"validate"});
  EXPECT_EQ(validate.exit_code, 1) << validate.out << validate.err;
  EXPECT_TRUE(contains(validate.out + validate.err, "exchanges/feeds/huge.yaml:1:1")) << validate.out;
  RunResult list = measured(repo_, {"feed", "list"});
  EXPECT_EQ(list.exit_code, 1) << list.err;
  RunResult commit = measured(repo_, {"commit", "-m", "add a huge file"});
  EXPECT_EQ(commit.exit_code, 1) << commit.err;
  EXPECT_TRUE(contains(commit.err, "exchanges/feeds/huge.yaml: file is " + std::string(k_huge_bytes))) << commit.err;
  EXPECT_EQ(repo_.git_ok("rev-list --count HEAD"), "1\n");
}

} // namespace
