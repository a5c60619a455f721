// publish-etcd's parts on their own: the URL reader, the settings and the answer readers (base64 is
// plugins/common's, tested in tests/plugins/common/base64_test.cpp).
#include "etcd_answer.hpp"
#include "etcd_settings.hpp"
#include "etcd_url.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

using namespace ssmd::etcd;

TEST(EtcdUrl, ReadsServersAndThePrefix) {
  std::string error;
  auto url = parse_etcd_url("etcd://10.0.0.1:2379,etcd-b.internal,[::1]:23790/ssmd/prod/", error);
  ASSERT_TRUE(url) << error;
  EXPECT_FALSE(url->tls);
  EXPECT_EQ(url->endpoints,
            (std::vector<std::string>{"http://10.0.0.1:2379", "http://etcd-b.internal:2379", "http://[::1]:23790"}));
  EXPECT_EQ(url->prefix, "/ssmd/prod");
  auto tls = parse_etcd_url("etcd+https://127.0.0.1:2379/x", error);
  ASSERT_TRUE(tls) << error;
  EXPECT_TRUE(tls->tls);
  EXPECT_EQ(tls->endpoints.front(), "https://127.0.0.1:2379");
  EXPECT_TRUE(parse_etcd_url("etcd+http://h:1/x", error));
}

TEST(EtcdUrl, RefusesWhatItCannotUseSafely) {
  const std::map<std::string, std::string> refused = {
      {"etcd://127.0.0.1:2379", "needs a key prefix"},
      {"etcd://127.0.0.1:2379/", "needs a key prefix"},
      {"etcd://root:pw@127.0.0.1:2379/x", "may not carry credentials"},
      {"etcd:///x", "names no server"},
      {"etcd://h:0/x", "malformed server 'h:0'"},
      {"etcd://h:99999/x", "malformed server"},
      {"etcd://h:2379,/x", "malformed server ''"},
      {"etcd://h_1:2379/x", "malformed server"},
      {"etcd://h:2379/x?y=1", "query or fragment"},
      {"etcd://h:2379/a b", "space or control character"},
      {"http://h:2379/x", "must start with etcd://"},
      {"etcd+grpc://h:2379/x", "must start with etcd://"},
  };
  for (const auto &[url, why] : refused) {
    std::string error;
    EXPECT_FALSE(parse_etcd_url(url, error)) << url;
    EXPECT_NE(error.find(why), std::string::npos) << url << ": " << error;
    EXPECT_EQ(error.find("pw@"), std::string::npos) << error;
  }
}

namespace {
// Settings from a map standing for the environment and the trusted configuration.
SettingLookup lookup(std::map<std::string, std::string> values) {
  return [values](const char *variable, const char *key) -> std::optional<Setting> {
    if (variable && values.count(variable)) return Setting{values.at(variable), variable};
    if (values.count(key)) return Setting{values.at(key), key};
    return std::nullopt;
  };
}
} // namespace

TEST(EtcdSettings, TheDefaultsFollowEtcdAndEtcdctl) {
  std::string error;
  auto s = read_settings(lookup({}), false, error);
  ASSERT_TRUE(s) << error;
  EXPECT_EQ(s->max_txn_ops, 128u);
  EXPECT_EQ(s->max_request_bytes, 1572864u);
  EXPECT_EQ(s->dial_timeout_ms, 2000);
  EXPECT_EQ(s->command_timeout_ms, 5000);
  EXPECT_TRUE(s->user.empty());
}

TEST(EtcdSettings, UsersAndPasswordsAsEtcdctlTakesThemAndNeverInAMessage) {
  std::string error;
  auto joined = read_settings(lookup({{"ETCDCTL_USER", "ssmd:pa:ss"}}), false, error);
  ASSERT_TRUE(joined) << error;
  EXPECT_EQ(joined->user, "ssmd");
  EXPECT_EQ(joined->password, "pa:ss");
  auto split = read_settings(lookup({{"etcd.user", "ssmd"}, {"ETCDCTL_PASSWORD", "pw"}}), false, error);
  ASSERT_TRUE(split) << error;
  EXPECT_EQ(split->password, "pw");
  EXPECT_FALSE(read_settings(lookup({{"ETCDCTL_USER", "ssmd"}}), false, error));
  EXPECT_NE(error.find("has no password"), std::string::npos) << error;
  EXPECT_FALSE(read_settings(lookup({{"ETCDCTL_PASSWORD", "hunter2"}}), false, error));
  EXPECT_NE(error.find("no user is"), std::string::npos) << error;
  EXPECT_EQ(error.find("hunter2"), std::string::npos) << error;
}

