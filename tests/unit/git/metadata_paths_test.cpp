// Which paths are metadata, and what each defines.
#include "git/metadata_paths.hpp"

#include <gtest/gtest.h>

using namespace ssmd::git;

TEST(GitMetadataPaths, MetadataIsExchangesAndTheLock) {
  EXPECT_TRUE(is_metadata_path("exchanges/feeds/kalshi.yaml"));
  EXPECT_TRUE(is_metadata_path("ssmd-plugins.lock"));
  EXPECT_FALSE(is_metadata_path("exchanges"));
  EXPECT_FALSE(is_metadata_path("exchanges-old/feeds/kalshi.yaml"));
  EXPECT_FALSE(is_metadata_path("README.md"));
  EXPECT_FALSE(is_metadata_path("sub/ssmd-plugins.lock"));
}

TEST(GitMetadataPaths, Classify) {
  auto check = [](const char *path, DefinitionKind kind, const char *name) {
    Definition d = classify(path);
    EXPECT_EQ(d.kind, kind) << path;
    EXPECT_EQ(d.name, name) << path;
  };
  check("exchanges/feeds/kalshi.yaml", DefinitionKind::Feed, "kalshi");
  check("exchanges/schemas/trade.yaml", DefinitionKind::Schema, "trade");
  check("exchanges/schemas/trade.v2.capnp", DefinitionKind::SchemaFile, "trade.v2.capnp");
  check("exchanges/environments/kalshi-dev.yaml", DefinitionKind::Environment, "kalshi-dev");
  check("ssmd-plugins.lock", DefinitionKind::PluginLock, "ssmd-plugins.lock");
  check("exchanges/feeds/kalshi.yml", DefinitionKind::Other, "exchanges/feeds/kalshi.yml");
  check("exchanges/feeds/.yaml", DefinitionKind::Other, "exchanges/feeds/.yaml");
  check("exchanges/feeds/a/b.yaml", DefinitionKind::Other, "exchanges/feeds/a/b.yaml");
  EXPECT_EQ(definition_path(DefinitionKind::Environment, "x"), "exchanges/environments/x.yaml");
}
