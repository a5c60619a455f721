// What `ssmd publish` would write, decided by the host without a store: the differences it names, the plan
// (which documents change, and whether the index must be rewritten), and the batches within a store's limits.
#include "core/errors.hpp"
#include "publish/batches.hpp"
#include "publish/json_diff.hpp"
#include "publish/plan.hpp"

#include <gtest/gtest.h>

using namespace ssmd;
using namespace ssmd::publish;

namespace {

strict_json::Json node(const std::string &text) {
  strict_json::Json out;
  EXPECT_FALSE(strict_json::parse(text, out)) << text;
  return out;
}

EnvironmentDocument doc(const std::string &name, const std::string &endpoint = "wss://a") {
  return EnvironmentDocument{name, "{\"format\":\"ssmd.environment/1\",\"name\":\"" + name +
                                       "\",\"feed\":{\"versions\":[{\"endpoint\":\"" + endpoint + "\"}]}}",
                             "v1"};
}

Publication publication() { return Publication{std::string(40, 'a'), "refs/heads/main", "2025-07-01T09:30:00Z", "Jane", "0.1.0"}; }

// What the store would hold after publishing `docs` with `publication()`, at revision `revision`.
Snapshot stored(const std::vector<EnvironmentDocument> &docs, uint64_t revision, bool complete = true) {
  Snapshot out;
  std::vector<std::string> names;
  for (const auto &d : docs) {
    out[environment_key(d.name)] = StoredEntry{document_text(d, publication()), revision};
    names.push_back(d.name);
  }
  out[kIndexKey] = StoredEntry{index_text(publication(), names, complete), revision};
  return out;
}

} // namespace

TEST(PublishJsonDiff, NamesEachDifferenceByPath) {
  auto diff = json_differences(node(R"({"a":1,"b":{"c":"x","d":[1,2]},"gone":true})"),
                               node(R"({"a":2,"b":{"c":"x","d":[1,3,4]},"new":null})"));
  EXPECT_EQ(diff, (std::vector<std::string>{"a: 1 → 2", "b.d[1]: 2 → 3", "b.d[2]: added 4", "gone: removed",
                                            "new: added null"}));
  EXPECT_TRUE(json_differences(node(R"({"x":[1,{"y":"z"}]})"), node(R"({ "x" : [1, {"y":"z"}] })")).empty());
  EXPECT_EQ(json_differences(node(R"({"x":"1"})"), node(R"({"x":1})")), std::vector<std::string>{"x: \"1\" → 1"});
  EXPECT_EQ(json_brief(node("\"" + std::string(100, 'a') + "\""), 10), "\"aaaaaaaaa…");
}

TEST(PublishPlan, AnEmptyStoreGetsEveryDocumentAndAnIndex) {
  std::vector<EnvironmentDocument> docs = {doc("a"), doc("b")};
  Plan plan = make_plan({}, docs, true);
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_EQ(plan.changes[0].kind, ChangeKind::Add);
  EXPECT_EQ(plan.environments, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(plan.index.readable);
  EXPECT_FALSE(plan.empty());
}

TEST(PublishPlan, OnlyContentCountsNotWhoPublishedItOrWhen) {
  std::vector<EnvironmentDocument> docs = {doc("a"), doc("b")};
  Snapshot snapshot = stored(docs, 7);
  // Another commit, another time: the same content is no change.
  snapshot[environment_key("a")].value = document_text(
      docs[0], Publication{std::string(40, 'b'), "HEAD", "2030-01-01T00:00:00Z", "Someone", "9.9", Date::from_days(0)});
  Plan plan = make_plan(snapshot, docs, true);
  EXPECT_TRUE(plan.empty());
  EXPECT_TRUE(plan.index.complete);
  EXPECT_EQ(plan.index.revision, 7u);
}

TEST(PublishPlan, ChangesAreNamedAndGuardedByTheRevisionRead) {
  Snapshot snapshot = stored({doc("a"), doc("b"), doc("stray")}, 7);
  snapshot[environment_key("b")].revision = 9;
  std::vector<EnvironmentDocument> docs = {doc("a"), doc("b", "wss://b"), doc("c")};
  Plan all = make_plan(snapshot, docs, true);
  ASSERT_EQ(all.changes.size(), 3u);
  EXPECT_EQ(all.changes[0].name, "b");
  EXPECT_EQ(all.changes[0].kind, ChangeKind::Update);
  EXPECT_EQ(all.changes[0].revision, 9u);
  EXPECT_EQ(all.changes[0].differences, std::vector<std::string>{"feed.versions[0].endpoint: \"wss://a\" → \"wss://b\""});
  EXPECT_EQ(all.changes[1].kind, ChangeKind::Add);
  EXPECT_EQ(all.changes[1].revision, 0u);
  EXPECT_EQ(all.changes[2].name, "stray");
  EXPECT_EQ(all.changes[2].kind, ChangeKind::Remove);
  EXPECT_EQ(all.environments, (std::vector<std::string>{"a", "b", "c"}));
  // Naming environments leaves the others, the stray one included.
  Plan named = make_plan(snapshot, {doc("c")}, false);
  ASSERT_EQ(named.changes.size(), 1u);
  EXPECT_EQ(named.environments, (std::vector<std::string>{"a", "b", "c", "stray"}));
}

// Equal content is recognised without parsing when the stored text is ours; text appended after
// `published` is content too, and is not missed.
TEST(PublishPlan, AMemberAddedAfterPublishedIsADifference) {
  std::vector<EnvironmentDocument> docs = {doc("a")};
  Snapshot snapshot = stored(docs, 7);
  std::string &text = snapshot[environment_key("a")].value;
  text.insert(text.size() - 1, ",\"extra\":1");
  Plan plan = make_plan(snapshot, docs, true);
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].differences, std::vector<std::string>{"extra: removed"});
}

