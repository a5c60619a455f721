// A plugin that misbehaves on purpose, written against the raw C ABI, in every extension point, so that a
// test can show that each command contains it. The name of each extension says what it does:
//   crash   raises SIGSEGV                       abort   calls abort()
//   hang    never returns                        throw   throws a C++ exception through the C boundary
//   stdout  prints to its standard output, then behaves ("calm", for a feed, also reports one warning)
//   spawn   starts a process that sleeps for a minute, appends its pid to the file named by
//           SSMD_TEST_GRANDCHILD_FILE, then behaves
//   deep    uses 80 MiB of stack, which only the stack ssmd's workers give plugin calls holds, then behaves
//           as "calm" does
// Feed validators: crash, abort, hang, throw, calm, stdout, spawn, deep. Schema formats: crash, hang, stdout.
// Secret backends (prefixes): crash, abort, hang, stdout, spawn; they resolve every field to "faulty-value".
// Storage backends (schemes): crash, hang, stdout; they list nothing. Publishers (schemes): crash and hang
// misbehave when reading; crash-apply reads an empty store and crashes when writing. Command: `faulty-crash`
// (SIGSEGV).
#include <ssmd/plugin.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>
#include <unistd.h>

SSMD_PLUGIN_MANIFEST("test-faulty", "1.0.0",
                     SSMD_PROVIDES_FEED("crash") SSMD_PROVIDES_FEED("abort") SSMD_PROVIDES_FEED("hang")
                         SSMD_PROVIDES_FEED("throw") SSMD_PROVIDES_FEED("calm") SSMD_PROVIDES_FEED("stdout")
                             SSMD_PROVIDES_FEED("spawn") SSMD_PROVIDES_FEED("deep") SSMD_PROVIDES_SCHEMA_FORMAT("crash")
                                 SSMD_PROVIDES_SCHEMA_FORMAT("hang") SSMD_PROVIDES_SCHEMA_FORMAT("stdout")
                                     SSMD_PROVIDES_SECRET("crash") SSMD_PROVIDES_SECRET("abort")
                                         SSMD_PROVIDES_SECRET("hang") SSMD_PROVIDES_SECRET("stdout")
                                             SSMD_PROVIDES_SECRET("spawn") SSMD_PROVIDES_STORAGE("crash")
                                                 SSMD_PROVIDES_STORAGE("hang") SSMD_PROVIDES_STORAGE("stdout")
                                                     SSMD_PROVIDES_PUBLISHER("crash") SSMD_PROVIDES_PUBLISHER("hang")
                                                         SSMD_PROVIDES_PUBLISHER("crash-apply")
                                                             SSMD_PROVIDES_COMMAND("faulty-crash", "Crash with SIGSEGV"))

