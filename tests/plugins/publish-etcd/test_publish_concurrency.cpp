// Two publishers at once, and etcd dying halfway through a publish: each batch lands whole or not at all,
// of two overlapping publishes exactly one completes and the other is told to run again, and a publish cut
// short is finished by the next one.
#include "publish_fixture.hpp"

#include <chrono>
#include <fstream>
#include <thread>

using namespace ssmd;
using namespace ssmd::test;

namespace {

std::string quoted(const std::string &text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

// Runs `ssmd publish --all --to URL` twice at the same instant, from one shell.
std::pair<Outcome, Outcome> publish_twice_at_once(const PublishRepo &repo, const std::string &url) {
  const auto dir = repo.base() / "race";
  std::filesystem::create_directories(dir);
  std::string one = quoted(std::getenv("SSMD_BINARY")) + " publish --all --to " + quoted(url);
  std::string script;
  for (const char *who : {"a", "b"})
    script += "(" + one + " >" + quoted((dir / who).string() + ".out") + " 2>" + quoted((dir / who).string() + ".err") +
              "; echo $? >" + quoted((dir / who).string() + ".rc") + ") & ";
  RunResult r = run_shell(script + "wait", repo.options());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto outcome = [&](const char *who) {
    Outcome o;
    o.exit_code = std::stoi(read_file(dir / (std::string(who) + ".rc")));
    o.out = read_file(dir / (std::string(who) + ".out"));
    o.err = read_file(dir / (std::string(who) + ".err"));
    return o;
  };
  return {outcome("a"), outcome("b")};
}

} // namespace

TEST(PublishConcurrency, OfTwoOverlappingPublishersExactlyOneWinsAndTheOtherIsToldToRetry) {
  EtcdServer &etcd = EtcdServer::shared();
  PublishRepo repo;
  repo.add_environments(500); // four batches of etcd's 128 operations: a publish takes a while
  bool raced = false;
  for (int attempt = 0; attempt < 5 && !raced; ++attempt) {
    const std::string url = etcd.url(test_prefix() + "/" + std::to_string(attempt));
    auto [a, b] = publish_twice_at_once(repo, url);
    int published = 0, refused = 0;
    for (const Outcome *o : {&a, &b}) {
      if (o->exit_code == 0 && contains(o->out, "published 503 environments")) ++published;
      else if (o->exit_code == 1 && contains(o->err, "run `ssmd publish` again")) ++refused;
      else EXPECT_TRUE(o->exit_code == 0 && contains(o->out, "up to date")) << o->exit_code << o->out << o->err;
    }
    EXPECT_EQ(published, 1) << a.out << a.err << "\n--\n" << b.out << b.err;
    raced = refused == 1;
    // Whoever won, the store holds the commit whole.
    RunResult check = repo.publish({"--all", "--check", "--to", url});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }
  EXPECT_TRUE(raced) << "in five attempts the two publishers never overlapped, so the guard was not exercised";
}

namespace {

enum class Fault { Freeze, Kill };

// Publishes 603 documents (five batches) and, the moment the first batch's claimed index shows, freezes
// etcd (it stops answering: requests time out) or kills it (connections are refused); then kills it if
// frozen and restarts it over its data. Whatever was written is whole batches, exactly the commit's, and
// the next publish completes it.
void publish_through_a_fault(Fault fault) {
  EtcdServer etcd;
  PublishRepo repo;
  repo.add_environments(600);
  const std::map<std::string, std::string> quick = {{"ETCDCTL_COMMAND_TIMEOUT", "1s"}, {"ETCDCTL_DIAL_TIMEOUT", "300ms"}};
  bool interrupted = false;
  for (int attempt = 0; attempt < 3 && !interrupted; ++attempt) {
    const std::string prefix = test_prefix() + "/" + std::to_string(attempt);
    RunResult result;
    std::thread publisher([&] { result = repo.publish({"--all", "--to", etcd.url(prefix)}, quick); });
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
         std::chrono::steady_clock::now() < deadline;) {
      std::string index = peek(etcd.endpoint(), prefix + "/index");
      if (contains(index, "\"complete\":false")) {
        if (fault == Fault::Freeze) etcd.freeze();
        else etcd.kill();
        break;
      }
      if (contains(index, "\"complete\":true")) break;
    }
    publisher.join();
    if (result.exit_code == 0) {
      etcd.restart(); // it finished between two polls; try again on a new prefix
      continue;
    }
    interrupted = true;
    EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
    EXPECT_TRUE(contains(result.err, "were written, each whole")) << result.err;
    EXPECT_TRUE(contains(result.err, "run `ssmd publish` again")) << result.err;
    etcd.restart();

    // Whole batches only: the first holds the claim and 127 documents, each later one its guard and 127.
    RunResult keys = etcd.etcdctl("get --prefix --keys-only '" + prefix + "/environments/'");
    ASSERT_EQ(keys.exit_code, 0) << keys.err;
    const size_t written = count(keys.out, prefix + "/environments/");
    EXPECT_GT(written, 0u);
    EXPECT_LT(written, 603u);
    EXPECT_EQ(written % 127, 0u) << written << " documents: a batch was torn";
    // What is there is exactly the commit's; the rest is missing, and the index says the publish did not end.
    RunResult check = repo.publish({"--all", "--check", "--to", etcd.url(prefix)});
    EXPECT_EQ(check.exit_code, 1);
    EXPECT_EQ(count(check.out, "missing from the store"), 603 - written) << check.out;
    EXPECT_TRUE(contains(check.out, "index: the publish of commit " + repo.head() + " did not complete")) << check.out;
    // The heading, one line per missing document, the index, the count: no other difference.
    EXPECT_EQ(count(check.out, "\n"), 603 - written + 3) << check.out;

    RunResult again = repo.publish({"--all", "--to", etcd.url(prefix)});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
    EXPECT_EQ(repo.publish({"--all", "--check", "--to", etcd.url(prefix)}).exit_code, 0);
  }
  EXPECT_TRUE(interrupted) << "the publish always finished before etcd could be stopped";
}

} // namespace

TEST(PublishFaults, EtcdHungMidPublishThenKilledLeavesWholeBatchesThatTheNextPublishCompletes) {
  publish_through_a_fault(Fault::Freeze);
}

TEST(PublishFaults, EtcdKilledMidPublishLeavesWholeBatchesThatTheNextPublishCompletes) {
  publish_through_a_fault(Fault::Kill);
}
