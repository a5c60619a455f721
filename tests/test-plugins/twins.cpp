// One class registered under two names, for ABI 1.4's table context: feeds `t-twin-a` and `t-twin-b` are two
// instances of Twin, and commands `t-twin-hello-a` and `t-twin-hello-b` two of TwinHello. Each call must
// reach the instance of the table the host called: before 1.4 the SDK routed every call of a class to the
// instance constructed last, so feed a was checked by b. Also a publisher `t-twin` with a rule (ABI 1.4 gave
// publishers a rule table).
#include <ssmd/plugin.hpp>

#include <cstdio>

namespace {

// Reports, on every feed it checks, which instance checked it.
class Twin : public ssmd::FeedValidator {
public:
  explicit Twin(std::string who) : who_(std::move(who)) {}
  void check_feed(const ssmd::Host &, const ssmd::Node &, ssmd::Diagnostics &out) override {
    out.info("t-twin/checked-by", "", "checked by twin " + who_);
  }
  std::vector<ssmd::Rule> rules() const override {
    return {{"t-twin/checked-by", "Says which instance checked the feed", "tests/test-plugins/twins.cpp",
             SSMD_SEVERITY_INFO, "identity"}};
  }

private:
  std::string who_;
};

class TwinHello : public ssmd::Subcommand {
public:
  explicit TwinHello(std::string who) : who_(std::move(who)) {}
  int run(const ssmd::Host &, const std::vector<std::string> &) override {
    std::printf("hello from twin %s\n", who_.c_str());
    return 0;
  }

private:
  std::string who_;
};

// A publisher that publishes nothing: it is here for its rule table.
class TwinPublisher : public ssmd::Publisher {
public:
  ssmd_status prepare(const ssmd::Host &, std::string_view, ssmd::PublishLimits &, ssmd::Diagnostics &out) override {
    out.error("t-twin/not-a-store", "", "t-twin:// is a test scheme with no store behind it");
    return SSMD_FAILED;
  }
  ssmd_status read(const ssmd::Host &, std::string_view,
                   const std::function<void(std::string_view, std::string_view, uint64_t)> &,
                   ssmd::Diagnostics &) override {
    return SSMD_UNSUPPORTED;
  }
  ssmd_status apply(const ssmd::Host &, std::string_view, const std::vector<ssmd::PublishOp> &,
                    const std::function<void(size_t, uint64_t)> &, ssmd::Diagnostics &) override {
    return SSMD_UNSUPPORTED;
  }
  std::vector<ssmd::Rule> rules() const override {
    return {{"t-twin/not-a-store", "Refuses every t-twin:// URL, since no store is behind it",
             "tests/test-plugins/twins.cpp", SSMD_SEVERITY_ERROR, "target"}};
  }
};

} // namespace

SSMD_PLUGIN_MANIFEST("test-twins", "1.0.0",
                     SSMD_PROVIDES_FEED("t-twin-a") SSMD_PROVIDES_FEED("t-twin-b") SSMD_PROVIDES_PUBLISHER("t-twin")
                         SSMD_PROVIDES_COMMAND("t-twin-hello-a", "Say hello from twin a")
                             SSMD_PROVIDES_COMMAND("t-twin-hello-b", "Say hello from twin b"))
SSMD_PLUGIN_EXPORT(ssmd::feed<Twin>("t-twin-a", "a"), ssmd::feed<Twin>("t-twin-b", "b"),
                   ssmd::publisher<TwinPublisher>("t-twin"),
                   ssmd::subcommand<TwinHello>("t-twin-hello-a", "Say hello from twin a", "a"),
                   ssmd::subcommand<TwinHello>("t-twin-hello-b", "Say hello from twin b", "b"))
