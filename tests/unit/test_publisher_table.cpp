// The publisher extension point of ABI 1.3: the manifest kind, and how the host checks a plugin's table.
// Publishers live in two slots that were reserved before 1.3, so a plugin built against 1.2 (its slots
// NULL) must keep loading, and a 1.2 plugin's slots are never read as publishers.
#include "plugins/manifest.hpp"
#include "plugins/plugin_verify.hpp"

#include <gtest/gtest.h>

#include <cstring>

using namespace ssmd;

namespace {

ssmd_str s(const char *text) { return ssmd_str{text, std::strlen(text)}; }

ssmd_status prepare(const ssmd_host *, ssmd_str, ssmd_publish_limits *, const ssmd_sink *) { return SSMD_OK; }
ssmd_status read(const ssmd_host *, ssmd_str, const ssmd_publish_entry_sink *, const ssmd_sink *) { return SSMD_OK; }
ssmd_status apply(const ssmd_host *, ssmd_str, const ssmd_publish_batch *, const ssmd_publish_result_sink *,
                  const ssmd_sink *) {
  return SSMD_OK;
}

Manifest manifest(unsigned minor, bool publisher) {
  std::string error;
  auto m = parse_manifest("ssmd-manifest 1\nname publish-kv\nversion 1.0.0\nabi 1." + std::to_string(minor) + "\n" +
                              (publisher ? "provides publisher kv\n" : ""),
                          error);
  EXPECT_TRUE(m) << error;
  return *m;
}

struct Table {
  ssmd_publisher publisher{};
  const ssmd_publisher *list[1] = {&publisher};
  ssmd_plugin plugin{};
  explicit Table(uint16_t minor) {
    publisher.struct_size = sizeof publisher;
    publisher.scheme = s("kv");
    publisher.prepare = prepare;
    publisher.read = read;
    publisher.apply = apply;
    plugin.struct_size = sizeof plugin;
    plugin.abi_major = SSMD_ABI_VERSION_MAJOR;
    plugin.abi_minor = minor;
    plugin.name = s("publish-kv");
    plugin.version = s("1.0.0");
    plugin.publishers = list;
    plugin.publisher_count = 1;
  }
};

} // namespace

TEST(PublisherManifest, IsAKindOfItsOwn) {
  Manifest m = manifest(3, true);
  ASSERT_EQ(m.provides.size(), 1u);
  EXPECT_EQ(m.provides[0].kind, "publisher");
  EXPECT_EQ(m.provides[0].name, "kv");
  EXPECT_EQ(manifest_kinds(m), std::vector<std::string>{"publisher"});
  EXPECT_EQ(std::string(SSMD_PROVIDES_PUBLISHER("etcd")), "provides publisher etcd\n");
}

TEST(PublisherTable, A13PluginThatRegistersWhatItDeclaresIsAccepted) {
  Table t(3);
  EXPECT_EQ(verify_plugin_table(&t.plugin, manifest(3, true)), std::nullopt);
}

TEST(PublisherTable, EveryCallIsRequired) {
  for (int missing = 0; missing < 3; ++missing) {
    Table t(3);
    if (missing == 0) t.publisher.prepare = nullptr;
    if (missing == 1) t.publisher.read = nullptr;
    if (missing == 2) t.publisher.apply = nullptr;
    auto why = verify_plugin_table(&t.plugin, manifest(3, true));
    ASSERT_TRUE(why) << missing;
    EXPECT_NE(why->find("publisher 'kv' has no prepare, read or apply function"), std::string::npos) << *why;
  }
  Table small(3);
  small.publisher.struct_size = 8;
  auto why = verify_plugin_table(&small.plugin, manifest(3, true));
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("too small"), std::string::npos) << *why;
}

TEST(PublisherTable, ManifestAndCodeMustAgree) {
  Table t(3);
  auto undeclared = verify_plugin_table(&t.plugin, manifest(3, false));
  ASSERT_TRUE(undeclared);
  EXPECT_NE(undeclared->find("registers publisher 'kv', which its manifest does not declare"), std::string::npos);
  t.plugin.publisher_count = 0;
  auto unregistered = verify_plugin_table(&t.plugin, manifest(3, true));
  ASSERT_TRUE(unregistered);
  EXPECT_NE(unregistered->find("declares publisher 'kv', which its code does not register"), std::string::npos);
}

// A plugin built against ABI 1.2 has NULL where publishers now live: it loads as before. Its old reserved
// slots are not read as publishers, so even a non-NULL value there (which 1.2 forbade) is not called.
TEST(PublisherTable, APluginBuiltAgainst12KeepsLoadingAndItsSlotsAreNotRead) {
  Table old(2);
  old.plugin.publishers = nullptr;
  old.plugin.publisher_count = 0;
  EXPECT_EQ(verify_plugin_table(&old.plugin, manifest(2, false)), std::nullopt);
  Table junk(2);
  junk.plugin.publisher_count = 99;
  EXPECT_EQ(verify_plugin_table(&junk.plugin, manifest(2, false)), std::nullopt);
  // Declaring a publisher needs 1.3 code: a 1.2 table cannot register one.
  EXPECT_TRUE(verify_plugin_table(&old.plugin, manifest(2, true)));
}

TEST(PublisherTable, TheStructKeepsItsSizeAndLayout) {
  EXPECT_EQ(sizeof(ssmd_plugin), 184u);
  EXPECT_EQ(offsetof(ssmd_plugin, publishers), 120u);
  EXPECT_EQ(offsetof(ssmd_plugin, reserved), 136u);
}