TEST(PublishPlan, AnIncompleteOrForeignIndexIsRewrittenEvenWithoutDocumentChanges) {
  std::vector<EnvironmentDocument> docs = {doc("a")};
  Plan interrupted = make_plan(stored(docs, 7, false), docs, true);
  EXPECT_TRUE(interrupted.changes.empty());
  ASSERT_EQ(interrupted.index_reasons.size(), 1u);
  EXPECT_NE(interrupted.index_reasons[0].find("did not complete"), std::string::npos);
  Snapshot foreign = stored(docs, 7);
  foreign[kIndexKey].value = "{\"format\":\"other\"}";
  EXPECT_EQ(make_plan(foreign, docs, true).index_reasons, std::vector<std::string>{"the index is not of format ssmd.index/1"});
  Snapshot garbage = stored(docs, 7);
  garbage[environment_key("a")].value = "not json";
  Plan broken = make_plan(garbage, docs, true);
  ASSERT_EQ(broken.changes.size(), 1u);
  EXPECT_NE(broken.changes[0].differences.at(0).find("not JSON"), std::string::npos);
}

TEST(PublishBatches, WhatFitsIsOneAtomicBatchWithTheIndexLast) {
  std::vector<EnvironmentDocument> docs;
  for (int i = 0; i < 127; ++i) docs.push_back(doc("e" + std::to_string(1000 + i)));
  Plan plan = make_plan({}, docs, true);
  auto batches = plan_batches(plan, publication(), Limits{128, 0});
  ASSERT_EQ(batches.size(), 1u);
  ASSERT_EQ(batches[0].size(), 128u);
  EXPECT_EQ(batches[0].back().key, kIndexKey);
  EXPECT_NE(batches[0].back().value.find("\"complete\":true"), std::string::npos);
  EXPECT_EQ(batches[0].back().revision, 0u);
}

TEST(PublishBatches, MoreIsSplitByEnvironmentUnderAClaimedIndex) {
  std::vector<EnvironmentDocument> docs;
  for (int i = 0; i < 300; ++i) docs.push_back(doc("e" + std::to_string(1000 + i)));
  Snapshot snapshot;
  snapshot[kIndexKey] = StoredEntry{"{}", 41};
  Plan plan = make_plan(snapshot, docs, true);
  auto batches = plan_batches(plan, publication(), Limits{128, 0});
  ASSERT_EQ(batches.size(), 3u);
  // The claim: the index, incomplete, guarded by the revision read, then 127 documents.
  EXPECT_EQ(batches[0].size(), 128u);
  EXPECT_EQ(batches[0][0].kind, SSMD_PUBLISH_PUT);
  EXPECT_EQ(batches[0][0].key, kIndexKey);
  EXPECT_EQ(batches[0][0].revision, 41u);
  EXPECT_NE(batches[0][0].value.find("\"complete\":false"), std::string::npos);
  // Then a guard on the index with 127 more; the last batch completes the index in the guard's place.
  EXPECT_EQ(batches[1][0].kind, SSMD_PUBLISH_CHECK);
  EXPECT_EQ(batches[1][0].key, kIndexKey);
  EXPECT_EQ(batches[1].size(), 128u);
  EXPECT_EQ(batches[2][0].kind, SSMD_PUBLISH_PUT);
  EXPECT_NE(batches[2][0].value.find("\"complete\":true"), std::string::npos);
  EXPECT_EQ(batches[2].size(), 1u + 300 - 2 * 127);
  size_t documents = 0;
  for (const auto &batch : batches)
    for (const auto &op : batch) documents += op.key.starts_with("environments/");
  EXPECT_EQ(documents, 300u);
}

TEST(PublishBatches, BytesSplitToo) {
  std::vector<EnvironmentDocument> docs = {doc("a"), doc("b"), doc("c")};
  Plan plan = make_plan({}, docs, true);
  const uint64_t one = environment_key("a").size() + document_text(docs[0], publication()).size();
  auto batches = plan_batches(plan, publication(), Limits{0, one + 400});
  ASSERT_EQ(batches.size(), 3u) << "the claim and a document, a guard and a document, the completed index and one";
  EXPECT_EQ(batches[2][0].kind, SSMD_PUBLISH_PUT);
  EXPECT_EQ(batches[2][0].key, kIndexKey);
  EXPECT_THROW(plan_batches(plan, publication(), Limits{0, one - 1}), EnvironmentError);
}

TEST(PublishTarget, TheSchemeBeforeAPlusNamesThePublisher) {
  EXPECT_EQ(publisher_scheme("etcd://h:2379/x"), "etcd");
  EXPECT_EQ(publisher_scheme("etcd+https://h:2379/x"), "etcd");
  EXPECT_THROW(publisher_scheme("h:2379/x"), UsageError);
  EXPECT_THROW(publisher_scheme("Etcd://h/x"), UsageError);
  EXPECT_THROW(publisher_scheme("etcd://user:pw@h:2379/x"), UsageError);
  EXPECT_EQ(publisher_scheme("etcd://h:2379/a@b"), "etcd") << "an @ in the prefix is no credential";
}
