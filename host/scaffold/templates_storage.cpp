// A storage backend: lists and fetches data-inventory manifests under one URL scheme.
#include "scaffold/templates.hpp"

namespace ssmd::scaffold {

namespace {

const std::string_view kSource = R"tpl(// @NAME@: the storage backend for `@ID@://BUCKET/PREFIX` URLs (the data roots `ssmd data` reads).
//
// `ssmd data inventory` and `ssmd data gaps` call list() on a folder, naming each entry relative to it, and
// fetch() on the manifests found there. This example keeps each bucket as a directory under
// $@UPPER@_STORAGE_ROOT, so it runs without a service; replace the file-system calls with your storage's
// client.
#include <ssmd/plugin.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

namespace fs = std::filesystem;

namespace {

struct Location {
  std::string bucket;
  std::string prefix; // may be empty
};

// Splits "@ID@://bucket/some/prefix". The example rule: a bucket is lowercase letters, digits and '-', and
// no part of the prefix is "..", so a URL never leaves its bucket.
std::optional<Location> parse_url(std::string_view url, ssmd::Diagnostics &out) {
  constexpr std::string_view scheme = "@ID@://";
  Location location;
  bool valid = url.starts_with(scheme);
  if (valid) {
    std::string_view rest = url.substr(scheme.size());
    size_t slash = rest.find('/');
    location.bucket = std::string(rest.substr(0, slash));
    if (slash != std::string_view::npos) location.prefix = std::string(rest.substr(slash + 1));
    constexpr std::string_view bucket_chars = "abcdefghijklmnopqrstuvwxyz0123456789-";
    valid = !location.bucket.empty() && location.bucket.find_first_not_of(bucket_chars) == std::string::npos;
    for (const auto &part : fs::path(location.prefix)) valid = valid && part != "..";
  }
  if (!valid) {
    out.error("@ID@/url", "",
              "a URL for @ID@ is @ID@://BUCKET/PREFIX, where BUCKET is lowercase letters, digits and '-' and no "
              "part of PREFIX is '..'; not '" + std::string(url) + "'");
    return std::nullopt;
  }
  return location;
}

// Where buckets live: $@UPPER@_STORAGE_ROOT, or nullopt after saying what to set.
std::optional<fs::path> storage_root(ssmd::Diagnostics &out) {
  const char *root = std::getenv("@UPPER@_STORAGE_ROOT");
  if (root && *root) return fs::path(root);
  out.error("@ID@/root", "", "set @UPPER@_STORAGE_ROOT to the directory that holds the @ID@ buckets");
  return std::nullopt;
}

} // namespace

class @CLASS@Storage : public ssmd::StorageBackend {
public:
  ssmd_status list(const ssmd::Host &, std::string_view url,
                   const std::function<void(std::string_view key, uint64_t size)> &emit,
                   ssmd::Diagnostics &out) override {
    std::optional<Location> location = parse_url(url, out);
    if (!location) return SSMD_FAILED;
    std::optional<fs::path> root = storage_root(out);
    if (!root) return SSMD_ENV_ERROR;
    const fs::path folder = *root / location->bucket / location->prefix;
    std::error_code error;
    if (!fs::is_directory(folder, error)) return SSMD_OK; // nothing stored there yet
    for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
      if (it->is_regular_file()) emit(fs::relative(it->path(), folder).generic_string(), it->file_size());
    if (error) {
      out.error("@ID@/io", "", "cannot list " + std::string(url) + ": " + error.message());
      return SSMD_ENV_ERROR;
    }
    return SSMD_OK;
  }

  ssmd_status fetch(const ssmd::Host &, const std::vector<std::string_view> &urls, uint64_t max_bytes,
                    const std::function<void(size_t, const ssmd::FetchResult &)> &done,
                    ssmd::Diagnostics &out) override {
    std::optional<fs::path> root = storage_root(out);
    if (!root) return SSMD_ENV_ERROR;
    for (size_t i = 0; i < urls.size(); ++i) {
      ssmd::FetchResult result;
      std::optional<Location> location = parse_url(urls[i], out);
      std::ifstream in;
      if (location) in.open(*root / location->bucket / location->prefix, std::ios::binary);
      if (!in) {
        result.status = SSMD_FAILED; // not found
        result.error = "no such object: " + std::string(urls[i]);
      } else {
        result.content.resize(max_bytes + 1);
        in.read(result.content.data(), static_cast<std::streamsize>(result.content.size()));
        result.content.resize(static_cast<size_t>(in.gcount()));
        if (result.content.size() > max_bytes)
          result = {SSMD_ENV_ERROR, "", std::string(urls[i]) + " is over the limit of " + std::to_string(max_bytes) +
                                            " bytes"};
      }
      done(i, result);
    }
    return SSMD_OK;
  }

