/* A feed plugin whose registrations match its manifest but whose rule table (ABI 1.3) is malformed in every
 * way the host checks: an id that is not family/name, an id listed twice, a severity outside ssmd_severity, a
 * category of two words, a purpose with an escape sequence, and a rule whose struct_size is too small. ssmd
 * must refuse to load it, and `ssmd plugin check` must name each problem. Written in C against the header,
 * as a plugin without the C++ layer would be. */
#include <ssmd/plugin.h>

#include <stddef.h>

#define STR(s) {s, sizeof(s) - 1}

SSMD_PLUGIN_MANIFEST("test-bad-rules", "1.0.0", SSMD_PROVIDES_FEED("t-bad-rules"))

static ssmd_status check_feed(const ssmd_feed_context *ctx, const ssmd_node *feed) {
  (void)ctx;
  (void)feed;
  return SSMD_OK;
}

static const ssmd_rule good = {sizeof(ssmd_rule), STR("t-bad-rules/fine"), SSMD_SEVERITY_ERROR, STR("endpoint"),
                               STR("Checks something."), STR(""), {0}};
static const ssmd_rule not_an_id = {sizeof(ssmd_rule), STR("Not An Id"), SSMD_SEVERITY_ERROR, STR("endpoint"),
                                    STR("Checks something."), STR(""), {0}};
static const ssmd_rule twice = {sizeof(ssmd_rule), STR("t-bad-rules/fine"), SSMD_SEVERITY_ERROR, STR("endpoint"),
                                STR("Checks something."), STR(""), {0}};
static const ssmd_rule bad_severity = {sizeof(ssmd_rule), STR("t-bad-rules/severity"), (ssmd_severity)7,
                                       STR("endpoint"), STR("Checks something."), STR(""), {0}};
static const ssmd_rule bad_category = {sizeof(ssmd_rule), STR("t-bad-rules/category"), SSMD_SEVERITY_WARNING,
                                       STR("two words"), STR("Checks something."), STR(""), {0}};
static const ssmd_rule bad_purpose = {sizeof(ssmd_rule), STR("t-bad-rules/purpose"), SSMD_SEVERITY_WARNING,
                                      STR("endpoint"), STR("Clears \x1b[2J the screen."), STR(""), {0}};
static const ssmd_rule too_small = {8, STR("t-bad-rules/small"), SSMD_SEVERITY_ERROR, STR("endpoint"),
                                    STR("Checks something."), STR(""), {0}};
static const ssmd_rule *const rules[] = {&good, &not_an_id, &twice, &bad_severity, &bad_category, &bad_purpose,
                                         &too_small};
static const ssmd_rule_table table = {sizeof(ssmd_rule_table), rules, sizeof(rules) / sizeof(rules[0]), {0}};

static const ssmd_feed_validator feed = {sizeof(ssmd_feed_validator), STR("t-bad-rules"), check_feed, NULL, NULL, 0,
                                         &table, NULL, {0}};
static const ssmd_feed_validator *const feeds[] = {&feed};
static const ssmd_plugin plugin = {sizeof(ssmd_plugin), SSMD_ABI_VERSION_MAJOR, SSMD_ABI_VERSION_MINOR,
                                   STR("test-bad-rules"), STR("1.0.0"), feeds, 1, NULL, 0, NULL, 0, NULL, 0, NULL, 0,
                                   NULL, 0, {0}};

__attribute__((visibility("default"))) const ssmd_plugin *ssmd_plugin_entry(const ssmd_host *host) {
  (void)host;
  return &plugin;
}
