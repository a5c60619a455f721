// publish-etcd through the C ABI the host uses (ssmd_publisher): the limits it reports, a consistent read
// with revisions, guarded batches that apply whole or not at all, and the distinct conflict outcome.
#include "etcd_server.hpp"
#include "plugin_harness.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace ssmd::test;

namespace {

ssmd_str s(const std::string &text) { return ssmd_str{text.data(), text.size()}; }
std::string text(ssmd_str v) { return v.data ? std::string(v.data, v.size) : std::string(); }

struct Etcd {
  LoadedPlugin plugin{PUBLISH_ETCD_PLUGIN};
  const ssmd_publisher *publisher = nullptr;
  Etcd() {
    const ssmd_plugin &p = plugin.plugin();
    EXPECT_EQ(p.abi_minor, SSMD_ABI_VERSION_MINOR);
    for (size_t i = 0; i < p.publisher_count; ++i)
      if (text(p.publishers[i]->scheme) == "etcd") publisher = p.publishers[i];
  }

  ssmd_status prepare(const std::string &url, ssmd_publish_limits &limits, Collector &c) {
    limits = ssmd_publish_limits{};
    limits.struct_size = sizeof limits;
    return publisher->prepare(plugin.host(), s(url), &limits, c.sink());
  }

  std::map<std::string, std::pair<std::string, uint64_t>> read(const std::string &url, ssmd_status &status) {
    std::map<std::string, std::pair<std::string, uint64_t>> out;
    ssmd_publish_entry_sink sink{&out, [](void *ctx, ssmd_str key, ssmd_str value, uint64_t revision) {
                                   (*static_cast<std::map<std::string, std::pair<std::string, uint64_t>> *>(ctx))[text(key)] = {text(value), revision};
                                 }};
    Collector c;
    status = publisher->read(plugin.host(), s(url), &sink, c.sink());
    EXPECT_TRUE(status == SSMD_OK || c.errors() > 0) << c.dump();
    return out;
  }

  struct Op {
    ssmd_publish_op_kind kind;
    std::string key, value;
    uint64_t revision;
  };
  ssmd_status apply(const std::string &url, const std::vector<Op> &ops, std::vector<uint64_t> &revisions, Collector &c) {
    std::vector<ssmd_publish_op> c_ops;
    for (const auto &op : ops) c_ops.push_back({sizeof(ssmd_publish_op), op.kind, s(op.key), s(op.value), op.revision});
    std::vector<const ssmd_publish_op *> pointers;
    for (const auto &op : c_ops) pointers.push_back(&op);
    ssmd_publish_batch batch{sizeof(ssmd_publish_batch), pointers.data(), pointers.size(), {}};
    revisions.assign(ops.size(), 0);
    ssmd_publish_result_sink out{&revisions, [](void *ctx, size_t i, uint64_t revision) {
                                   (*static_cast<std::vector<uint64_t> *>(ctx))[i] = revision;
                                 }};
    return publisher->apply(plugin.host(), s(url), &batch, &out, c.sink());
  }
};

} // namespace

TEST(EtcdPublisherAbi, RegistersOnePublisherAndReportsEtcdsLimits) {
  Etcd etcd;
  ASSERT_TRUE(etcd.publisher);
  ASSERT_TRUE(etcd.publisher->prepare && etcd.publisher->read && etcd.publisher->apply);
  ssmd_publish_limits limits;
  Collector c;
  ASSERT_EQ(etcd.prepare("etcd://127.0.0.1:2379/x", limits, c), SSMD_OK) << c.dump();
  EXPECT_EQ(limits.max_ops, 128u); // etcd's default --max-txn-ops
  EXPECT_EQ(limits.max_bytes, 1572864u - 65536u);
  // A malformed URL is SSMD_FAILED (a usage error for the host), an unusable setting SSMD_ENV_ERROR.
  Collector bad;
  EXPECT_EQ(etcd.prepare("etcd://127.0.0.1:2379", limits, bad), SSMD_FAILED);
  EXPECT_TRUE(bad.has_rule("etcd/url")) << bad.dump();
  etcd.plugin.set_config("etcd.cacert", "/nonexistent/ca.pem");
  Collector tls;
  EXPECT_EQ(etcd.prepare("etcd+https://127.0.0.1:2379/x", limits, tls), SSMD_ENV_ERROR);
  EXPECT_TRUE(tls.has_rule("etcd/settings")) << tls.dump();
  etcd.plugin.set_config("etcd.cacert", "''"); // the harness's configuration is global: empty is unset
}

