#include "plugins/manifest.hpp"

#include <ssmd/plugin.h>

#include <gtest/gtest.h>

using namespace ssmd;

namespace {
std::optional<Manifest> parse(const std::string &text, std::string &error) { return parse_manifest(text, error); }
const std::string kHead = "ssmd-manifest 1\nname feed-acme\nversion 1.0.0\nabi 1.0\n";
const std::string kHead2 = "ssmd-manifest 2\nname feed-acme\nversion 1.0.0\nabi 1.3\n";
} // namespace

TEST(Manifest, ParsesEveryField) {
  std::string error;
  auto m = parse(kHead + "provides feed acme\nprovides secret acme-vault\ncommand acme-login Log in to Acme\n"
                         "command acme-bare\n",
                 error);
  ASSERT_TRUE(m) << error;
  EXPECT_EQ(m->name, "feed-acme");
  EXPECT_EQ(m->version, "1.0.0");
  EXPECT_EQ(m->abi_major, 1u);
  EXPECT_EQ(m->abi_minor, 0u);
  ASSERT_EQ(m->provides.size(), 2u);
  EXPECT_EQ(m->provides[1].kind, "secret");
  EXPECT_EQ(m->provides[1].name, "acme-vault");
  ASSERT_EQ(m->commands.size(), 2u);
  EXPECT_EQ(m->commands[0].summary, "Log in to Acme");
  EXPECT_EQ(m->commands[1].summary, "");
  EXPECT_EQ(manifest_kinds(*m), (std::vector<std::string>{"feed", "secret", "command"}));
}

TEST(Manifest, FormatTwoMayNameTheDocumentation) {
  std::string error;
  auto m = parse(kHead2 + "url https://acme.example/ssmd/feed-acme?tab=rules#top\nprovides feed acme\n", error);
  ASSERT_TRUE(m) << error;
  EXPECT_EQ(m->format, 2u);
  EXPECT_EQ(m->url, "https://acme.example/ssmd/feed-acme?tab=rules#top");
  auto without = parse(kHead2 + "provides feed acme\n", error);
  ASSERT_TRUE(without) << error;
  EXPECT_EQ(without->url, "");
  auto one = parse(kHead + "provides feed acme\n", error);
  ASSERT_TRUE(one) << error;
  EXPECT_EQ(one->format, 1u);
}

// The SDK's macros write what the host reads: format 1 without a url, format 2 with one.
TEST(Manifest, TheSdkMacrosWriteWhatTheHostReads) {
  static const char one[] = SSMD_MANIFEST_HEAD_("1", "feed-acme", "1.0.0") SSMD_PROVIDES_FEED("acme");
  static const char two[] =
      SSMD_MANIFEST_HEAD_("2", "feed-acme", "1.0.0") "url https://acme.example/docs\n" SSMD_PROVIDES_FEED("acme");
  std::string error;
  auto m1 = parse(one, error);
  ASSERT_TRUE(m1) << error;
  EXPECT_EQ(m1->abi_minor, unsigned(SSMD_ABI_VERSION_MINOR));
  auto m2 = parse(two, error);
  ASSERT_TRUE(m2) << error;
  EXPECT_EQ(m2->url, "https://acme.example/docs");
}

TEST(Manifest, StopsAtTheFirstNul) {
  std::string error;
  std::string text = kHead + "provides feed acme\n";
  text += std::string("\0garbage after the terminator\n", 30);
  auto m = parse(text, error);
  ASSERT_TRUE(m) << error;
  EXPECT_EQ(m->provides.size(), 1u);
}

TEST(Manifest, RefusesMalformedText) {
  struct Case {
    std::string text, expected;
  };
  const std::vector<Case> cases = {
      {"", "empty manifest"},
      {"ssmd-manifest 3\nname a\n", "line 1: expected 'ssmd-manifest 1' or 'ssmd-manifest 2'"},
      // `url` came with format 2: a format-1 manifest that has one is refused, as a reader of format 1 refuses it.
      {kHead + "url https://acme.example/plugin\n", "unknown key 'url'"},
      {kHead2 + "url ftp://acme.example/plugin\n", "url must be http:// or https://"},
      {kHead2 + "url https://\n", "url must be"},
      {kHead2 + "url https:///path\n", "url must be"},
      {kHead2 + "url https://acme.example/a b\n", "url must be"},
      {kHead2 + "url https://acme.example/\x1b[2J\n", "url must be"},
      {kHead2 + "url https://acme.example/" + std::string(500, 'a') + "\n", "url must be"},
      {kHead2 + "url https://a.example/\nurl https://b.example/\n", "url is declared twice"},
      {"ssmd-manifest 1\nversion 1\nabi 1.0\n", "lacks name"},
      {"ssmd-manifest 1\nname a\nabi 1.0\n", "lacks name, version or abi"},
      {"ssmd-manifest 1\nname a\nversion 1\n", "lacks name, version or abi"},
      {kHead + "abi 1\n", "line 5: abi must be MAJOR.MINOR"},
      {kHead + "abi 1.x\n", "abi must be MAJOR.MINOR"},
      {kHead + "abi 1.0.0\n", "abi must be MAJOR.MINOR"},
      {kHead + "abi .0\n", "abi must be MAJOR.MINOR"},
      {kHead + "provides feed\n", "expected 'provides KIND NAME'"},
      {kHead + "provides gadget x\n", "unknown extension kind 'gadget'"},
      {kHead + "provides feed Acme\n", "feed name 'Acme' does not match"},
      {kHead + "provides feed acme\nprovides feed acme\n", "declared twice"},
      {kHead + "command 9lives Runs\n", "command name '9lives' does not match"},
      {kHead + "command run A\ncommand run B\n", "command 'run' is declared twice"},
      {kHead + "command run Bad\x1b[2Jsummary\n", "control character"},
      {kHead + "colour blue\n", "unknown key 'colour'"},
      {"ssmd-manifest 1\nname Feed\nversion 1\nabi 1.0\n", "name 'Feed' does not match"},
      {"ssmd-manifest 1\nname " + std::string(65, 'a') + "\nversion 1\nabi 1.0\n", "does not match"},
      {"ssmd-manifest 1\nname a\nversion 1 0\nabi 1.0\n", "version '1 0' must be"},
  };
  for (const auto &c : cases) {
    std::string error;
    EXPECT_FALSE(parse(c.text, error)) << c.text;
    EXPECT_NE(error.find(c.expected), std::string::npos) << "for:\n" << c.text << "\ngot: " << error;
  }
}

TEST(Manifest, ValidNamesFollowTheRepositoryRule) {
  EXPECT_TRUE(is_valid_name("a"));
  EXPECT_TRUE(is_valid_name("feed-acme_2"));
  EXPECT_TRUE(is_valid_name(std::string(64, 'a')));
  EXPECT_FALSE(is_valid_name(""));
  EXPECT_FALSE(is_valid_name(std::string(65, 'a')));
  EXPECT_FALSE(is_valid_name("-a"));
  EXPECT_FALSE(is_valid_name("a.b"));
  EXPECT_FALSE(is_valid_name("a b"));
}
