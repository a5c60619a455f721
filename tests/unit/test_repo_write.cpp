// The repository writer (sdk/include/ssmd/repo_write.hpp), line endings (core/line_endings.hpp) and the
// escaping of messages (core/printable.hpp), each against the file system or bytes directly.
#include "core/atomic_file.hpp"
#include "core/errors.hpp"
#include "core/line_endings.hpp"
#include "core/printable.hpp"
#include "run_ssmd.hpp"

#include <ssmd/repo_write.hpp>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace ssmd;
using ssmd::test::TempDir;
using ssmd::test::read_file;

TEST(RepoWrite, CreatesMissingFoldersAndReplacesAtomically) {
  TempDir root;
  std::string why;
  ASSERT_TRUE(repo_write::write_file(root.path().string(), "a/b/c.yaml", "one\n", {}, why)) << why;
  EXPECT_EQ(read_file(root.path() / "a/b/c.yaml"), "one\n");
  ::chmod((root.path() / "a/b/c.yaml").c_str(), 0600);
  ASSERT_TRUE(repo_write::write_file(root.path().string(), "a/b/c.yaml", "two\n", {}, why)) << why;
  EXPECT_EQ(read_file(root.path() / "a/b/c.yaml"), "two\n");
  EXPECT_EQ(fs::status(root.path() / "a/b/c.yaml").permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  repo_write::WriteOptions keep;
  keep.replace = false;
  EXPECT_FALSE(repo_write::write_file(root.path().string(), "a/b/c.yaml", "three\n", keep, why));
  EXPECT_EQ(errno, EEXIST);
  EXPECT_EQ(read_file(root.path() / "a/b/c.yaml"), "two\n");
  // Nothing but the file is left in its folder: no temporary.
  EXPECT_EQ(std::distance(fs::directory_iterator(root.path() / "a/b"), fs::directory_iterator()), 1);
}

TEST(RepoWrite, RefusesEveryFolderLinkWithoutCreatingAnything) {
  TempDir root, outside;
  fs::create_directory_symlink(outside.path(), root.path() / "out");
  fs::create_directories(root.path() / "real");
  fs::create_directory_symlink("real", root.path() / "in");
  for (const char *path : {"out/x.yaml", "out/new/x.yaml", "in/x.yaml"}) {
    std::string why;
    EXPECT_FALSE(repo_write::write_file(root.path().string(), path, "x", {}, why)) << path;
    EXPECT_NE(why.find("is a symbolic link"), std::string::npos) << why;
    EXPECT_FALSE(repo_write::can_write(root.path().string(), path, why)) << path;
    EXPECT_FALSE(repo_write::remove_file(root.path().string(), path, why)) << path;
  }
  EXPECT_TRUE(fs::is_empty(outside.path()));
  EXPECT_TRUE(fs::is_empty(root.path() / "real"));
  // The host's wrapper throws EnvironmentError (exit 3) naming the link.
  try {
    write_repository_file(root.path(), "out/x.yaml", "x");
    FAIL() << "no refusal";
  } catch (const EnvironmentError &e) {
    EXPECT_NE(std::string(e.what()).find("cannot write out/x.yaml: out is a symbolic link (to " + outside.path().string()),
              std::string::npos)
        << e.what();
  }
  // A file in the way of a folder, and paths that leave the root.
  fs::create_directories(root.path() / "d");
  std::ofstream(root.path() / "d/file") << "x";
  std::string why;
  EXPECT_FALSE(repo_write::write_file(root.path().string(), "d/file/x", "x", {}, why));
  EXPECT_NE(why.find("d/file is not a folder"), std::string::npos) << why;
  EXPECT_FALSE(repo_write::write_file(root.path().string(), "../x", "x", {}, why));
  EXPECT_FALSE(repo_write::write_file(root.path().string(), "/tmp/x", "x", {}, why));
}

TEST(RepoWrite, AFileThatIsALinkIsReplacedNotFollowed) {
  TempDir root, outside;
  fs::path target = outside.path() / "target";
  std::ofstream(target) << "outside\n";
  fs::create_symlink(target, root.path() / "f.yaml");
  std::string why;
  ASSERT_TRUE(repo_write::write_file(root.path().string(), "f.yaml", "inside\n", {}, why)) << why;
  EXPECT_FALSE(fs::is_symlink(root.path() / "f.yaml"));
  EXPECT_EQ(read_file(root.path() / "f.yaml"), "inside\n");
  EXPECT_EQ(read_file(target), "outside\n");
  // Removing a link removes the link.
  fs::create_symlink(target, root.path() / "g.yaml");
  ASSERT_TRUE(repo_write::remove_file(root.path().string(), "g.yaml", why)) << why;
  EXPECT_TRUE(fs::exists(target));
  EXPECT_TRUE(repo_write::remove_file(root.path().string(), "missing/g.yaml", why)) << "a missing file is gone already";
}

TEST(LineEndings, FollowTheOriginal) {
  EXPECT_TRUE(uses_crlf("a\r\nb\r\n"));
  EXPECT_FALSE(uses_crlf("a\nb\r\nc\n"));
  EXPECT_FALSE(uses_crlf("no break"));
  EXPECT_EQ(with_line_endings_of("a\r\nb\r\n", "a\r\nnew\nb\n"), "a\r\nnew\r\nb\r\n");
  EXPECT_EQ(with_line_endings_of("a\nb\n", "a\r\nnew\n"), "a\r\nnew\n");
}

TEST(Printable, EscapesInvalidUtf8AndControlsKeepsValidUtf8) {
  EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  EXPECT_EQ(printable("a\xff" "b"), "a\\xffb");
  EXPECT_EQ(printable("\xc3"), "\\xc3");                       // cut sequence
  EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");               // overlong
  EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");       // surrogate
  EXPECT_EQ(printable("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80"); // past U+10FFFF
  EXPECT_EQ(printable("a\nb\x1b[31m"), "a\\nb\\x1b[31m");
  EXPECT_EQ(printable_lines("one\ntwo\xfe"), "one\ntwo\\xfe");
}