TEST(EtcdPublisherAbi, ABatchIsGuardedByTheRevisionsReadAndAppliesWholeOrNotAtAll) {
  EtcdServer &server = EtcdServer::shared();
  Etcd etcd;
  const std::string url = server.url("/abi/guards");
  ssmd_publish_limits limits;
  Collector prepared;
  ASSERT_EQ(etcd.prepare(url, limits, prepared), SSMD_OK) << prepared.dump();
  ssmd_status status;
  EXPECT_TRUE(etcd.read(url, status).empty());
  ASSERT_EQ(status, SSMD_OK);

  std::vector<uint64_t> revisions;
  Collector first;
  ASSERT_EQ(etcd.apply(url, {{SSMD_PUBLISH_PUT, "a", "one", 0}, {SSMD_PUBLISH_PUT, "b", std::string("b\0\xff", 3), 0}},
                       revisions, first),
            SSMD_OK)
      << first.dump();
  EXPECT_EQ(revisions[0], revisions[1]);
  EXPECT_EQ(revisions[0], server.mod_revision("/abi/guards/a"));
  EXPECT_EQ(server.get("/abi/guards/a"), "one");

  auto entries = etcd.read(url, status);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries["a"], std::make_pair(std::string("one"), revisions[0]));
  EXPECT_EQ(entries["b"].first, std::string("b\0\xff", 3)) << "values are bytes, base64 on the wire";

  // A batch whose guard is stale for one key writes none of its keys, and says so with SSMD_CONFLICT.
  const uint64_t before = server.revision();
  Collector stale;
  EXPECT_EQ(etcd.apply(url, {{SSMD_PUBLISH_PUT, "a", "two", revisions[0]}, {SSMD_PUBLISH_PUT, "b", "two", 0}},
                       revisions, stale),
            SSMD_CONFLICT)
      << stale.dump();
  EXPECT_EQ(server.revision(), before);
  EXPECT_EQ(server.get("/abi/guards/a"), "one");

  // A check writes nothing but guards the batch; a delete removes its key.
  uint64_t a = server.mod_revision("/abi/guards/a"), b = server.mod_revision("/abi/guards/b");
  Collector check;
  EXPECT_EQ(etcd.apply(url, {{SSMD_PUBLISH_CHECK, "a", "", a + 1000}, {SSMD_PUBLISH_DELETE, "b", "", b}}, revisions, check),
            SSMD_CONFLICT);
  EXPECT_EQ(server.get("/abi/guards/b"), std::string("b\0\xff", 3));
  Collector ok;
  EXPECT_EQ(etcd.apply(url, {{SSMD_PUBLISH_CHECK, "a", "", a}, {SSMD_PUBLISH_DELETE, "b", "", b}}, revisions, ok), SSMD_OK)
      << ok.dump();
  EXPECT_EQ(revisions[0], a);
  EXPECT_EQ(revisions[1], 0u);
  EXPECT_EQ(server.mod_revision("/abi/guards/b"), 0u);
  EXPECT_EQ(server.mod_revision("/abi/guards/a"), a);
}

TEST(EtcdPublisherAbi, ReadsPageThroughManyKeysAtOneRevision) {
  EtcdServer &server = EtcdServer::shared();
  Etcd etcd;
  const std::string url = server.url("/abi/pages");
  std::vector<Etcd::Op> ops;
  for (int i = 0; i < 120; ++i) ops.push_back({SSMD_PUBLISH_PUT, "k" + std::to_string(i), std::string(2000, 'x'), 0});
  std::vector<uint64_t> revisions;
  for (int round = 0; round < 6; ++round) {
    for (auto &op : ops) op.key = "r" + std::to_string(round) + "/" + op.key.substr(op.key.find('k'));
    Collector c;
    ASSERT_EQ(etcd.apply(url, ops, revisions, c), SSMD_OK) << c.dump();
  }
  ssmd_status status;
  auto entries = etcd.read(url, status);
  ASSERT_EQ(status, SSMD_OK);
  EXPECT_EQ(entries.size(), 720u) << "more than one page of 500";
}

TEST(EtcdPublisherAbi, MoreOperationsThanEtcdAllowsIsAnEnvironmentErrorThatSaysWhichSetting) {
  EtcdServer &server = EtcdServer::shared();
  Etcd etcd;
  const std::string url = server.url("/abi/toomany");
  std::vector<Etcd::Op> ops;
  for (int i = 0; i < 129; ++i) ops.push_back({SSMD_PUBLISH_PUT, "k" + std::to_string(i), "v", 0});
  std::vector<uint64_t> revisions;
  Collector c;
  EXPECT_EQ(etcd.apply(url, ops, revisions, c), SSMD_ENV_ERROR);
  EXPECT_NE(c.dump().find("etcd.max_txn_ops"), std::string::npos) << c.dump();
  EXPECT_EQ(server.get("/abi/toomany/k0"), "");
}
