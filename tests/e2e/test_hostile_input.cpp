// Hostile repository files, fed to the real binary through its reading and writing commands. Each must be
// refused in under a second, within 256 MiB of address space, with a diagnostic naming the file (and line
// and column where the problem has one), and without a byte written. `ssmd validate` is covered by its own
// tests.
#include "../unit/registry_fixture.hpp"
#include "bounded_run.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
using namespace ssmd::test;

namespace {

// Each refusal is due well within a second; the budget catches work that grows with the input (an alias
// bomb expanded, a FIFO waited on), not ordinary speed, so sanitizer builds get their usual allowance.
constexpr double k_max_seconds = 1.0 * sanitizer_slowdown;

// Everything under the repository as it is on disk, without following links or opening FIFOs, so a test
// can tell that nothing was written, replaced or left behind: small files by content, and every file by
// inode, size and modification time (an atomic replacement changes the inode, a write the time).
std::map<std::string, std::string> snapshot(const fs::path &root) {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    std::string relative = fs::relative(it->path(), root).string();
    if (relative.starts_with(".ssmd")) continue; // the lock file and the read cache
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0 || S_ISDIR(st.st_mode)) continue;
    std::string &entry = out[relative];
    entry = std::to_string(st.st_ino) + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) +
            "." + std::to_string(st.st_mtim.tv_nsec);
    if (S_ISLNK(st.st_mode)) entry += " -> " + fs::read_symlink(it->path()).string();
    else if (S_ISREG(st.st_mode) && st.st_size < (1 << 20)) entry += "\n" + read_file(it->path());
  }
  return out;
}

// Temporary files of the atomic writer (`.<name>.tmp-XXXXXX`) anywhere in the repository.
std::vector<std::string> temporaries(const fs::path &root) {
  std::vector<std::string> out;
  for (const auto &entry : fs::recursive_directory_iterator(root)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(".") && name.find(".tmp-") != std::string::npos) out.push_back(entry.path().string());
  }
  return out;
}

struct Commands {
  std::vector<std::vector<std::string>> reading, writing;
};

Commands feed_commands(const std::string &name) {
  return {{{"feed", "list"}, {"feed", "show", name}, {"feed", "show", name, "--output", "json"}},
          {{"feed", "add-version", name, "--version", "v9", "--effective-from", "2030-01-01"}}};
}
Commands env_commands(const std::string &name) {
  return {{{"env", "list"}, {"env", "show", name}}, {{"env", "update", name, "--feed", "acme"}}};
}
Commands schema_commands(const std::string &name, const fs::path &definition) {
  return {{{"schema", "list"}, {"schema", "hash", name}},
          {{"schema", "hash", name, "--update"}, {"schema", "register", name, "--file", definition.string()}}};
}

// Runs every command and expects a refusal that names `where` ("exchanges/feeds/x.yaml:2:5", or
// "exchanges/feeds/x.yaml:1:1" when the whole file is refused) with `rule`, in time, in memory, with every
// file as it was.
void expect_refused(const fs::path &repo, const Commands &commands, const std::string &where, const std::string &rule) {
  const auto before = snapshot(repo);
  std::vector<std::vector<std::string>> all = commands.reading;
  all.insert(all.end(), commands.writing.begin(), commands.writing.end());
  for (const auto &args : all) {
    std::string shown;
    for (const auto &a : args) shown += a + " ";
    BoundedRun run = run_bounded(repo, args);
    EXPECT_EQ(run.result.exit_code, 1) << shown << "\n" << run.result.err;
    EXPECT_LT(run.seconds, k_max_seconds) << shown;
    EXPECT_NE(run.result.err.find(where + ": error: "), std::string::npos) << shown << "\n" << run.result.err;
    EXPECT_NE(run.result.err.find("[" + rule + "]"), std::string::npos) << shown << "\n" << run.result.err;
    // Every line of the report is a finding or ssmd's own sentence: no file name or value forges a line.
    std::istringstream lines(run.result.err);
    for (std::string line; std::getline(lines, line);)
      EXPECT_TRUE(line.starts_with("exchanges/") || line.starts_with("ssmd: ")) << shown << "\n" << line;
    EXPECT_EQ(snapshot(repo), before) << shown;
    EXPECT_TRUE(temporaries(repo).empty()) << shown;
  }
}

std::string alias_bomb() {
  // Ten levels of ten aliases: 10^10 nodes once expanded, 600 bytes written.
  std::string bomb = "name: bomb\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 10; ++level) {
    std::string prev = "l" + std::to_string(level - 1);
    bomb += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) bomb += (i ? ", *" : "*") + prev;
    bomb += "]\n";
  }
  return bomb;
}

