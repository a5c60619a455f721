/* A feed plugin as ABI 1.2 laid it out: its rules in the plain `ssmd_rule_info` array, which has no
 * struct_size, no severity and no category, and its manifest saying `abi 1.2`. The slot ABI 1.3 gave the rule
 * table was reserved then; this plugin leaves garbage in it, as the rule "must be NULL" was not enforced, so a
 * host that read the slot from a 1.2 plugin would crash here. ssmd must load it, list its rules, and never
 * touch the slot. The next slot (ABI 1.4's `context`) holds garbage too: a host that handed it back would
 * give this plugin a `host->context` it never set. */
#include <ssmd/plugin.h>

#include <stddef.h>

#define STR(s) {s, sizeof(s) - 1}

__attribute__((section(SSMD_MANIFEST_SECTION), used, aligned(1))) const char ssmd_plugin_manifest_[] =
    "ssmd-manifest 1\nname test-old-rules\nversion 0.9.0\nabi 1.2\nprovides feed t-old-rules\n";

static ssmd_status check_feed(const ssmd_feed_context *ctx, const ssmd_node *feed) {
  (void)ctx;
  (void)feed;
  return SSMD_OK;
}

static const ssmd_rule_info rules[] = {
    {STR("t-old-rules/endpoint-host"), STR("Checks that endpoints are on old.example."), STR("https://old.example/docs")},
    {STR("t-old-rules/channel"), STR("Checks that channels are known."), STR("")},
};

static const ssmd_feed_validator feed = {sizeof(ssmd_feed_validator), STR("t-old-rules"), check_feed, NULL, rules, 2,
                                         (const ssmd_rule_table *)(uintptr_t)0x10, (void *)(uintptr_t)0x20, {0}};
static const ssmd_feed_validator *const feeds[] = {&feed};
static const ssmd_plugin plugin = {sizeof(ssmd_plugin), 1, 2, STR("test-old-rules"), STR("0.9.0"), feeds, 1, NULL, 0,
                                   NULL, 0, NULL, 0, NULL, 0, NULL, 0, {0}};

__attribute__((visibility("default"))) const ssmd_plugin *ssmd_plugin_entry(const ssmd_host *host) {
  (void)host;
  return &plugin;
}
