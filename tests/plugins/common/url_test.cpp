// plugins/common/ssmd_net/url: the bundled plugins' one URL reader, libcurl's URL API with the checks libcurl
// leaves to its callers (spelled-out `://`, no white space, userinfo noted but never kept).
#include <ssmd_net/url.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace ssmd;

TEST(NetUrl, ReadsTheParts) {
  auto url = net::parse_url("WSS://API.Elections.Kalshi.com/trade-api/ws/v2");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "wss");
  EXPECT_EQ(url->host, "api.elections.kalshi.com"); // host names are compared lower-cased
  EXPECT_FALSE(url->port);
  EXPECT_EQ(url->path, "/trade-api/ws/v2");
  EXPECT_FALSE(url->has_userinfo || url->has_query || url->has_fragment);
  EXPECT_EQ(url->authority(), "api.elections.kalshi.com");

  EXPECT_EQ(net::parse_url("https://h")->path, "/");
  EXPECT_EQ(net::parse_url("https://h/a/../b/./c")->path, "/a/../b/./c"); // as written: S3 signs it so
  EXPECT_EQ(net::parse_url("etcd://h:2379/ssmd/prod")->authority(), "h:2379");  // any scheme
}

TEST(NetUrl, PortsAndAddressesAsLibcurlReadsThem) {
  EXPECT_EQ(net::parse_url("https://h:0443/")->port, "443");
  EXPECT_EQ(net::parse_url("https://h:443/")->port, "443"); // named, though it is the default
  EXPECT_FALSE(net::parse_url("https://h:/")->port);        // an empty port is no port (RFC 3986, 3.2.3)
  EXPECT_EQ(net::parse_url("http://127.1:8200")->host, "127.0.0.1");
  EXPECT_EQ(net::parse_url("http://[::1]:8200")->authority(), "[::1]:8200");
  EXPECT_EQ(net::parse_url("http://[FE80::1%25eth0]/")->host, "[fe80::1%25eth0]");
}

TEST(NetUrl, NotesUserinfoQueryAndFragmentButKeepsNoCredential) {
  auto url = net::parse_url("wss://user:hunter2@h/x?a=1#top");
  ASSERT_TRUE(url);
  EXPECT_TRUE(url->has_userinfo);
  EXPECT_TRUE(url->has_query);
  EXPECT_TRUE(url->has_fragment);
  for (const std::string &field : {url->scheme, url->host, url->path, url->port.value_or("")})
    EXPECT_EQ(field.find("hunter2"), std::string::npos) << field;
  EXPECT_TRUE(net::parse_url("wss://@h/x")->has_userinfo);
  EXPECT_TRUE(net::parse_url("wss://:pw@h/x")->has_userinfo);
  EXPECT_TRUE(net::parse_url("https://h/?")->has_query);
}

TEST(NetUrl, RefusesWhatIsNotAnAbsoluteUrlAndSaysWhy) {
  const std::pair<std::string, net::UrlFault> refused[] = {
      {"not a url", net::UrlFault::not_absolute},
      {"https://h/a b", net::UrlFault::not_absolute},
      {"https://h/\x01", net::UrlFault::not_absolute},
      {std::string("https://h/\0x", 11), net::UrlFault::not_absolute},
      {"h.example.com/path", net::UrlFault::not_absolute},
      {"https:/h/x", net::UrlFault::not_absolute}, // libcurl alone takes it
      {"://h", net::UrlFault::not_absolute},
      {"https:///h", net::UrlFault::no_host},      // libcurl alone reads host "h"
      {"https://", net::UrlFault::no_host},
      {"https://h:99999/", net::UrlFault::bad_port},
      {"https://h:9x/", net::UrlFault::bad_port},
      {"https://h*st/", net::UrlFault::bad_host},
      {"http://[::1", net::UrlFault::bad_ipv6},
  };
  for (const auto &[text, fault] : refused) {
    net::UrlError error;
    EXPECT_FALSE(net::parse_url(text, &error)) << text;
    EXPECT_EQ(error.fault, fault) << text << ": " << error.reason;
    EXPECT_FALSE(error.reason.empty()) << text;
  }
  net::UrlError error;
  EXPECT_FALSE(net::parse_url("https://user:hunter2@h:99999/", &error));
  EXPECT_EQ(error.reason.find("hunter2"), std::string::npos) << error.reason;
}
