// Edits keep a file's line endings: a repository checked out with CRLF stays CRLF through every writing
// command, so no edit leaves a file of mixed endings (which shows every line changed in some diffs). And
// arguments that are not UTF-8 reach messages escaped, never as raw bytes.
#include "../unit/registry_fixture.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

std::string crlf(const std::string &text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

// Whether every line break of `text` is CRLF (and there is at least one).
bool all_crlf(const std::string &text) {
  size_t breaks = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') continue;
    if (i == 0 || text[i - 1] != '\r') return false;
    ++breaks;
  }
  return breaks > 0;
}

class LineEndings : public ::testing::Test {
protected:
  void SetUp() override {
    for (const auto &[path, text] : write_fixture(repo_))
      if (path.ends_with(".yaml")) repo_.write(path, crlf(text));
  }
  RunResult ssmd(const std::vector<std::string> &args) const {
    std::vector<std::string> all{"--repo", repo_.path().string()};
    all.insert(all.end(), args.begin(), args.end());
    RunOptions options;
    options.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED"};
    return run_ssmd(all, options);
  }
  std::string read(const std::string &relative) const { return read_file(repo_.path() / relative); }
  TempDir repo_, outside_;
};

} // namespace

TEST_F(LineEndings, EveryWritingCommandKeepsCrlf) {
  struct Step {
    std::vector<std::string> args;
    std::string file, expect;
  };
  const fs::path definition = outside_.write("v3.fmt", "struct Trade { price @0 :Int64; venue @2 :Text; }\n");
  const std::vector<Step> steps = {
      {{"schema", "set-status", "trade:v2", "active"}, "exchanges/schemas/trade.yaml", "status: active\r\n    file: trade.v2.fmt"},
      {{"env", "update", "dev", "--schema", "trade:v2"}, "exchanges/environments/dev.yaml", "schemas: [trade:v2]"},
      {{"feed", "add-version", "acme", "--version", "v3", "--effective-from", "2026-01-01", "--endpoint", "wss://ws.acme.test/v3"},
       "exchanges/feeds/acme.yaml", "  - version: v3\r\n"},
      {{"schema", "register", "trade", "--file", definition.string()}, "exchanges/schemas/trade.yaml", "  - version: v3\r\n"},
      {{"feed", "set-status", "acme", "deprecated"}, "exchanges/feeds/acme.yaml", "status: deprecated\r\n"},
      {{"env", "set-key", "dev", "backup", "--source", "env", "--fields", "token"}, "exchanges/environments/dev.yaml",
       "  backup:\r\n"},
      {{"env", "remove-key", "dev", "backup"}, "exchanges/environments/dev.yaml", "  acme:\r\n"},
  };
  for (const auto &step : steps) {
    std::string shown;
    for (const auto &a : step.args) shown += a + " ";
    RunResult r = ssmd(step.args);
    ASSERT_EQ(r.exit_code, 0) << shown << "\n" << r.out << r.err;
    const std::string text = read(step.file);
    EXPECT_TRUE(contains(text, step.expect)) << shown << "\n" << text;
    EXPECT_TRUE(all_crlf(text)) << shown << "\n" << text;
  }
  // schema hash --update rewrites only the hash value, and the file stays CRLF.
  repo_.write("exchanges/schemas/trade.v2.fmt", "struct Trade { price @0 :Int64; size @1 :Int64; } # edited\n");
  RunResult hash = ssmd({"schema", "hash", "trade", "--update"});
  EXPECT_EQ(hash.exit_code, 0) << hash.out << hash.err;
  EXPECT_TRUE(all_crlf(read("exchanges/schemas/trade.yaml"))) << read("exchanges/schemas/trade.yaml");
  // The repository is still sound (the fixture's format `fmt` has no plugin, its one error), and a file
  // written as LF stays LF.
  RunResult validate = ssmd({"validate"});
  EXPECT_TRUE(contains(validate.out, "1 error")) << validate.out << validate.err;
  EXPECT_TRUE(contains(validate.out, "[plugin/missing]")) << validate.out;
  RunResult create = ssmd({"feed", "create", "fresh", "--type", "websocket", "--endpoint", "wss://fresh.test/v1"});
  ASSERT_EQ(create.exit_code, 0) << create.err;
  EXPECT_FALSE(contains(read("exchanges/feeds/fresh.yaml"), "\r")) << read("exchanges/feeds/fresh.yaml");
}

TEST_F(LineEndings, PluginLockKeepsCrlf) {
  ASSERT_EQ(ssmd({"plugin", "lock"}).exit_code, 0);
  repo_.write("ssmd-plugins.lock", crlf(read("ssmd-plugins.lock")));
  RunResult again = ssmd({"plugin", "lock"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(all_crlf(read("ssmd-plugins.lock"))) << read("ssmd-plugins.lock");
  EXPECT_EQ(ssmd({"--locked", "feed", "list"}).exit_code, 0);
}

TEST(InvalidUtf8, ArgumentsAreEscapedInMessages) {
  TempDir repo;
  write_fixture(repo);
  RunOptions options;
  options.unset_env = {"SSMD_REPO", "SSMD_PLUGINS", "SSMD_LOCKED"};
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string escaped;
  };
  const std::string root = repo.path().string();
  const std::vector<Case> cases = {
      {{"--repo", root, "feed", "show", "\xff" "acme"}, 1, "no feed named '\\xffacme' (exchanges/feeds/\\xffacme.yaml"},
      {{"--repo", root, "env", "show", "d\xc3\x28v"}, 1, "no environment named 'd\\xc3(v'"},
      {{"--repo", root, "log", "feed", "\xfe" "x"}, 2, "'\\xfex' is not a valid name"},
      {{"--repo", root + "/\xfe", "feed", "list"}, 3, root + "/\\xfe: no such directory"},
      {{"--repo", root, "b\xe9" "d"}, 2, "'b\\xe9d'"},
      {{"--repo", root, "sealed-secret", "seal", "n\xffme", "--cert", "x"}, 2, "n\\xffme"},
  };
  for (const auto &c : cases) {
    RunResult r = run_ssmd(c.args, options);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.escaped << "\n" << r.err;
    EXPECT_TRUE(contains(r.err, c.escaped)) << r.err;
    for (char byte : r.err + r.out) EXPECT_LT(static_cast<unsigned char>(byte), 0x80) << r.err;
  }
  // Valid UTF-8 is kept as it is.
  RunResult accented = run_ssmd({"--repo", root, "feed", "show", "caf\xc3\xa9"}, options);
  EXPECT_TRUE(contains(accented.err, "caf\xc3\xa9")) << accented.err;
}
