// feed-acme: validates feeds of the (fictional) Acme exchange and adds `ssmd acme-hello`.
#include <ssmd/plugin.hpp>

#include <cstdio>

class AcmeFeed : public ssmd::FeedValidator {
public:
  void check_feed(const ssmd::Host &, const ssmd::Node &feed, ssmd::Diagnostics &out) override {
    for (auto &[i, version] : feed["versions"].items())
      if (!version["endpoint"].str().starts_with("wss://"))
        out.error("acme/endpoint-scheme", version["endpoint"].path(), "Acme serves WebSocket over wss:// only");
  }
  std::vector<ssmd::Rule> rules() const override {
    // Id, purpose, where the requirement comes from, the most severe level it reports, and a category.
    return {{"acme/endpoint-scheme", "Checks that every endpoint uses wss://.", "https://acme.example/docs/ws",
             SSMD_SEVERITY_ERROR, "endpoint"}};
  }
};

class Hello : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &host, const std::vector<std::string> &args) override {
    auto version = ssmd::from_c(host.raw()->ssmd_version);
    std::printf("hello from feed-acme, running in ssmd %.*s with %zu argument(s)\n", static_cast<int>(version.size()),
                version.data(), args.size() - 1);
    return 0;
  }
};

// The url (manifest format 2) is where `ssmd rules list` and SARIF output send readers of the plugin's rules.
SSMD_PLUGIN_MANIFEST_URL("feed-acme", "1.0.0", "https://acme.example/ssmd/feed-acme",
                         SSMD_PROVIDES_FEED("acme") SSMD_PROVIDES_COMMAND("acme-hello", "Say hello from the Acme plugin"))
SSMD_PLUGIN_EXPORT(ssmd::feed<AcmeFeed>("acme"), ssmd::subcommand<Hello>("acme-hello", "Say hello from the Acme plugin"))
