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

// An ssmd_file_history over `commits` (newest first) that records what it was asked. With `fail_at`, the walk
// answers SSMD_ENV_ERROR when it reaches that commit instead of visiting it, as the host does at a version it
// refuses to read (over 16 MiB).
class ScriptedHistory {
public:
  explicit ScriptedHistory(std::vector<Commit> commits, std::optional<size_t> fail_at = std::nullopt)
      : commits_(std::move(commits)), fail_at_(fail_at) {
    table_.ctx = this;
    table_.walk = [](void *ctx, ssmd_str path, int (*visit)(void *, const ssmd_file_version *), void *visit_ctx) {
      auto *self = static_cast<ScriptedHistory *>(ctx);
      self->paths.emplace_back(path.data, path.size);
      for (const auto &commit : self->commits_) {
        if (self->fail_at_ == self->visited) return SSMD_ENV_ERROR;
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
  std::optional<size_t> fail_at_;
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
  // The backend's findings land in `findings` when given.
  std::map<std::string, int64_t> ages(const ScriptedHistory &history, const std::string &working,
                                      Collector *findings = nullptr) {
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
    backend()->resolve(host(), &request, &values, (findings ? findings : &diagnostics)->sink());
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

// A hostile history may hold versions of the manifest far larger than a manifest can be. One over 1 MiB is
// not parsed, and the host refuses one over 16 MiB: a field whose ciphertext reaches back past it has no known
// age (the readable commits alone would make it look younger than it is); fields dated before it keep their
// dates, and a warning names the manifest and why.
TEST_F(SealedAges, AVersionTooLargeToReadLeavesOnlyTheFieldsItHidesUndated) {
  const std::string huge = manifest("K1", "S0") + "# " + std::string(size_t(1) << 20, 'x') + "\n";
  ScriptedHistory history({{300, manifest("K1", "S2")}, {200, manifest("K1", "S1")}, {100, huge}, {50, manifest("K1", "S0")}});
  Collector findings;
  auto got = ages(history, manifest("K1", "S2"), &findings);
  EXPECT_EQ(got, (std::map<std::string, int64_t>{{"api_secret", 300}})) << "api_key reaches back past the huge version";
  EXPECT_EQ(history.visited, 3u) << "the walk stops at the huge version";
  const Finding *f = findings.find("sealed-secret/history");
  ASSERT_NE(f, nullptr) << findings.dump();
  EXPECT_EQ(f->severity, SSMD_SEVERITY_WARNING);
  EXPECT_NE(f->message.find("exchanges/sealed-secrets/kalshi-api.yaml"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("over the 1 MiB limit"), std::string::npos) << f->message;
  EXPECT_NE(f->message.find("the age of `api_key` is unknown"), std::string::npos) << f->message;

  // The host refusing a version (SSMD_ENV_ERROR) is the same: what was read stands, the rest is unknown.
  ScriptedHistory refused({{300, manifest("K1", "S2")}, {200, manifest("K1", "S1")}, {100, manifest("K1", "S0")}}, 2);
  Collector refusal;
  auto partial = ages(refused, manifest("K1", "S2"), &refusal);
  EXPECT_EQ(partial, (std::map<std::string, int64_t>{{"api_secret", 300}}));
  ASSERT_TRUE(refusal.has_rule("sealed-secret/history")) << refusal.dump();
  EXPECT_NE(refusal.find("sealed-secret/history")->message.find("past commit aaaaaaaaaaaa"), std::string::npos)
      << refusal.dump();
  // A walk that ends after dating every field needs no warning.
  ScriptedHistory dated({{300, manifest("K1", "S2")}, {200, manifest("K9", "S9")}}, 2);
  Collector quiet;
  EXPECT_EQ(ages(dated, manifest("K1", "S2"), &quiet), (std::map<std::string, int64_t>{{"api_key", 300}, {"api_secret", 300}}));
  EXPECT_FALSE(quiet.has_rule("sealed-secret/history")) << quiet.dump();
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
