// When each field of a sealed secret got its value (ABI 1.3, for `ssmd env check-keys`): the time of the
// last commit that changed that field's ciphertext, walked through a scripted history here (the host's git
// history is exercised end to end in tests/e2e/secrets_rotation.cpp, against the git CLI).
#include "sealed_fixture.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <fstream>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

std::string manifest(const std::string &key, const std::string &secret) {
  return "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: kalshi-api\nspec:\n"
         "  encryptedData:\n    api_key: " + key + "\n    api_secret: " + secret + "\n  template: {}\n";
}

// One commit of the scripted history: its time and the manifest it left (nullopt: the commit deleted it).
struct Commit {
  int64_t time;
  std::optional<std::string> content;
};

// An ssmd_file_history over `commits` (newest first) that records what it was asked.
class ScriptedHistory {
public:
  explicit ScriptedHistory(std::vector<Commit> commits) : commits_(std::move(commits)) {
    table_.ctx = this;
    table_.walk = [](void *ctx, ssmd_str path, int (*visit)(void *, const ssmd_file_version *), void *visit_ctx) {
      auto *self = static_cast<ScriptedHistory *>(ctx);
      self->paths.emplace_back(path.data, path.size);
      for (const auto &commit : self->commits_) {
        ++self->visited;
        const std::string id(40, 'a');
        ssmd_file_version v{sizeof(ssmd_file_version), commit.time, str(id), commit.content ? 1 : 0,
                            commit.content ? str(*commit.content) : ssmd_str{nullptr, 0}};
        if (visit(visit_ctx, &v) != 0) break;
      }
      return SSMD_OK;
    };
  }
  const ssmd_file_history *get() const { return &table_; }
  std::vector<std::string> paths;
  size_t visited = 0;

private:
  std::vector<Commit> commits_;
  ssmd_file_history table_{};
};

class Ages {
public:
  std::map<std::string, int64_t> last_set;
  ssmd_secret_age_sink sink{this, [](void *ctx, ssmd_str field, int64_t t) {
                              static_cast<Ages *>(ctx)->last_set[std::string(field.data, field.size)] = t;
                            }};
};
} // namespace

class SealedAges : public SealedTest {
protected:
  // Resolves kalshi-api with `history` and the working tree's manifest `working` (none when empty).
  std::map<std::string, int64_t> ages(const ScriptedHistory &history, const std::string &working) {
    if (!working.empty()) {
      fs::create_directories(manifest_path().parent_path());
      std::ofstream(manifest_path()) << working;
    }
    KeyRequest req(sealed_key("sealed-secret/kalshi-api"));
    ssmd_secret_request request = *req.get();
    Ages ages;
    request.ages = &ages.sink;
    request.history = history.get();
    Collector diagnostics;
    ssmd_secret_sink values{nullptr, [](void *, ssmd_str, ssmd_str) {}};
    backend()->resolve(host(), &request, &values, diagnostics.sink());
    return ages.last_set;
  }
};

TEST_F(SealedAges, EachFieldIsDatedByTheCommitThatIntroducedItsCiphertext) {
  ScriptedHistory history({{300, manifest("K1", "S2") + "# touched\n"}, {200, manifest("K1", "S2")},
                           {100, manifest("K1", "S1")}});
  auto got = ages(history, manifest("K1", "S2") + "# touched\n");
  EXPECT_EQ(got, (std::map<std::string, int64_t>{{"api_key", 100}, {"api_secret", 200}}));
  EXPECT_EQ(history.paths, std::vector<std::string>{"exchanges/sealed-secrets/kalshi-api.yaml"});
}

TEST_F(SealedAges, AValueSealedAgainAndRevertedCountsFromTheRevert) {
  ScriptedHistory history({{300, manifest("K1", "S1")}, {200, manifest("K2", "S1")}, {100, manifest("K1", "S1")}});
  auto got = ages(history, manifest("K1", "S1"));
  EXPECT_EQ(got.at("api_key"), 300);
  EXPECT_EQ(got.at("api_secret"), 100);
}

TEST_F(SealedAges, AManifestDeletedAndAddedAgainCountsFromItsReturn) {
  ScriptedHistory history({{300, manifest("K1", "S1")}, {200, std::nullopt}, {100, manifest("K1", "S1")}});
  auto got = ages(history, manifest("K1", "S1"));
  EXPECT_EQ(got.at("api_key"), 300);
  EXPECT_EQ(history.visited, 2u) << "the walk stops once every field is dated";
}

TEST_F(SealedAges, UncommittedOrNeverCommittedCountsAsNow) {
  const int64_t before = static_cast<int64_t>(std::time(nullptr));
  ScriptedHistory history({{200, manifest("K1", "S1")}});
  auto changed = ages(history, manifest("K9", "S1"));
  EXPECT_GE(changed.at("api_key"), before);
  EXPECT_EQ(changed.at("api_secret"), 200);
  ScriptedHistory none({});
  auto never = ages(none, manifest("K1", "S1"));
  EXPECT_GE(never.at("api_key"), before);
  EXPECT_GE(never.at("api_secret"), before);
}

TEST_F(SealedAges, NothingIsSaidWithoutAManifestOrWhenNotAsked) {
  ScriptedHistory history({{200, manifest("K1", "S1")}});
  EXPECT_TRUE(ages(history, "").empty());
  EXPECT_TRUE(ages(history, "not: [a sealed secret").empty());
  // resolve() without an age sink never walks the history.
  ScriptedHistory unused({{200, manifest("K1", "S1")}});
  KeyRequest req(sealed_key("sealed-secret/kalshi-api"));
  ssmd_secret_request request = *req.get();
  request.history = unused.get();
  Collector diagnostics;
  ssmd_secret_sink values{nullptr, [](void *, ssmd_str, ssmd_str) {}};
  backend()->resolve(host(), &request, &values, diagnostics.sink());
  EXPECT_TRUE(unused.paths.empty());
}