class Hostile : public ::testing::Test {
protected:
  void SetUp() override { write_fixture(dir_); }
  const fs::path &repo() const { return dir_.path(); }
  fs::path definition() const { return outside_.write("new.fmt", k_trade_v1); }
  TempDir dir_, outside_;
};

} // namespace

TEST_F(Hostile, AliasBombIsRefusedAtTheAliasThatCrossesTheBound) {
  // Line 7 is `l5: &l5 [*l4, ...]`; its fourth alias takes the document past 524,288 nodes.
  dir_.write("exchanges/feeds/bomb.yaml", alias_bomb());
  expect_refused(repo(), feed_commands("bomb"), "exchanges/feeds/bomb.yaml:7:25", "yaml/alias-bomb");
  dir_.write("exchanges/environments/bomb.yaml", alias_bomb());
  expect_refused(repo(), env_commands("bomb"), "exchanges/environments/bomb.yaml:7:25", "yaml/alias-bomb");
  dir_.write("exchanges/schemas/bomb.yaml", alias_bomb());
  expect_refused(repo(), schema_commands("bomb", definition()), "exchanges/schemas/bomb.yaml:7:25", "yaml/alias-bomb");
}

TEST_F(Hostile, TenThousandLevelsOfNestingAreRefused) {
  // Each finding names the bracket or dash that opens level 257.
  dir_.write("exchanges/feeds/flow.yaml", "name: flow\nx: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
  expect_refused(repo(), feed_commands("flow"), "exchanges/feeds/flow.yaml:2:259", "yaml/too-deep");
  std::string block = "name: block\nx:\n";
  for (int i = 0; i < 10000; ++i) block += "- ";
  dir_.write("exchanges/feeds/block.yaml", block + "x\n");
  expect_refused(repo(), feed_commands("block"), "exchanges/feeds/block.yaml:3:511", "yaml/too-deep");
  dir_.write("exchanges/environments/deep.yaml", "name: deep\ntransport: " + std::string(10000, '{') + "\n");
  expect_refused(repo(), env_commands("deep"), "exchanges/environments/deep.yaml:2:267", "yaml/too-deep");
}

TEST_F(Hostile, AFileOver16MiBIsRefusedUnread) {
  // A valid document padded with a comment, so only the size can be the reason.
  dir_.write("exchanges/feeds/big.yaml", "name: big\n#" + std::string((16u << 20) + 1, 'x') + "\n");
  expect_refused(repo(), feed_commands("big"), "exchanges/feeds/big.yaml:1:1", "yaml/too-large");
  dir_.write("exchanges/schemas/big.yaml", "name: big\n#" + std::string((16u << 20) + 1, 'x') + "\n");
  expect_refused(repo(), schema_commands("big", definition()), "exchanges/schemas/big.yaml:1:1", "yaml/too-large");
}

TEST_F(Hostile, AMillionKeysStopAtTheNodeBound) {
  // 15 MB of `kN: N` lines: under the size limit, far over the node bound. Duplicate detection once made
  // this quadratic (hours); now the parser stops at 524,288 nodes. It parses up to the bound first, so the
  // time allowed is larger than for refusals made before parsing.
  std::string text = "name: keys\n";
  for (int i = 0; i < 1000000; ++i) text += "k" + std::to_string(i) + ": 1\n";
  dir_.write("exchanges/environments/keys.yaml", text);
  const auto before = snapshot(repo());
  for (const auto &args : std::vector<std::vector<std::string>>{{"env", "show", "keys"}, {"env", "update", "keys", "--feed", "acme"}}) {
    BoundedRun run = run_bounded(repo(), args);
    EXPECT_EQ(run.result.exit_code, 1) << run.result.err;
    // CPU time, not wall time: this run is long enough that a busy machine (ctest -j, a sanitizer build
    // beside it) would otherwise decide the verdict.
    // Parsing to the bound takes about 0.5 s in Release, 1.7 s in Debug; quadratic work would take hours.
    EXPECT_LT(run.cpu_seconds, 5.0 * sanitizer_slowdown) << "wall " << run.seconds << " s";
    EXPECT_NE(run.result.err.find("exchanges/environments/keys.yaml:262145:1: error: document holds more than 524288"),
              std::string::npos) << run.result.err;
  }
  EXPECT_EQ(snapshot(repo()), before);
}

TEST_F(Hostile, NulBytesAndInvalidUtf8AreRefusedAtTheirPlace) {
  dir_.write("exchanges/feeds/nul.yaml", std::string("name: nul\ntype: web\0socket\n", 26));
  expect_refused(repo(), feed_commands("nul"), "exchanges/feeds/nul.yaml:2:10", "yaml/encoding");
  dir_.write("exchanges/feeds/latin1.yaml", "name: latin1\ndisplay_name: Caf\xe9\n");
  expect_refused(repo(), feed_commands("latin1"), "exchanges/feeds/latin1.yaml:2:18", "yaml/encoding");
  dir_.write("exchanges/environments/overlong.yaml", "name: overlong\nfeed: \xc0\xaf\n");
  expect_refused(repo(), env_commands("overlong"), "exchanges/environments/overlong.yaml:2:7", "yaml/encoding");
}

TEST_F(Hostile, ASymlinkToEtcPasswdIsNeverRead) {
  fs::create_symlink("/etc/passwd", repo() / "exchanges/feeds/passwd.yaml");
  expect_refused(repo(), feed_commands("passwd"), "exchanges/feeds/passwd.yaml:1:1", "io/outside-repository");
  // Not one line of the target reaches the output.
  BoundedRun run = run_bounded(repo(), {"feed", "show", "passwd"});
  EXPECT_EQ(run.result.out.find("root:"), std::string::npos);
  EXPECT_EQ(run.result.err.find("root:"), std::string::npos);
}

TEST_F(Hostile, SymlinksLeavingTheRepositoryAreRefusedAndNeverWrittenThrough) {
  const std::string outside_env = "name: elsewhere\nfeed: acme\nschema: trade:v1\n";
  fs::path target = outside_.write("elsewhere.yaml", outside_env);
  fs::create_symlink(target, repo() / "exchanges/environments/elsewhere.yaml");
  expect_refused(repo(), env_commands("elsewhere"), "exchanges/environments/elsewhere.yaml:1:1", "io/outside-repository");
  EXPECT_EQ(read_file(target), outside_env);
  // A relative link climbing out is the same.
  fs::path feed = outside_.write("feed.yaml", k_feed_yaml);
  fs::create_symlink(fs::relative(feed, repo() / "exchanges/feeds"), repo() / "exchanges/feeds/climb.yaml");
  expect_refused(repo(), feed_commands("climb"), "exchanges/feeds/climb.yaml:1:1", "io/outside-repository");
  EXPECT_EQ(read_file(feed), k_feed_yaml);
}

TEST_F(Hostile, ADirectoryLinkedOutsideIsNeitherReadNorWrittenInto) {
  // exchanges/environments/ itself points elsewhere: reading refuses its files, and a new environment is
  // not created there.
  fs::rename(repo() / "exchanges/environments", outside_.path() / "environments");
  fs::create_symlink(outside_.path() / "environments", repo() / "exchanges/environments");
  expect_refused(repo(), env_commands("dev"), "exchanges/environments/dev.yaml:1:1", "io/outside-repository");
  const auto before = snapshot(outside_.path());
  BoundedRun create = run_bounded(repo(), {"env", "create", "fresh", "--feed", "acme", "--schema", "trade:v1"});
  EXPECT_NE(create.result.exit_code, 0);
  EXPECT_NE(create.result.err.find("outside the repository"), std::string::npos) << create.result.err;
  EXPECT_EQ(snapshot(outside_.path()), before);
}

TEST_F(Hostile, HardLinkedFilesAreRefused) {
  // The other name of a hard link cannot be found from inside the repository, so every hard-linked metadata
  // file is refused (git never creates one in a working tree).
  std::string feed = k_feed_yaml;
  feed.replace(feed.find("name: acme"), 10, "name: linked");
  fs::path original = outside_.write("linked.yaml", feed);
  fs::create_hard_link(original, repo() / "exchanges/feeds/linked.yaml");
  expect_refused(repo(), feed_commands("linked"), "exchanges/feeds/linked.yaml:1:1", "io/hard-link");
  EXPECT_EQ(read_file(original), feed);
  // A schema definition file is held to the same rule.
  fs::path definition = repo() / "exchanges/schemas/trade.v1.fmt";
  fs::create_hard_link(definition, outside_.path() / "trade.v1.fmt");
  BoundedRun hash = run_bounded(repo(), {"schema", "hash", "trade"});
  EXPECT_EQ(hash.result.exit_code, 1);
  EXPECT_NE(hash.result.err.find("exchanges/schemas/trade.v1.fmt:1:1: error: file has 2 hard links"), std::string::npos)
      << hash.result.err;
}

TEST_F(Hostile, AFifoNeverBlocksAReader) {
  ASSERT_EQ(::mkfifo((repo() / "exchanges/feeds/fifo.yaml").c_str(), 0644), 0);
  expect_refused(repo(), feed_commands("fifo"), "exchanges/feeds/fifo.yaml:1:1", "io/not-regular");
  fs::remove(repo() / "exchanges/schemas/trade.v1.fmt");
  ASSERT_EQ(::mkfifo((repo() / "exchanges/schemas/trade.v1.fmt").c_str(), 0644), 0);
  BoundedRun hash = run_bounded(repo(), {"schema", "hash", "trade"});
  EXPECT_EQ(hash.result.exit_code, 1);
  EXPECT_LT(hash.seconds, k_max_seconds);
  EXPECT_NE(hash.result.err.find("exchanges/schemas/trade.v1.fmt:1:1: error: path is a directory, FIFO"), std::string::npos)
      << hash.result.err;
}

TEST_F(Hostile, AFileNameWithANewlineIsRefusedOnOneLine) {
  dir_.write("exchanges/feeds/two\nlines.yaml", "name: lines\ntype: rest\nstatus: active\nversions: []\n");
  BoundedRun run = run_bounded(repo(), {"feed", "list"});
  EXPECT_EQ(run.result.exit_code, 1);
  EXPECT_LT(run.seconds, k_max_seconds);
  EXPECT_NE(run.result.err.find("exchanges/feeds/two\\nlines.yaml:1:1: error: file name holds a control character"),
            std::string::npos) << run.result.err;
  EXPECT_NE(run.result.err.find("[io/file-name]"), std::string::npos);
  EXPECT_EQ(std::count(run.result.err.begin(), run.result.err.end(), '\n'), 1) << run.result.err;
  EXPECT_EQ(run.result.out.find("lines"), std::string::npos) << run.result.out;
}

TEST_F(Hostile, ControlCharactersInValuesCannotForgeOutput) {
  // A quoted value may hold any character; listings escape them instead of letting them reach the terminal.
  // The exchange name is a value no core rule checks, so the feed is still listed.
  std::string feed = k_feed_yaml;
  feed.replace(feed.find("type: websocket"), 15, "exchange: \"acme\\n\\e[2J\"\ntype: websocket");
  feed.replace(feed.find("Acme Exchange"), 13, "\"Acme\\e]0;title\\a\"");
  dir_.write("exchanges/feeds/acme.yaml", feed);
  BoundedRun run = run_bounded(repo(), {"feed", "list"});
  EXPECT_EQ(run.result.exit_code, 0) << run.result.err;
  EXPECT_EQ(run.result.out.find('\x1b'), std::string::npos) << run.result.out;
  EXPECT_EQ(std::count(run.result.out.begin(), run.result.out.end(), '\n'), 2) << run.result.out;
  EXPECT_NE(run.result.out.find("acme\\n\\x1b[2J"), std::string::npos) << run.result.out;
  BoundedRun show = run_bounded(repo(), {"feed", "show", "acme"});
  EXPECT_EQ(show.result.exit_code, 0) << show.result.err;
  EXPECT_EQ(show.result.out.find('\x1b'), std::string::npos) << show.result.out;
  // An endpoint holding them fails a core rule: the feed is left out, and the finding quotes it escaped.
  feed = k_feed_yaml;
  feed.replace(feed.find("\"wss://ws.acme.test/v2\""), 23, "\"wss://ws.acme.test/v2\\n\\e[2J\"");
  dir_.write("exchanges/feeds/acme.yaml", feed);
  BoundedRun left_out = run_bounded(repo(), {"feed", "list"});
  EXPECT_EQ(left_out.result.exit_code, 1) << left_out.result.err;
  EXPECT_EQ((left_out.result.out + left_out.result.err).find('\x1b'), std::string::npos) << left_out.result.err;
  EXPECT_NE(left_out.result.err.find("wss://ws.acme.test/v2\\n\\x1b[2J"), std::string::npos) << left_out.result.err;
}

TEST(HostileBound, TheMemoryLimitIsReallyApplied) {
  // The bound proves something only if exceeding it fails: with 4 MiB of address space ssmd cannot even
  // start (it maps about 10 MiB of libraries; libgit2 and libcrypto only when a command uses them).
  if (!memory_limited) GTEST_SKIP() << "sanitizer builds run without an address-space limit";
  TempDir dir;
  write_fixture(dir);
  EXPECT_EQ(run_bounded(dir.path(), {"feed", "list"}).result.exit_code, 0);
  EXPECT_NE(run_bounded(dir.path(), {"feed", "list"}, 4ull << 20).result.exit_code, 0);
}
