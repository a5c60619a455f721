// A feed validator: checks feed documents of one exchange.
#include "scaffold/templates.hpp"

namespace ssmd::scaffold {

namespace {

const std::string_view kSource = R"tpl(// @NAME@: validates the feeds of the @ID@ exchange (`exchange: @ID@` in exchanges/feeds/*.yaml).
//
// `ssmd validate` hands each such feed document to check_feed(). Report a finding with a stable rule id,
// the document path of the node it is about (ssmd turns it into file:line:col) and a message that says
// what is allowed. ssmd's core rules already check the shape every feed shares (required fields, dates,
// overlapping versions, URL syntax): check here what only @ID@ knows.
#include <ssmd/plugin.hpp>

#include <string>
#include <string_view>

namespace {

// The domain @ID@ serves its market data from. Replace it with the exchange's real one.
constexpr std::string_view kDomain = "@DOMAIN@";

// The host of a URL: "wss://stream.@DOMAIN@:443/v1" -> "stream.@DOMAIN@"; empty without "://".
std::string_view url_host(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  url.remove_prefix(scheme_end + 3);
  return url.substr(0, url.find_first_of(":/?#"));
}

// `host` is kDomain or one of its subdomains (and not, say, "evil-@DOMAIN@").
bool on_domain(std::string_view host) {
  if (host == kDomain) return true;
  return host.size() > kDomain.size() && host.ends_with(kDomain) && host[host.size() - kDomain.size() - 1] == '.';
}

} // namespace

class @CLASS@Feed : public ssmd::FeedValidator {
public:
  void check_feed(const ssmd::Host &, const ssmd::Node &feed, ssmd::Diagnostics &out) override {
    for (const auto &[index, version] : feed["versions"].items()) {
      ssmd::Node endpoint = version["endpoint"];
      if (!endpoint.is_scalar()) continue; // a missing endpoint is a core-rule finding already
      if (!on_domain(url_host(endpoint.str())))
        out.error("@ID@/endpoint-host", endpoint.path(),
                  "@ID@ serves market data only from " + std::string(kDomain) + " and its subdomains, not from '" +
                      std::string(url_host(endpoint.str())) + "'");
    }
  }

  std::vector<ssmd::Rule> rules() const override {
    // Id, purpose, where the requirement comes from, the most severe level it reports, and a category.
    return {{"@ID@/endpoint-host", "Checks that every version's endpoint is on @DOMAIN@ or a subdomain.",
             "https://@DOMAIN@/docs/market-data", SSMD_SEVERITY_ERROR, "endpoint"}};
  }
};

// The address of the plugin's documentation, which `ssmd rules list` shows and SARIF output links its rules
// to: replace it with your own.
SSMD_PLUGIN_MANIFEST_URL("@NAME@", PLUGIN_VERSION, "@URL@", SSMD_PROVIDES_FEED("@ID@"))
SSMD_PLUGIN_EXPORT(ssmd::feed<@CLASS@Feed>("@ID@"))
)tpl";

const std::string_view kTest = R"tpl(// @NAME@ through its C ABI: each rule fires on a feed that breaks it and stays quiet on one that keeps it.
#include "plugin_harness.hpp"

#include <gtest/gtest.h>

namespace {

// A feed as it would stand in exchanges/feeds/@ID@.yaml, its second version served from `endpoint`.
std::string feed(const std::string &endpoint) {
  return R"yaml(
name: @ID@
exchange: @ID@
type: websocket
status: active
versions:
  - version: v1
    effective_from: 2025-01-01
    endpoint: wss://@DOMAIN@/v1
  - version: v2
    effective_from: 2025-06-01
    endpoint: )yaml" + endpoint + "\n";
}

} // namespace

TEST(@CLASS@EndpointHost, QuietWhenEveryEndpointIsOnTheDomain) {
  harness::Plugin plugin(PLUGIN_FILE);
  harness::Findings findings = plugin.check_feed("@ID@", feed("wss://stream.@DOMAIN@:8443/v2"));
  EXPECT_TRUE(findings.empty()) << harness::dump(findings);
}

TEST(@CLASS@EndpointHost, ReportsAnEndpointElsewhereAtItsPath) {
  harness::Plugin plugin(PLUGIN_FILE);
  // A look-alike: the domain's name inside another domain.
  harness::Findings findings = plugin.check_feed("@ID@", feed("wss://stream.evil-@DOMAIN@/v2"));
  ASSERT_EQ(findings.size(), 1u) << harness::dump(findings);
  EXPECT_EQ(findings[0].rule, "@ID@/endpoint-host");
  EXPECT_EQ(findings[0].severity, SSMD_SEVERITY_ERROR);
  EXPECT_EQ(findings[0].path, "versions[1].endpoint");
  EXPECT_NE(findings[0].message.find("only from @DOMAIN@"), std::string::npos) << "says what is allowed";
}
)tpl";

const std::string_view kHarnessCalls = R"tpl(
  // Runs the feed validator of `exchange` on a feed document, as `ssmd validate` does.
  Findings check_feed(const std::string &exchange, const std::string &yaml,
                      const std::string &file = "exchanges/feeds/example.yaml") const {
    const ssmd_feed_validator *validator = provided(plugin_->feed_validators, plugin_->feed_validator_count,
                                                    &ssmd_feed_validator::exchange, exchange);
    std::unique_ptr<ssmd_node> feed = parse(yaml);
    Collector collector;
    ssmd_host host = host_for(validator->context);
    ssmd_feed_context context{sizeof(ssmd_feed_context), &host, str(file), collector.sink()};
    validator->check_feed(&context, feed.get());
    return collector.findings;
  }
)tpl";

const std::string_view kReadmeAbout = R"tpl(`ssmd validate` hands it every feed whose
`exchange:` is `@ID@` (by default a feed's exchange is its name).)tpl";

const std::string_view kReadmeTry = R"tpl(In a metadata repository (`ssmd init`), a feed of the exchange is valid while it is served from
@DOMAIN@, and a version served from elsewhere is reported at its endpoint:

```sh
ssmd feed create @ID@ --type websocket --endpoint wss://stream.@DOMAIN@/v1 --effective-from 2025-01-01
ssmd validate      # valid
ssmd feed add-version @ID@ --version v2 --effective-from 2025-06-01 --endpoint wss://elsewhere.example.net/v2
ssmd validate      # exit 1
```

```text
exchanges/feeds/@ID@.yaml:19:15: error: @ID@ serves market data only from @DOMAIN@ and its subdomains, not from 'elsewhere.example.net' [@ID@/endpoint-host]
```

Without the plugin on the path, ssmd warns that no feed validator plugin provides `@ID@`.)tpl";

} // namespace

const KindTemplates kFeedTemplates{kSource, kTest, kHarnessCalls, kReadmeAbout, kReadmeTry};

} // namespace ssmd::scaffold
