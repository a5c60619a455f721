// A three-member etcd cluster: a URL names several servers and ssmd goes on with the next when one is
// down, and the leader dying in the middle of a publish (a leader change, and the server ssmd was talking to
// gone) leaves whole batches only, whether the publish then finishes through another member or exits 3.
#include "etcd_cluster.hpp"
#include "publish_fixture.hpp"

#include <chrono>
#include <thread>

using namespace ssmd;
using namespace ssmd::test;

namespace {

const std::map<std::string, std::string> kQuick = {{"ETCDCTL_COMMAND_TIMEOUT", "1s"}, {"ETCDCTL_DIAL_TIMEOUT", "300ms"}};

// The members other than `i`.
std::vector<size_t> others(size_t i) {
  std::vector<size_t> out;
  for (size_t m = 0; m < EtcdCluster::kMembers; ++m)
    if (m != i) out.push_back(m);
  return out;
}

} // namespace

TEST(PublishCluster, AServerThatIsDownIsPassedOverForTheNextInTheUrl) {
  EtcdCluster cluster;
  PublishRepo repo;
  const std::string prefix = test_prefix();
  cluster.kill(0);
  cluster.leader(); // the other two have a leader, whoever led before
  RunResult r = repo.publish({"--all", "--to", cluster.url({0, 1, 2}, prefix)}, kQuick);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  RunResult index = cluster.etcdctl("get --print-value-only '" + prefix + "/index'");
  EXPECT_TRUE(contains(index.out, "\"complete\":true")) << index.out << index.err;
  RunResult check = repo.publish({"--all", "--check", "--to", cluster.url({0, 2, 1}, prefix)}, kQuick);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST(PublishCluster, TheLeaderKilledMidPublishLeavesWholeBatchesWhetherThePublishFinishesOrExitsThree) {
  EtcdCluster cluster;
  PublishRepo repo;
  repo.add_environments(600); // 603 documents: five batches
  bool killed = false;
  for (int attempt = 0; attempt < 3 && !killed; ++attempt) {
    const std::string prefix = test_prefix() + "/" + std::to_string(attempt);
    // ssmd talks to the first server of the URL that answers: make that the leader.
    const size_t leader = cluster.leader();
    const std::vector<size_t> rest = others(leader);
    RunResult result;
    std::thread publisher([&] { result = repo.publish({"--all", "--to", cluster.url({leader, rest[0], rest[1]}, prefix)}, kQuick); });
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
         std::chrono::steady_clock::now() < deadline;) {
      std::string index = peek(cluster.endpoint(rest[0]), prefix + "/index");
      if (contains(index, "\"complete\":false")) {
        cluster.kill(leader);
        killed = true;
        break;
      }
      if (contains(index, "\"complete\":true")) break;
    }
    publisher.join();
    if (!killed) continue; // it finished between two polls; try again on a new prefix

    const std::string survivors = cluster.url(rest, prefix);
    if (result.exit_code == 0) {
      // The next member took over: the publish finished.
      EXPECT_TRUE(contains(result.out, "published 603 environments")) << result.out;
    } else {
      EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
      EXPECT_TRUE(contains(result.err, "were written, each whole")) << result.err;
      RunResult keys = cluster.etcdctl("get --prefix --keys-only '" + prefix + "/environments/'");
      ASSERT_EQ(keys.exit_code, 0) << keys.err;
      const size_t written = count(keys.out, prefix + "/environments/");
      EXPECT_EQ(written % 127, 0u) << written << " documents: a batch was torn";
      RunResult again = repo.publish({"--all", "--to", survivors}, kQuick);
      EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
    }
    RunResult check = repo.publish({"--all", "--check", "--to", survivors}, kQuick);
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }
  EXPECT_TRUE(killed) << "the publish always finished before the leader could be killed";
}
