// A well-behaved plugin: a feed validator for exchange `t-good` and the command `t-hello`.
#include <ssmd/plugin.hpp>

#include <cstdio>

namespace {

class GoodFeed : public ssmd::FeedValidator {
public:
  void check_feed(const ssmd::Host &, const ssmd::Node &feed, ssmd::Diagnostics &out) override {
    for (auto &[i, version] : feed["versions"].items())
      if (!version["endpoint"].str().starts_with("wss://"))
        out.error("t-good/endpoint-scheme", version["endpoint"].path(), "t-good serves WebSocket over wss:// only");
  }
  std::vector<ssmd::Rule> rules() const override {
    return {{"t-good/endpoint-scheme", "Checks that every endpoint uses wss://", "tests/test-plugins/good.cpp"}};
  }
};

class Hello : public ssmd::Subcommand {
public:
  int run(const ssmd::Host &, const std::vector<std::string> &) override {
    std::printf("hello from test-good\n");
    return 0;
  }
};

} // namespace

SSMD_PLUGIN_MANIFEST("test-good", "1.2.3",
                     SSMD_PROVIDES_FEED("t-good") SSMD_PROVIDES_COMMAND("t-hello", "Say hello from the good test plugin"))
SSMD_PLUGIN_EXPORT(ssmd::feed<GoodFeed>("t-good"), ssmd::subcommand<Hello>("t-hello", "Say hello from the good test plugin"))
