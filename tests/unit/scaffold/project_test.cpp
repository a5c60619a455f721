// The plugin-project scaffold without a disk: placeholders, names, kinds and the rendered file set.
#include "core/errors.hpp"
#include "scaffold/project.hpp"
#include "scaffold/template_text.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace ssmd;
using namespace ssmd::scaffold;

TEST(ScaffoldFill, ReplacesEveryPlaceholderAndRefusesUnknownOnes) {
  EXPECT_EQ(fill("@A@-@B@ and @A@", {{"A", "x"}, {"B", "yy"}}), "x-yy and x");
  EXPECT_EQ(fill("no placeholders", {}), "no placeholders");
  // Values are not scanned again: a value may contain anything.
  EXPECT_EQ(fill("@A@", {{"A", "@B@"}}), "@B@");
  EXPECT_THROW(fill("@MISSING@", {{"A", "x"}}), std::logic_error);
  EXPECT_THROW(fill("mail me @ home", {}), std::logic_error);
}

TEST(ScaffoldSpec, TheNamePrefixChoosesTheKindAndIsStrippedFromTheId) {
  auto feed = make_spec("feed-acme", std::nullopt);
  EXPECT_EQ(feed.kind, Kind::Feed);
  EXPECT_EQ(feed.id, "acme");
  EXPECT_EQ(make_spec("schema-acme", std::nullopt).kind, Kind::SchemaFormat);
  EXPECT_EQ(make_spec("schema-acme", std::nullopt).id, "acme");
  EXPECT_EQ(make_spec("secrets-acme", std::nullopt).kind, Kind::Secret);
  EXPECT_EQ(make_spec("storage-acme", std::nullopt).kind, Kind::Storage);
  auto bare = make_spec("acme", std::nullopt);
  EXPECT_EQ(bare.kind, Kind::Feed);
  EXPECT_EQ(bare.id, "acme");
  // An explicit kind strips only its own prefix.
  auto storage = make_spec("feed-acme", Kind::Storage);
  EXPECT_EQ(storage.kind, Kind::Storage);
  EXPECT_EQ(storage.id, "feed-acme");
  EXPECT_EQ(make_spec("storage-acme", Kind::Storage).id, "acme");
}

TEST(ScaffoldSpec, InvalidNamesAreUsageErrors) {
  for (const char *name : {"", "Feed-acme", "feed acme", "9feed", "feed-", "feed-9x", "secrets-_x"}) {
    try {
      make_spec(name, std::nullopt);
      ADD_FAILURE() << "accepted '" << name << "'";
    } catch (const UsageError &) {
    }
  }
  EXPECT_THROW(make_spec(std::string(65, 'a'), std::nullopt), UsageError);
  EXPECT_NO_THROW(make_spec(std::string(64, 'a'), std::nullopt));
}

TEST(ScaffoldKinds, NamesRoundTrip) {
  for (Kind kind : {Kind::Feed, Kind::SchemaFormat, Kind::Secret, Kind::Storage})
    EXPECT_EQ(parse_kind(kind_name(kind)), kind);
  EXPECT_EQ(parse_kind("schema"), std::nullopt);
  EXPECT_EQ(kind_name(Kind::SchemaFormat), "schema-format");
}

TEST(ScaffoldRender, EachKindHasTheSameLayoutAndAskForTheHostsSdk) {
  for (const char *name : {"feed-acme_fx", "schema-acme", "secrets-acme", "storage-acme"}) {
    ProjectSpec spec = make_spec(name, std::nullopt);
    auto files = render_project(spec, "3.7.1");
    ASSERT_EQ(files.size(), 6u) << name;
    EXPECT_EQ(files[0].path, "CMakeLists.txt");
    EXPECT_NE(files[0].content.find("find_package(ssmd-sdk 3.7 REQUIRED)"), std::string::npos) << name;
    EXPECT_NE(files[1].content.find("ssmd plugin new " + std::string(name) + "` with ssmd 3.7.1"), std::string::npos)
        << files[1].content;
    for (const auto &file : files) EXPECT_EQ(file.content.find('@'), std::string::npos) << name << "/" << file.path;
  }
  auto feed = render_project(make_spec("feed-acme_fx", std::nullopt), "0.1.0");
  EXPECT_EQ(feed[3].path, "src/acme_fx_feed.cpp");
  EXPECT_NE(feed[3].content.find("class AcmeFxFeed"), std::string::npos);
  // '_' is not allowed in host names, so the made-up domain uses '-'.
  EXPECT_NE(feed[3].content.find("\"acme-fx.example\""), std::string::npos);
  EXPECT_EQ(feed[5].path, "tests/test_acme_fx_feed.cpp");
}
