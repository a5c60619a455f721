#include "core/atomic_file.hpp"

#include "run_ssmd.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

using ssmd::test::TempDir;
namespace fs = std::filesystem;

TEST(AtomicFile, ReplacesContentKeepsModeAndLeavesNoTemporary) {
  TempDir dir;
  auto path = dir.write("a.yaml", "old\n");
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  ssmd::write_file_atomically(path, "new\n");
  EXPECT_EQ(ssmd::test::read_file(path), "new\n");
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  size_t files = 0;
  for ([[maybe_unused]] auto &e : fs::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1u);
}

TEST(AtomicFile, FailureNamesTheFileAndWritesNothing) {
  TempDir dir;
  dir.write("no-such-dir", "a file where a directory is needed");
  auto missing = dir.path() / "no-such-dir" / "a.yaml";
  try {
    ssmd::write_file_atomically(missing, "x");
    FAIL() << "expected an error";
  } catch (const std::exception &e) {
    EXPECT_NE(std::string(e.what()).find("no-such-dir/a.yaml"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(missing));
  EXPECT_EQ(ssmd::test::read_file(dir.path() / "no-such-dir"), "a file where a directory is needed");
}
