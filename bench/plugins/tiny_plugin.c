/* A minimal plugin in plain C, compiled once per benchmark plugin with its names given by -D:
 *   cc -shared -fPIC -DBENCH_NAME='"bench-007"' -DBENCH_FEED='"bench-feed-007"' -DBENCH_COMMAND='"bench-cmd-007"'
 * It provides one feed validator and one command, like a typical exchange plugin. The benchmark never
 * loads it: what is measured is how fast the host lists many plugins without opening them. */
#include <ssmd/plugin.h>

#include <stdio.h>

#define STR(s) { s, sizeof(s) - 1 }

SSMD_PLUGIN_MANIFEST(BENCH_NAME, "1.0.0",
                     SSMD_PROVIDES_FEED(BENCH_FEED) SSMD_PROVIDES_COMMAND(BENCH_COMMAND, "A benchmark plugin's command"))

static ssmd_status check_feed(const ssmd_feed_context *ctx, const ssmd_node *feed) {
  (void)ctx;
  (void)feed;
  return SSMD_OK;
}

static int run(const ssmd_host *host, int argc, const char *const *argv) {
  (void)host;
  (void)argc;
  printf("%s ran\n", argv[0]);
  return 0;
}

static const ssmd_feed_validator feed = {sizeof(ssmd_feed_validator), STR(BENCH_FEED), check_feed, NULL, NULL, 0, NULL,
                                         {0}};
static const ssmd_subcommand command = {sizeof(ssmd_subcommand), STR(BENCH_COMMAND), STR("A benchmark plugin's command"),
                                        run, {0}};
static const ssmd_feed_validator *const feeds[] = {&feed};
static const ssmd_subcommand *const commands[] = {&command};
static const ssmd_plugin plugin = {sizeof(ssmd_plugin), SSMD_ABI_VERSION_MAJOR, SSMD_ABI_VERSION_MINOR,
                                   STR(BENCH_NAME), STR("1.0.0"), feeds, 1, NULL, 0, NULL, 0, NULL, 0,
                                   commands, 1, NULL, 0, {0}};

__attribute__((visibility("default"))) const ssmd_plugin *ssmd_plugin_entry(const ssmd_host *host) {
  (void)host;
  return &plugin;
}
