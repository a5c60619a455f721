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

TEST(AtomicFile, TemporariesAreRecognisedByTheirExactShape) {
  EXPECT_TRUE(ssmd::is_atomic_temporary(".acme.yaml.tmp-Ey5GQH"));
  EXPECT_FALSE(ssmd::is_atomic_temporary("acme.yaml.tmp-Ey5GQH"));  // no leading dot
  EXPECT_FALSE(ssmd::is_atomic_temporary(".acme.yaml.tmp-Ey5GQ"));  // five characters, not six
  EXPECT_FALSE(ssmd::is_atomic_temporary(".acme.yaml"));
  EXPECT_FALSE(ssmd::is_atomic_temporary(".kalshi.yaml.Ab12Cd"));   // the sealed-secret writer's own pattern
}

TEST(AtomicFile, StaleTemporariesAreRemovedAndYoungOnesKeptWhenAnAgeIsGiven) {
  TempDir dir;
  auto stale = dir.write("feeds/.a.yaml.tmp-AAAAAA", "half");
  auto nested = dir.write("schemas/sub/.b.fmt.tmp-BBBBBB", "half");
  auto kept = dir.write("feeds/a.yaml", "whole");
  EXPECT_EQ(ssmd::remove_stale_temporaries(dir.path() / "feeds", false), 1u);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(kept));
  EXPECT_EQ(ssmd::remove_stale_temporaries(dir.path() / "schemas", false), 0u);
  EXPECT_EQ(ssmd::remove_stale_temporaries(dir.path() / "schemas", true), 1u);
  EXPECT_FALSE(fs::exists(nested));
  // With a minimum age, a temporary another process may still be writing survives; an old one does not.
  auto young = dir.write("cache/.c.bin.tmp-CCCCCC", "busy");
  auto old = dir.write("cache/.d.bin.tmp-DDDDDD", "dead");
  fs::last_write_time(old, fs::file_time_type::clock::now() - std::chrono::minutes(5));
  EXPECT_EQ(ssmd::remove_stale_temporaries(dir.path() / "cache", true, std::chrono::seconds(60)), 1u);
  EXPECT_TRUE(fs::exists(young));
  EXPECT_FALSE(fs::exists(old));
  EXPECT_EQ(ssmd::remove_stale_temporaries(dir.path() / "absent", true), 0u);
}
