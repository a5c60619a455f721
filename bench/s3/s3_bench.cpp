// Times the storage-s3 plugin through its C ABI, as the host calls it: list a folder of daily manifests,
// then fetch every object listed. Two sizes: one month (31 days) and 400 days. Run it through run.sh,
// which starts s3rver with the data and sets the AWS_* variables.
//
//   s3_bench --plugin build/plugins/storage-s3.so --bucket bench --month kalshi/2025/01 --all kalshi [--reps 5]
#include <ssmd/plugin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <map>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

ssmd_str str(const std::string &s) { return {s.data(), s.size()}; }

struct Options {
  std::string plugin, bucket, month, all;
  int reps = 5;
};

struct Timing {
  double list_s = 0, fetch_s = 0;
  size_t listed = 0, fetched = 0, failed = 0;
  uint64_t bytes = 0;
};

void print_diagnostic(void *, const ssmd_diagnostic *d) {
  std::fprintf(stderr, "  plugin: [%.*s] %.*s\n", static_cast<int>(d->rule.size), d->rule.data,
               static_cast<int>(d->message.size), d->message.data);
}

Timing run_once(const ssmd_storage_backend &backend, const ssmd_host &host, const std::string &folder_url) {
  Timing t;
  ssmd_sink sink{nullptr, print_diagnostic};
  std::vector<std::string> urls;
  ssmd_storage_entry_sink entries{&urls, [](void *ctx, ssmd_str key, uint64_t) {
                                    static_cast<std::vector<std::string> *>(ctx)->emplace_back(key.data, key.size);
                                  }};
  auto start = Clock::now();
  ssmd_status listed = backend.list(&host, str(folder_url), &entries, &sink);
  auto listed_at = Clock::now();
  if (listed != SSMD_OK) std::fprintf(stderr, "  list %s failed with status %d\n", folder_url.c_str(), listed);
  t.listed = urls.size();
  for (auto &u : urls) u = folder_url + "/" + u;

  std::vector<ssmd_str> c_urls;
  for (const auto &u : urls) c_urls.push_back(str(u));
  struct Tally {
    std::atomic<size_t> ok{0}, failed{0};
    std::atomic<uint64_t> bytes{0};
  } tally;
  ssmd_storage_fetch_sink done{&tally, [](void *ctx, size_t, ssmd_status status, ssmd_str content, ssmd_str) {
                                 auto *t = static_cast<Tally *>(ctx);
                                 if (status == SSMD_OK) {
                                   ++t->ok;
                                   t->bytes += content.size;
                                 } else {
                                   ++t->failed;
                                 }
                               }};
  ssmd_status fetched = backend.fetch(&host, c_urls.data(), c_urls.size(), 1 << 20, &done, &sink);
  auto fetched_at = Clock::now();
  if (fetched != SSMD_OK) std::fprintf(stderr, "  fetch failed with status %d\n", fetched);
  t.list_s = std::chrono::duration<double>(listed_at - start).count();
  t.fetch_s = std::chrono::duration<double>(fetched_at - listed_at).count();
  t.fetched = tally.ok;
  t.failed = tally.failed;
  t.bytes = tally.bytes;
  return t;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Runs one scenario `reps` times and prints its line; returns whether the median total met `target_s`.
bool scenario(const char *name, const ssmd_storage_backend &backend, const ssmd_host &host, const std::string &url,
              int reps, double target_s) {
  std::vector<double> lists, fetches, totals;
  Timing last;
  for (int i = 0; i < reps; ++i) {
    last = run_once(backend, host, url);
    lists.push_back(last.list_s);
    fetches.push_back(last.fetch_s);
    totals.push_back(last.list_s + last.fetch_s);
  }
  double total = median(totals);
  bool ok = total < target_s && last.failed == 0 && last.fetched == last.listed && last.listed > 0;
  std::printf("%-9s %6zu objects %8.1f KiB  list %7.3f s  fetch %7.3f s  total %7.3f s (best %.3f)  target < %.0f s  %s\n",
              name, last.listed, static_cast<double>(last.bytes) / 1024.0, median(lists), median(fetches), total,
              *std::min_element(totals.begin(), totals.end()), target_s, ok ? "ok" : "MISSED");
  return ok;
}

} // namespace

int main(int argc, char **argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--plugin") o.plugin = value;
    else if (flag == "--bucket") o.bucket = value;
    else if (flag == "--month") o.month = value;
    else if (flag == "--all") o.all = value;
    else if (flag == "--reps") o.reps = std::max(1, std::atoi(value.c_str()));
    else {
      std::fprintf(stderr, "s3_bench: unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  if (o.plugin.empty() || o.bucket.empty() || o.month.empty() || o.all.empty()) {
    std::fprintf(stderr, "usage: s3_bench --plugin PATH --bucket NAME --month PREFIX --all PREFIX [--reps N]\n");
    return 2;
  }
  void *library = dlopen(o.plugin.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    std::fprintf(stderr, "s3_bench: %s\n", dlerror());
    return 3;
  }
  auto entry = reinterpret_cast<ssmd_plugin_entry_fn>(dlsym(library, SSMD_PLUGIN_ENTRY_SYMBOL));
  // The bench has no repository: no documents and no configuration, so settings come from the environment.
  ssmd_host host{};
  host.struct_size = sizeof host;
  host.abi_major = SSMD_ABI_VERSION_MAJOR;
  host.abi_minor = SSMD_ABI_VERSION_MINOR;
  host.ssmd_version = {"bench", 5};
  const ssmd_plugin *plugin = entry ? entry(&host) : nullptr;
  if (!plugin || plugin->storage_backend_count == 0) {
    std::fprintf(stderr, "s3_bench: %s has no storage backend\n", o.plugin.c_str());
    return 3;
  }
  const ssmd_storage_backend &backend = *plugin->storage_backends[0];

  const std::string base = "s3://" + o.bucket + "/";
  std::printf("storage-s3 through its C ABI, median of %d runs (list, then fetch every listed object)\n", o.reps);
  bool month_ok = scenario("31 days", backend, host, base + o.month, o.reps, 1.0);
  bool all_ok = scenario("400 days", backend, host, base + o.all, o.reps, 3.0);
  return month_ok && all_ok ? 0 : 1;
}