TEST(EtcdSettings, TlsFilesMustExistPairUpAndGoWithHttps) {
  const std::string file = testing::TempDir() + "/etcd-settings-ca.pem";
  std::ofstream(file) << "-----BEGIN CERTIFICATE-----\n";
  std::string error;
  EXPECT_TRUE(read_settings(lookup({{"ETCDCTL_CACERT", file}}), true, error)) << error;
  EXPECT_FALSE(read_settings(lookup({{"ETCDCTL_CACERT", "/nonexistent/ca.pem"}}), true, error));
  EXPECT_NE(error.find("ETCDCTL_CACERT: cannot read /nonexistent/ca.pem"), std::string::npos) << error;
  EXPECT_FALSE(read_settings(lookup({{"etcd.cert", file}}), true, error));
  EXPECT_NE(error.find("needs its key"), std::string::npos) << error;
  EXPECT_FALSE(read_settings(lookup({{"ETCDCTL_CACERT", file}}), false, error));
  EXPECT_NE(error.find("use etcd+https://"), std::string::npos) << error;
}

TEST(EtcdSettings, NumbersAndDurations) {
  std::string error;
  auto s = read_settings(lookup({{"etcd.max_txn_ops", "64"}, {"ETCDCTL_COMMAND_TIMEOUT", "1500ms"},
                                 {"etcd.dial_timeout", "1m"}}),
                         false, error);
  ASSERT_TRUE(s) << error;
  EXPECT_EQ(s->max_txn_ops, 64u);
  EXPECT_EQ(s->command_timeout_ms, 1500);
  EXPECT_EQ(s->dial_timeout_ms, 60000);
  EXPECT_FALSE(read_settings(lookup({{"etcd.max_txn_ops", "1"}}), false, error));
  EXPECT_FALSE(read_settings(lookup({{"ETCDCTL_DIAL_TIMEOUT", "5"}}), false, error));
  EXPECT_NE(error.find("ETCDCTL_DIAL_TIMEOUT: expected a duration"), std::string::npos) << error;
  EXPECT_FALSE(parse_duration_ms("-1s"));
  EXPECT_FALSE(parse_duration_ms("2h"));
}

// The gateway writes int64 fields as strings ("42") or numbers, and leaves false booleans out.
TEST(EtcdAnswer, ReadsTheGatewaysAnswers) {
  Json v;
  ASSERT_FALSE(ssmd::strict_json::parse(R"({"header":{"revision":"42"},"kvs":[{"key":"Zm9v","mod_revision":7}],)"
                                        R"("more":true,"s":"a\"\\\u00e9","n":"-1","f":1.5,"big":"18446744073709551616"})",
                                        v));
  EXPECT_EQ(integer_member(*ssmd::strict_json::member(v, "header"), "revision"), 42u);
  EXPECT_EQ(integer_member(v.at("kvs").at(0), "mod_revision"), 7u);
  for (const char *not_one : {"n", "f", "big", "s", "absent"}) EXPECT_FALSE(integer_member(v, not_one)) << not_one;
  EXPECT_TRUE(flag(v, "more"));
  EXPECT_FALSE(flag(v, "succeeded"));
  EXPECT_FALSE(flag(v, "s")) << "only `true` is true";
  EXPECT_EQ(string_member(v, "s"), "a\"\\\xc3\xa9");
  EXPECT_EQ(string_member(v, "more"), "") << "not a string";
  EXPECT_EQ(string_member(v.at("kvs"), "key"), "") << "an array has no members";
}

