// A secret backend: checks key references offline and resolves key values at run time.
#include "scaffold/templates.hpp"

namespace ssmd::scaffold {

namespace {

const std::string_view kSource = R"tpl(// @NAME@: the secret backend for key sources `@ID@/PATH` (`source:` of a key in exchanges/environments/*.yaml).
//
// `ssmd validate` calls check() on every such reference. It runs offline and judges the reference only,
// never a value. `ssmd env check-keys` and `ssmd env run` call resolve() for the values. This example keeps
// each field in a file, $@UPPER@_SECRETS_DIR/PATH/FIELD; replace resolve() with your backend's client.
// A value goes to `emit` and nowhere else: never into a message, a log or an exception.
#include <ssmd/plugin.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace {

// "@ID@/trading/api" -> "trading/api"; empty when the prefix is missing.
std::string_view reference_path(std::string_view source) {
  constexpr std::string_view prefix = "@ID@/";
  return source.starts_with(prefix) ? source.substr(prefix.size()) : std::string_view();
}

// Names of letters, digits, '.', '_' and '-' separated by single '/', none of them "." or "..": a path
// that cannot leave the directory it is looked up in.
bool valid_path(std::string_view path) {
  if (path.empty()) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    for (char c : part)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
    start = end + 1;
  }
  return true;
}

} // namespace

class @CLASS@Secrets : public ssmd::SecretBackend {
public:
  void check(const ssmd::Host &, const ssmd::SecretRequest &req, ssmd::Diagnostics &out) override {
    if (!valid_path(reference_path(req.source)))
      out.error("@ID@/reference", "source",
                "a key source for @ID@ is @ID@/PATH, where PATH is names of letters, digits, '.', '_' and '-' "
                "separated by '/', without '..'; not '" + std::string(req.source) + "'");
  }

  ssmd_status resolve(const ssmd::Host &host, const ssmd::SecretRequest &req,
                      const std::function<void(std::string_view, std::string_view)> &emit,
                      ssmd::Diagnostics &out) override {
    check(host, req, out);
    if (out.errors()) return SSMD_FAILED;
    const char *dir = std::getenv("@UPPER@_SECRETS_DIR");
    if (!dir || !*dir) {
      out.error("@ID@/directory", "source", "set @UPPER@_SECRETS_DIR to the directory that holds the @ID@ secrets");
      return SSMD_ENV_ERROR;
    }
    const std::filesystem::path base = std::filesystem::path(dir) / std::string(reference_path(req.source));
    for (const auto &[index, field] : req.spec["fields"].items()) {
      const std::filesystem::path file = base / std::string(field.str());
      std::ifstream in(file, std::ios::binary);
      std::string value((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (!in.is_open() || value.empty()) {
        out.error("secrets/missing-field", field.path(),
                  "field '" + std::string(field.str()) + "' has no value: write it to " + file.string());
        continue;
      }
      if (value.back() == '\n') value.pop_back();
      emit(field.str(), value);
      std::fill(value.begin(), value.end(), '\0'); // leave no copy of the secret behind
    }
    return out.errors() ? SSMD_FAILED : SSMD_OK;
  }

  // Every rule check() and resolve() report: id, purpose, where it comes from, the most severe level it
  // reports, and a category.
  std::vector<ssmd::Rule> rules() const override {
    return {
        {"@ID@/reference", "Checks that a key source is @ID@/PATH with a path that cannot leave its directory.",
         "", SSMD_SEVERITY_ERROR, "reference"},
        {"@ID@/directory", "Reports that @UPPER@_SECRETS_DIR, where the values are kept, is not set.", "",
         SSMD_SEVERITY_ERROR, "config"},
        {"secrets/missing-field", "Reports a field of the key that has no value.", "", SSMD_SEVERITY_ERROR, "value"},
    };
  }
};

// The address of the plugin's documentation, which `ssmd rules list` shows and SARIF output links its rules
// to: replace it with your own.
SSMD_PLUGIN_MANIFEST_URL("@NAME@", PLUGIN_VERSION, "@URL@", SSMD_PROVIDES_SECRET("@ID@"))
SSMD_PLUGIN_EXPORT(ssmd::secret_backend<@CLASS@Secrets>("@ID@"))
)tpl";

const std::string_view kTest = R"tpl(// @NAME@ through its C ABI: each rule fires on a reference that breaks it and stays quiet on one that keeps it.
#include "plugin_harness.hpp"

#include <gtest/gtest.h>

TEST(@CLASS@Reference, QuietOnAWellFormedReference) {
  harness::Plugin plugin(PLUGIN_FILE);
  harness::Findings findings = plugin.check_secret("@ID@", "@ID@/trading/api-v2");
  EXPECT_TRUE(findings.empty()) << harness::dump(findings);
}

TEST(@CLASS@Reference, ReportsAReferenceWithoutAPathOrLeavingTheDirectory) {
  harness::Plugin plugin(PLUGIN_FILE);
  for (const std::string source : {"@ID@/", "@ID@/trading//api", "@ID@/../../etc/passwd"}) {
    harness::Findings findings = plugin.check_secret("@ID@", source);
    ASSERT_EQ(findings.size(), 1u) << source << "\n" << harness::dump(findings);
    EXPECT_EQ(findings[0].rule, "@ID@/reference");
    EXPECT_EQ(findings[0].severity, SSMD_SEVERITY_ERROR);
    EXPECT_EQ(findings[0].path, "source");
    EXPECT_NE(findings[0].message.find("@ID@/PATH"), std::string::npos) << "says what is allowed";
  }
}
)tpl";

const std::string_view kHarnessCalls = R"tpl(
  // Runs the offline check of the secret backend of `prefix` on a key whose `source:` is `source`, as
  // `ssmd validate` does.
  Findings check_secret(const std::string &prefix, const std::string &source) const {
    const ssmd_secret_backend *backend = provided(plugin_->secret_backends, plugin_->secret_backend_count,
                                                  &ssmd_secret_backend::prefix, prefix);
    std::unique_ptr<ssmd_node> spec =
        parse("type: api_key\nrequired: true\nfields: [api_key, api_secret]\nsource: \"" + source + "\"\n");
    std::string environment = "example-dev", key = "example", file = "exchanges/environments/example-dev.yaml";
    ssmd_secret_request request{sizeof(ssmd_secret_request), str(environment), str(key), str(source), spec.get(),
                                str(file), nullptr, nullptr, nullptr};
    Collector collector;
    ssmd_host host = host_for(backend->context);
    backend->check(&host, &request, collector.sink());
    return collector.findings;
  }
)tpl";

const std::string_view kReadmeAbout = R"tpl(`ssmd validate` hands it every key whose `source:` starts
with `@ID@/`, to check the reference offline; `ssmd env check-keys` and `ssmd env run` ask it for values.)tpl";

const std::string_view kReadmeTry = R"tpl(An environment key it serves, in `exchanges/environments/NAME.yaml`:

```yaml
keys:
  trading:
    type: api_key
    fields: [api_key, api_secret]
    source: @ID@/trading/api      # @ID@/reference: a path that stays inside the secrets directory
```

The example resolves each field from the file `$@UPPER@_SECRETS_DIR/trading/api/<field>`.)tpl";

} // namespace

const KindTemplates kSecretTemplates{kSource, kTest, kHarnessCalls, kReadmeAbout, kReadmeTry};

} // namespace ssmd::scaffold
