#include "fetch_pool.hpp"

#include "s3_url.hpp"
#include "text.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

namespace ssmd::s3 {

namespace {

class Pool {
public:
  Pool(const S3Client &client, const std::vector<std::string_view> &urls, uint64_t max_bytes, const FetchDone &done)
      : client_(client), urls_(urls), max_bytes_(max_bytes), done_(done) {}

  Outcome run() {
    size_t workers = std::min<size_t>(static_cast<size_t>(client_.settings().concurrency), urls_.size());
    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (size_t i = 0; i < workers; ++i) {
      try {
        threads.emplace_back([this] { work(); });
      } catch (const std::system_error &) {
        break; // the system would not give another thread: go on with the workers already running
      }
    }
    if (threads.empty()) work();
    for (auto &t : threads) t.join();
    return first_env_failure_.value_or(Outcome{});
  }

private:
  void work() {
    std::optional<HttpClient> http;
    for (size_t index = next_++; index < urls_.size(); index = next_++) {
      std::string content;
      Outcome outcome = fetch_one(http, index, content);
      std::lock_guard lock(mutex_);
      if (outcome.status == SSMD_ENV_ERROR && !first_env_failure_) first_env_failure_ = outcome;
      try {
        done_(index, outcome, content);
      } catch (const std::exception &e) {
        // The receiver failed (out of memory, most likely); remember it rather than end the process.
        if (!first_env_failure_) first_env_failure_ = Outcome{SSMD_ENV_ERROR, "s3/internal", e.what()};
      }
    }
  }

  Outcome fetch_one(std::optional<HttpClient> &http, size_t index, std::string &content) {
    {
      std::lock_guard lock(mutex_);
      if (first_env_failure_)
        return {SSMD_ENV_ERROR, first_env_failure_->rule, "not requested: " + first_env_failure_->message};
    }
    std::string error;
    std::optional<S3Url> url = parse_s3_url(urls_[index], error);
    if (!url) return {SSMD_FAILED, "s3/bad-url", error};
    if (url->key.empty() || url->key.back() == '/')
      return {SSMD_FAILED, "s3/bad-url", concat("'", urls_[index], "' names a folder, not an object")};
    try {
      if (!http) http.emplace();
      return client_.get(*http, url->bucket, url->key, max_bytes_, content);
    } catch (const std::exception &e) {
      // Nothing may escape a worker thread; the object fails and the others go on.
      return {SSMD_ENV_ERROR, "s3/internal", concat("fetching ", urls_[index], " failed: ", e.what())};
    }
  }

  const S3Client &client_;
  const std::vector<std::string_view> &urls_;
  uint64_t max_bytes_;
  const FetchDone &done_;
  std::atomic<size_t> next_{0};
  std::mutex mutex_;
  std::optional<Outcome> first_env_failure_;
};

} // namespace

Outcome fetch_all(const S3Client &client, const std::vector<std::string_view> &urls, uint64_t max_bytes,
                  const FetchDone &done) {
  if (urls.empty()) return {};
  return Pool(client, urls, max_bytes, done).run();
}

} // namespace ssmd::s3
