// storage-s3: the storage backend for `s3://bucket/key` URLs. Lists with ListObjectsV2 and reads with
// GetObject, signed with AWS Signature Version 4, against AWS or any S3-compatible endpoint (path-style).
#include "fetch_pool.hpp"
#include "s3_client.hpp"
#include "s3_rules.hpp"
#include "s3_url.hpp"
#include "settings.hpp"

#include <ssmd/plugin.hpp>

#include <cstdlib>

namespace {

using namespace ssmd::s3;

std::optional<std::string> from_environment(const std::string &name) {
  const char *value = std::getenv(name.c_str());
  return value ? std::optional<std::string>(value) : std::nullopt;
}

// Reads `s3.*` configuration keys. A value of the wrong shape is passed on as text that fails validation,
// so it is reported rather than ignored. Every `s3.*` key says where signed requests go or how they are
// made, so only trusted layers are asked (ABI 1.3): a cloned repository's files cannot point ssmd's
// credentials at another server.
// `flags_only` asks only for values a command-line flag set (ABI 1.2), which outrank the environment.
Lookup configuration(const ssmd::Host &host, bool flags_only = false) {
  return [&host, flags_only](const std::string &key) -> std::optional<std::string> {
    ssmd::Node node = flags_only ? host.flag_config(key) : host.trusted_config(key);
    if (node.is_scalar()) return std::string(node.str());
    if (node.is_map()) return std::string("(a mapping)");
    if (node.is_sequence()) return std::string("(a list)");
    return std::nullopt;
  };
}

std::optional<Settings> settings_for(const ssmd::Host &host, ssmd::Diagnostics &out, ssmd_status &status) {
  SettingsProblem problem;
  std::optional<Settings> settings = load_settings(from_environment, configuration(host), problem, configuration(host, true));
  if (!settings) {
    out.error(problem.rule, "", problem.message);
    status = problem.environment ? SSMD_ENV_ERROR : SSMD_FAILED;
  }
  return settings;
}

class S3Storage : public ssmd::StorageBackend {
public:
  // Emits each object under the folder `url` names, with its key relative to that folder: listing
  // s3://b/data gives "kalshi/2025/01/01/manifest.json" for the object data/kalshi/2025/01/01/manifest.json.
  ssmd_status list(const ssmd::Host &host, std::string_view url,
                   const std::function<void(std::string_view key, uint64_t size)> &emit,
                   ssmd::Diagnostics &out) override {
    std::string error;
    std::optional<S3Url> parsed = parse_s3_url(url, error);
    if (!parsed) {
      out.error("s3/bad-url", "", error);
      return SSMD_FAILED;
    }
    ssmd_status status = SSMD_OK;
    std::optional<Settings> settings = settings_for(host, out, status);
    if (!settings) return status;

    const std::string prefix = folder_prefix(*parsed);
    S3Client client(*settings);
    HttpClient http;
    Outcome outcome = client.list(http, parsed->bucket, prefix, [&](const ListedObject &object) {
      // A zero-length "folder marker" whose key is the prefix itself is not an object under the folder.
      if (object.key.size() > prefix.size() && object.key.compare(0, prefix.size(), prefix) == 0)
        emit(std::string_view(object.key).substr(prefix.size()), object.size);
    });
    if (outcome.status != SSMD_OK) out.error(outcome.rule, "", outcome.message);
    return outcome.status;
  }

  // Reads each URL (s3://bucket/key). Every URL gets one `done` call; a missing object fails alone
  // (SSMD_FAILED) while the others succeed. The call returns SSMD_ENV_ERROR, with one diagnostic, when the
  // endpoint refused the credentials or could not be reached.
  ssmd_status fetch(const ssmd::Host &host, const std::vector<std::string_view> &urls, uint64_t max_bytes,
                    const std::function<void(size_t, const ssmd::FetchResult &)> &done,
                    ssmd::Diagnostics &out) override {
    if (urls.empty()) return SSMD_OK;
    ssmd_status status = SSMD_OK;
    std::optional<Settings> settings = settings_for(host, out, status);
    if (!settings) {
      ssmd::FetchResult failed{status, "", "not requested: the S3 settings are incomplete"};
      for (size_t i = 0; i < urls.size(); ++i) done(i, failed);
      return status;
    }
    S3Client client(*settings);
    Outcome first_env_failure =
        fetch_all(client, urls, max_bytes, [&](size_t index, const Outcome &outcome, std::string_view content) {
          ssmd::FetchResult result;
          result.status = outcome.status;
          if (outcome.status == SSMD_OK) result.content.assign(content);
          else result.error = outcome.message;
          done(index, result);
        });
    if (first_env_failure.status != SSMD_OK) out.error(first_env_failure.rule, "", first_env_failure.message);
    return first_env_failure.status;
  }

  std::vector<ssmd::Rule> rules() const override { return s3_rules(); }
};

} // namespace

SSMD_PLUGIN_MANIFEST_URL("storage-s3", "0.1.0",
                         "https://github.com/ssmd/ssmd/blob/main/plugins/storage-s3/README.md",
                         SSMD_PROVIDES_STORAGE("s3"))
SSMD_PLUGIN_EXPORT(ssmd::storage_backend<S3Storage>("s3"))
