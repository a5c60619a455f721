#include "core/errors.hpp"
#include "plugins/lock_file.hpp"
#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

using namespace ssmd;
using namespace ssmd::test;
namespace fs = std::filesystem;

namespace {
const std::string kHashA(64, 'a');
const std::string kHashB = std::string(63, '0') + "f";

std::string diagnostics_text(const Diagnostics &d) {
  std::string out;
  for (const auto &x : d) out += format_diagnostic(x) + "\n";
  return out;
}
} // namespace

TEST(LockFile, FormatsSortedAndParsesBack) {
  LockFile lock;
  lock.plugins.push_back({"zeta", "2.0", kHashB});
  lock.plugins.push_back({"alpha", "1.0.0", kHashA});
  std::string text = format_lock_file(lock);
  EXPECT_LT(text.find("name: alpha"), text.find("name: zeta"));
  EXPECT_NE(text.find("version: \"1.0.0\""), std::string::npos);
  Diagnostics d;
  auto parsed = parse_lock_file(text, "ssmd-plugins.lock", d);
  ASSERT_TRUE(parsed) << diagnostics_text(d);
  ASSERT_EQ(parsed->plugins.size(), 2u);
  EXPECT_EQ(parsed->plugins[0].name, "alpha");
  ASSERT_NE(parsed->find("zeta"), nullptr);
  EXPECT_EQ(parsed->find("zeta")->sha256, kHashB);
  EXPECT_EQ(parsed->find("zeta")->version, "2.0");
  EXPECT_EQ(parsed->find("beta"), nullptr);
  EXPECT_EQ(format_lock_file(*parsed), text);
}

TEST(LockFile, AnEmptyLockRoundTrips) {
  std::string text = format_lock_file(LockFile{});
  EXPECT_NE(text.find("plugins: []"), std::string::npos);
  Diagnostics d;
  auto parsed = parse_lock_file(text, "l", d);
  ASSERT_TRUE(parsed) << diagnostics_text(d);
  EXPECT_TRUE(parsed->plugins.empty());
}

TEST(LockFile, ErrorsCarryLineAndColumn) {
  struct Case {
    std::string text, expected;
  };
  const std::vector<Case> cases = {
      {"- a\n", "l:1:1: error: the lock file must be a mapping"},
      {"plugins: 3\n", "l:1:10: error: 'plugins' must be a list"},
      {"plugins: []\nextra: 1\n", "l:2:1: error: unknown key 'extra'"},
      {"plugins:\n  - name: a\n    version: \"1\"\n    sha256: abc\n", "l:4:13: error: sha256 must be 64 lowercase hex"},
      {"plugins:\n  - name: a\n    sha256: " + kHashA + "\n", "l:2:5: error: entry needs a 'version' string"},
      {"plugins:\n  - name: A\n    version: 1\n    sha256: " + kHashA + "\n", "l:2:11: error: plugin name 'A'"},
      {"plugins:\n  - name: a\n    version: 1\n    sha256: " + kHashA + "\n  - name: a\n    version: 1\n    sha256: " +
           kHashA + "\n",
       "l:5:11: error: plugin 'a' is listed twice"},
      {"plugins:\n  - name: a\n    version: 1\n    sha256: " + kHashA + "\n    signed: yes\n",
       "l:5:5: error: unknown key 'signed'"},
      {"plugins:\n  - just-a-string\n", "l:2:5: error: each plugin entry must be a mapping"},
      {"plugins: [\n", "l:"},
  };
  for (const auto &c : cases) {
    Diagnostics d;
    EXPECT_FALSE(parse_lock_file(c.text, "l", d)) << c.text;
    std::string got = diagnostics_text(d);
    EXPECT_NE(got.find(c.expected), std::string::npos) << "for:\n" << c.text << "got:\n" << got;
  }
}

TEST(LockFile, ReadingAMissingOrMalformedFileIsAnEnvironmentError) {
  TempDir dir;
  try {
    read_lock_file(dir.path() / "ssmd-plugins.lock");
    FAIL() << "no error for a missing lock file";
  } catch (const EnvironmentError &e) {
    EXPECT_NE(std::string(e.what()).find("run 'ssmd plugin lock'"), std::string::npos) << e.what();
  }
  fs::path bad = dir.write("ssmd-plugins.lock", "plugins:\n  - name: a\n");
  try {
    read_lock_file(bad);
    FAIL() << "no error for a malformed lock file";
  } catch (const EnvironmentError &e) {
    EXPECT_NE(std::string(e.what()).find(bad.string() + ":2:5"), std::string::npos) << e.what();
  }
}

TEST(LockFile, WritesAtomicallyAndLeavesNoTemporaryFile) {
  TempDir dir;
  fs::path path = dir.path() / "ssmd-plugins.lock";
  write_file_atomically(path, "first\n");
  write_file_atomically(path, "second\n");
  EXPECT_EQ(read_file(path), "second\n");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  size_t files = 0;
  for (auto &entry : fs::directory_iterator(dir.path())) {
    ++files;
    EXPECT_EQ(entry.path().filename(), "ssmd-plugins.lock");
  }
  EXPECT_EQ(files, 1u);
}