namespace {

ssmd_str str(const char *s) { return ssmd_str{s, std::strlen(s)}; }
std::string text(ssmd_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }

constexpr char kCrash[] = "crash", kAbort[] = "abort", kHang[] = "hang", kThrow[] = "throw", kCalm[] = "calm",
               kStdout[] = "stdout", kSpawn[] = "spawn", kDeep[] = "deep";

// Uses `bytes` of stack, 64 KiB a frame; volatile, so that no frame is optimised away.
int use_stack(size_t bytes) {
  volatile char frame[64 * 1024];
  frame[0] = 1;
  frame[sizeof frame - 1] = 1;
  if (bytes <= sizeof frame) return frame[0];
  return use_stack(bytes - sizeof frame) + frame[sizeof frame - 1];
}

// Does what `mode` says; returns when the mode lets the call go on.
void misbehave(const std::string &mode) {
  if (mode == "crash") std::raise(SIGSEGV);
  if (mode == "abort") std::abort();
  if (mode == "hang")
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
  if (mode == "throw") throw std::runtime_error("thrown past the C boundary");
  if (mode == "stdout") {
    std::printf("{ this is not JSON: the faulty plugin wrote to its standard output\n");
    std::fflush(stdout);
  }
  if (mode == "deep") use_stack(size_t(80) << 20);
  if (mode == "spawn") {
    pid_t child = ::fork();
    if (child == 0) {
      ::sleep(60);
      _exit(0);
    }
    // Written here, not by the child, so the pid is on file before the call returns.
    if (const char *file = std::getenv("SSMD_TEST_GRANDCHILD_FILE"); file && child > 0) {
      if (FILE *f = std::fopen(file, "a")) {
        std::fprintf(f, "%d\n", static_cast<int>(child));
        std::fclose(f);
      }
    }
  }
}

void report(const ssmd_sink *sink, const char *rule, const char *message, const char *path) {
  ssmd_diagnostic d{};
  d.struct_size = sizeof d;
  d.severity = SSMD_SEVERITY_WARNING;
  d.rule = str(rule);
  d.message = str(message);
  d.path = str(path);
  sink->report(sink->ctx, &d);
}

// ---- feed validators: the exchange names the mode.
template <const char *Exchange> ssmd_status check_feed(const ssmd_feed_context *ctx, const ssmd_node *) {
  const std::string mode = Exchange;
  misbehave(mode);
  if (mode == "calm" || mode == "stdout" || mode == "spawn" || mode == "deep")
    report(ctx->sink, "faulty/calm", "the calm validator looked at this feed", "versions[0].endpoint");
  return SSMD_OK;
}

template <const char *Exchange> ssmd_feed_validator feed() {
  ssmd_feed_validator v{};
  v.struct_size = sizeof v;
  v.exchange = str(Exchange);
  v.check_feed = check_feed<Exchange>;
  return v;
}

// ---- schema formats: the format names the mode.
thread_local std::string current_format;

ssmd_status schema_check(const ssmd_host *, const ssmd_schema_input *, const ssmd_sink *) {
  misbehave(current_format);
  return SSMD_OK;
}
ssmd_status schema_breaking(const ssmd_host *, const ssmd_schema_input *, const ssmd_schema_input *, const ssmd_sink *) {
  misbehave(current_format);
  return SSMD_OK;
}
ssmd_status schema_fingerprint(const ssmd_host *, const ssmd_schema_input *, const ssmd_bytes_sink *out,
                               const ssmd_sink *) {
  misbehave(current_format);
  out->write(out->ctx, str("faulty-schema:fingerprint"));
  return SSMD_OK;
}

// Each format gets its own entry points, which set the mode and call the shared ones.
template <const char *Format> struct SchemaFormat {
  static ssmd_status check(const ssmd_host *h, const ssmd_schema_input *i, const ssmd_sink *s) {
    current_format = Format;
    return schema_check(h, i, s);
  }
  static ssmd_status breaking(const ssmd_host *h, const ssmd_schema_input *a, const ssmd_schema_input *b,
                              const ssmd_sink *s) {
    current_format = Format;
    return schema_breaking(h, a, b, s);
  }
  static ssmd_status fingerprint(const ssmd_host *h, const ssmd_schema_input *i, const ssmd_bytes_sink *o,
                                 const ssmd_sink *s) {
    current_format = Format;
    return schema_fingerprint(h, i, o, s);
  }
  static ssmd_schema_format table() {
    ssmd_schema_format f{};
    f.struct_size = sizeof f;
    f.format = str(Format);
    f.extension = str("faulty");
    f.check = check;
    f.breaking = breaking;
    f.fingerprint = fingerprint;
    return f;
  }
};

// ---- secret backends: the prefix names the mode.
std::string prefix_of(const ssmd_secret_request *req) {
  std::string source = text(req->source);
  return source.substr(0, source.find('/'));
}

ssmd_status secret_check(const ssmd_host *, const ssmd_secret_request *, const ssmd_sink *) { return SSMD_OK; }

ssmd_status secret_resolve(const ssmd_host *host, const ssmd_secret_request *req, const ssmd_secret_sink *out,
                           const ssmd_sink *) {
  misbehave(prefix_of(req));
  const ssmd_doc_api *doc = host->doc;
  const ssmd_node *fields = doc->get(req->spec, str("fields"));
  for (size_t i = 0; i < doc->size(fields); ++i) out->field(out->ctx, doc->scalar(doc->at(fields, i)), str("faulty-value"));
  return SSMD_OK;
}

ssmd_secret_backend secret(const char *prefix) {
  ssmd_secret_backend b{};
  b.struct_size = sizeof b;
  b.prefix = str(prefix);
  b.check = secret_check;
  b.resolve = secret_resolve;
  return b;
}

// ---- storage backends: the scheme names the mode.
std::string scheme_of(ssmd_str url) {
  std::string u = text(url);
  return u.substr(0, u.find("://"));
}

ssmd_status storage_list(const ssmd_host *, ssmd_str url, const ssmd_storage_entry_sink *, const ssmd_sink *) {
  misbehave(scheme_of(url));
  return SSMD_OK;
}
ssmd_status storage_fetch(const ssmd_host *, const ssmd_str *urls, size_t count, uint64_t,
                          const ssmd_storage_fetch_sink *out, const ssmd_sink *) {
  if (count) misbehave(scheme_of(urls[0]));
  for (size_t i = 0; i < count; ++i) out->done(out->ctx, i, SSMD_FAILED, ssmd_str{nullptr, 0}, str("not there"));
  return SSMD_OK;
}

ssmd_storage_backend storage(const char *scheme) {
  ssmd_storage_backend b{};
  b.struct_size = sizeof b;
  b.scheme = str(scheme);
  b.list = storage_list;
  b.fetch = storage_fetch;
  return b;
}

// ---- publishers: the scheme names the mode; "crash-apply" crashes in apply only.
ssmd_status publish_prepare(const ssmd_host *, ssmd_str, ssmd_publish_limits *, const ssmd_sink *) { return SSMD_OK; }
ssmd_status publish_read(const ssmd_host *, ssmd_str url, const ssmd_publish_entry_sink *, const ssmd_sink *) {
  if (scheme_of(url) != "crash-apply") misbehave(scheme_of(url));
  return SSMD_OK;
}
ssmd_status publish_apply(const ssmd_host *, ssmd_str, const ssmd_publish_batch *, const ssmd_publish_result_sink *,
                          const ssmd_sink *) {
  misbehave("crash");
  return SSMD_OK;
}

ssmd_publisher publisher(const char *scheme) {
  ssmd_publisher b{};
  b.struct_size = sizeof b;
  b.scheme = str(scheme);
  b.prepare = publish_prepare;
  b.read = publish_read;
  b.apply = publish_apply;
  return b;
}

// ---- the command.
int crash_command(const ssmd_host *, int, const char *const *) {
  misbehave("crash");
  return 0;
}

const ssmd_feed_validator k_feeds[] = {feed<kCrash>(), feed<kAbort>(),  feed<kHang>(),  feed<kThrow>(),
                                       feed<kCalm>(),  feed<kStdout>(), feed<kSpawn>(), feed<kDeep>()};
const ssmd_feed_validator *const k_feed_table[] = {&k_feeds[0], &k_feeds[1], &k_feeds[2], &k_feeds[3],
                                                   &k_feeds[4], &k_feeds[5], &k_feeds[6], &k_feeds[7]};
const ssmd_schema_format k_formats[] = {SchemaFormat<kCrash>::table(), SchemaFormat<kHang>::table(),
                                        SchemaFormat<kStdout>::table()};
const ssmd_schema_format *const k_format_table[] = {&k_formats[0], &k_formats[1], &k_formats[2]};
const ssmd_secret_backend k_secrets[] = {secret("crash"), secret("abort"), secret("hang"), secret("stdout"),
                                         secret("spawn")};
const ssmd_secret_backend *const k_secret_table[] = {&k_secrets[0], &k_secrets[1], &k_secrets[2], &k_secrets[3],
                                                     &k_secrets[4]};
const ssmd_storage_backend k_storages[] = {storage("crash"), storage("hang"), storage("stdout")};
const ssmd_storage_backend *const k_storage_table[] = {&k_storages[0], &k_storages[1], &k_storages[2]};
const ssmd_publisher k_publishers[] = {publisher("crash"), publisher("hang"), publisher("crash-apply")};
const ssmd_publisher *const k_publisher_table[] = {&k_publishers[0], &k_publishers[1], &k_publishers[2]};
const ssmd_subcommand k_command = [] {
  ssmd_subcommand c{};
  c.struct_size = sizeof c;
  c.name = str("faulty-crash");
  c.summary = str("Crash with SIGSEGV");
  c.run = crash_command;
  return c;
}();
const ssmd_subcommand *const k_command_table[] = {&k_command};

} // namespace

extern "C" __attribute__((visibility("default"))) const ssmd_plugin *ssmd_plugin_entry(const ssmd_host *) {
  static ssmd_plugin plugin = [] {
    ssmd_plugin p{};
    p.struct_size = sizeof p;
    p.abi_major = SSMD_ABI_VERSION_MAJOR;
    p.abi_minor = SSMD_ABI_VERSION_MINOR;
    p.name = str("test-faulty");
    p.version = str("1.0.0");
    p.feed_validators = k_feed_table;
    p.feed_validator_count = std::size(k_feed_table);
    p.schema_formats = k_format_table;
    p.schema_format_count = 3;
    p.secret_backends = k_secret_table;
    p.secret_backend_count = 5;
    p.storage_backends = k_storage_table;
    p.storage_backend_count = 3;
    p.publishers = k_publisher_table;
    p.publisher_count = 3;
    p.subcommands = k_command_table;
    p.subcommand_count = 1;
    return p;
  }();
  return &plugin;
}
