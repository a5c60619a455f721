#include "plugin_calls.hpp"

#include "test_servers.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <stdexcept>

namespace ssmd::test::s3 {

namespace {
std::string text(ssmd_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }

const ssmd_storage_backend &backend(const LoadedPlugin &plugin) {
  const ssmd_storage_backend *b = plugin.storage_backend("s3");
  if (!b) throw std::runtime_error("storage-s3 registers no backend for the s3 scheme");
  return *b;
}

struct FetchContext {
  std::mutex mutex;
  Fetch *out;
};
} // namespace

void list(const LoadedPlugin &plugin, const std::string &url, Listing &out) {
  ssmd_storage_entry_sink sink{&out, [](void *ctx, ssmd_str key, uint64_t size) {
                                 static_cast<Listing *>(ctx)->entries.emplace_back(text(key), size);
                               }};
  out.status = backend(plugin).list(plugin.host(), str(url), &sink, out.diagnostics.sink());
}

void fetch(const LoadedPlugin &plugin, const std::vector<std::string> &urls, uint64_t max_bytes, Fetch &out) {
  std::vector<ssmd_str> c_urls;
  for (const auto &u : urls) c_urls.push_back(str(u));
  out.results.assign(urls.size(), FetchedObject{});
  FetchContext context{{}, &out};
  // The ABI allows `done` from several threads at once, so the receiver locks.
  ssmd_storage_fetch_sink sink{&context, [](void *ctx, size_t index, ssmd_status status, ssmd_str content, ssmd_str error) {
                                 auto *c = static_cast<FetchContext *>(ctx);
                                 std::lock_guard lock(c->mutex);
                                 if (index >= c->out->results.size()) { // never throw across the C boundary
                                   ++c->out->bad_indexes;
                                   return;
                                 }
                                 FetchedObject &r = c->out->results[index];
                                 r.status = status;
                                 r.content = text(content);
                                 r.error = text(error);
                                 ++r.calls;
                               }};
  auto started = std::chrono::steady_clock::now();
  out.status = backend(plugin).fetch(plugin.host(), c_urls.data(), c_urls.size(), max_bytes, &sink,
                                     out.diagnostics.sink());
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

ScopedEnv::ScopedEnv(std::initializer_list<std::pair<const char *, std::optional<std::string>>> values) {
  for (const auto &[name, value] : values) {
    const char *old = std::getenv(name);
    saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    if (value) setenv(name, value->c_str(), 1);
    else unsetenv(name);
  }
}

ScopedEnv::~ScopedEnv() {
  for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
    if (it->second) setenv(it->first.c_str(), it->second->c_str(), 1);
    else unsetenv(it->first.c_str());
  }
}

ScopedEnv s3_environment(const std::string &endpoint, const std::string &key, const std::string &secret) {
  return ScopedEnv{{"AWS_ACCESS_KEY_ID", key},
                   {"AWS_SECRET_ACCESS_KEY", secret},
                   {"AWS_SESSION_TOKEN", std::nullopt},
                   {"AWS_REGION", std::nullopt},
                   {"AWS_DEFAULT_REGION", std::nullopt},
                   {"AWS_ENDPOINT_URL_S3", endpoint},
                   {"AWS_ENDPOINT_URL", std::nullopt},
                   {"SSMD_S3_MAX_KEYS", std::nullopt},
                   {"SSMD_S3_CONCURRENCY", std::nullopt},
                   {"SSMD_S3_MAX_ATTEMPTS", std::nullopt},
                   {"SSMD_S3_CONNECT_TIMEOUT_MS", std::nullopt},
                   {"SSMD_S3_TIMEOUT_MS", std::nullopt},
                   {"SSMD_S3_RETRY_BASE_MS", "20"},
                   {"SSMD_S3_RETRY_CAP_MS", "200"}};
}

std::vector<std::string> manifest_urls(const std::string &first, int count) {
  std::tm day{};
  day.tm_year = std::stoi(first.substr(0, 4)) - 1900;
  day.tm_mon = std::stoi(first.substr(5, 2)) - 1;
  day.tm_mday = std::stoi(first.substr(8, 2));
  day.tm_hour = 12;
  std::time_t t = timegm(&day);
  std::vector<std::string> urls;
  for (int i = 0; i < count; ++i, t += 86400) {
    std::tm d{};
    gmtime_r(&t, &d);
    char path[64];
    std::snprintf(path, sizeof path, "kalshi/%04d/%02d/%02d/manifest.json", d.tm_year + 1900, d.tm_mon + 1, d.tm_mday);
    urls.push_back(std::string("s3://") + k_bucket + "/" + path);
  }
  return urls;
}

} // namespace ssmd::test::s3