  // Every rule list() and fetch() report: id, purpose, where it comes from, the most severe level it reports,
  // and a category.
  std::vector<ssmd::Rule> rules() const override {
    return {
        {"@ID@/url", "Checks that a URL is @ID@://BUCKET/PREFIX with a valid bucket and no '..'.", "",
         SSMD_SEVERITY_ERROR, "reference"},
        {"@ID@/root", "Reports that @UPPER@_STORAGE_ROOT, where buckets are kept, is not set.", "",
         SSMD_SEVERITY_ERROR, "config"},
        {"@ID@/io", "Reports a folder that cannot be listed.", "", SSMD_SEVERITY_ERROR, "io"},
    };
  }
};

// The address of the plugin's documentation, which `ssmd rules list` shows and SARIF output links its rules
// to: replace it with your own.
SSMD_PLUGIN_MANIFEST_URL("@NAME@", PLUGIN_VERSION, "@URL@", SSMD_PROVIDES_STORAGE("@ID@"))
SSMD_PLUGIN_EXPORT(ssmd::storage_backend<@CLASS@Storage>("@ID@"))
)tpl";

const std::string_view kTest = R"tpl(// @NAME@ through its C ABI: each rule fires on a URL that breaks it and stays quiet on one that keeps it.
#include "plugin_harness.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

// A storage root with one manifest in bucket `market-data`, removed at the end of the test.
class StorageRoot {
public:
  StorageRoot() {
    std::string pattern = (fs::temp_directory_path() / "@NAME@-test-XXXXXX").string();
    root_ = mkdtemp(pattern.data());
    fs::create_directories(root_ / "market-data/feeds/example/2025/01/02");
    std::ofstream(root_ / "market-data/feeds/example/2025/01/02/manifest.json") << "{}";
    setenv("@UPPER@_STORAGE_ROOT", root_.c_str(), 1);
  }
  ~StorageRoot() {
    unsetenv("@UPPER@_STORAGE_ROOT");
    fs::remove_all(root_);
  }

private:
  fs::path root_;
};

} // namespace

TEST(@CLASS@Url, QuietOnAWellFormedUrlWhoseFolderItLists) {
  StorageRoot root;
  harness::Plugin plugin(PLUGIN_FILE);
  harness::Plugin::Listing listing = plugin.list("@ID@", "@ID@://market-data/feeds");
  EXPECT_TRUE(listing.findings.empty()) << harness::dump(listing.findings);
  EXPECT_EQ(listing.status, SSMD_OK);
  EXPECT_EQ(listing.keys, std::vector<std::string>{"example/2025/01/02/manifest.json"});
}

TEST(@CLASS@Url, ReportsAMalformedUrlAndListsNothing) {
  StorageRoot root;
  harness::Plugin plugin(PLUGIN_FILE);
  for (const std::string url : {"@ID@://Market_Data/feeds", "@ID@:///feeds", "@ID@://market-data/../secrets"}) {
    harness::Plugin::Listing listing = plugin.list("@ID@", url);
    ASSERT_EQ(listing.findings.size(), 1u) << url << "\n" << harness::dump(listing.findings);
    EXPECT_EQ(listing.findings[0].rule, "@ID@/url");
    EXPECT_EQ(listing.findings[0].severity, SSMD_SEVERITY_ERROR);
    EXPECT_NE(listing.findings[0].message.find("@ID@://BUCKET/PREFIX"), std::string::npos) << "says what is allowed";
    EXPECT_EQ(listing.status, SSMD_FAILED);
    EXPECT_TRUE(listing.keys.empty());
  }
}
)tpl";

const std::string_view kHarnessCalls = R"tpl(
  struct Listing {
    ssmd_status status = SSMD_OK;
    std::vector<std::string> keys; // relative to the listed URL
    Findings findings;
  };
  // Lists `url` with the storage backend of `scheme`, as `ssmd data inventory` does.
  Listing list(const std::string &scheme, const std::string &url) const {
    const ssmd_storage_backend *backend = provided(plugin_->storage_backends, plugin_->storage_backend_count,
                                                   &ssmd_storage_backend::scheme, scheme);
    Listing listing;
    ssmd_storage_entry_sink entries{&listing.keys, [](void *ctx, ssmd_str key, uint64_t) {
                                      static_cast<std::vector<std::string> *>(ctx)->push_back(text(key));
                                    }};
    Collector collector;
    ssmd_host host = host_for(backend->context);
    listing.status = backend->list(&host, str(url), &entries, collector.sink());
    listing.findings = collector.findings;
    return listing;
  }
)tpl";

const std::string_view kReadmeAbout = R"tpl(`ssmd data inventory` and `ssmd data gaps` use it for storage
roots with `@ID@://` URLs.)tpl";

const std::string_view kReadmeTry = R"tpl(The example keeps buckets as directories under `$@UPPER@_STORAGE_ROOT`, so with manifests at
`/srv/@ID@/market-data/raw/FEED/YYYY/MM/DD/manifest.json`:

```sh
export @UPPER@_STORAGE_ROOT=/srv/@ID@
ssmd data inventory --feed FEED --from 2025-01-01 --to 2025-01-31 --raw @ID@://market-data/raw
```

A malformed URL such as `@ID@://Market_Data/raw` is refused with the rule `@ID@/url`.)tpl";

} // namespace

const KindTemplates kStorageTemplates{kSource, kTest, kHarnessCalls, kReadmeAbout, kReadmeTry};

} // namespace ssmd::scaffold
