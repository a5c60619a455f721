// A plugin that misbehaves on purpose, written against the raw C ABI: feed validators for the exchanges
// "crash" (SIGSEGV), "abort" (SIGABRT), "hang" (never returns), "throw" (a C++ exception through the C
// boundary, which the SDK's C++ layer would have caught) and "calm" (reports one warning, so a test can
// see the healthy files of the same run).
#include <ssmd/plugin.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>

SSMD_PLUGIN_MANIFEST("test-faulty", "1.0.0",
                     SSMD_PROVIDES_FEED("crash") SSMD_PROVIDES_FEED("abort") SSMD_PROVIDES_FEED("hang")
                         SSMD_PROVIDES_FEED("throw") SSMD_PROVIDES_FEED("calm"))

namespace {

ssmd_str str(const char *s) { return ssmd_str{s, std::strlen(s)}; }

ssmd_status crash(const ssmd_feed_context *, const ssmd_node *) {
  std::raise(SIGSEGV);
  return SSMD_OK;
}
ssmd_status abort_now(const ssmd_feed_context *, const ssmd_node *) { std::abort(); }
ssmd_status hang(const ssmd_feed_context *, const ssmd_node *) {
  for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
}
ssmd_status throw_through(const ssmd_feed_context *, const ssmd_node *) {
  throw std::runtime_error("thrown past the C boundary");
}
ssmd_status calm(const ssmd_feed_context *ctx, const ssmd_node *) {
  ssmd_diagnostic d{};
  d.struct_size = sizeof d;
  d.severity = SSMD_SEVERITY_WARNING;
  d.rule = str("faulty/calm");
  d.message = str("the calm validator looked at this feed");
  d.path = str("versions[0].endpoint");
  ctx->sink->report(ctx->sink->ctx, &d);
  return SSMD_OK;
}

ssmd_feed_validator make(const char *exchange, ssmd_status (*fn)(const ssmd_feed_context *, const ssmd_node *)) {
  ssmd_feed_validator v{};
  v.struct_size = sizeof v;
  v.exchange = str(exchange);
  v.check_feed = fn;
  return v;
}

const ssmd_feed_validator k_validators[] = {make("crash", crash), make("abort", abort_now), make("hang", hang),
                                            make("throw", throw_through), make("calm", calm)};
const ssmd_feed_validator *const k_table[] = {&k_validators[0], &k_validators[1], &k_validators[2], &k_validators[3],
                                              &k_validators[4]};

} // namespace

extern "C" __attribute__((visibility("default"))) const ssmd_plugin *ssmd_plugin_entry(const ssmd_host *) {
  static ssmd_plugin plugin = [] {
    ssmd_plugin p{};
    p.struct_size = sizeof p;
    p.abi_major = SSMD_ABI_VERSION_MAJOR;
    p.abi_minor = SSMD_ABI_VERSION_MINOR;
    p.name = str("test-faulty");
    p.version = str("1.0.0");
    p.feed_validators = k_table;
    p.feed_validator_count = 5;
    return p;
  }();
  return &plugin;
}
