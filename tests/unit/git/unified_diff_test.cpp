// Patches and --stat lines in git's format.
#include "git/unified_diff.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace ssmd::git;

TEST(GitUnifiedDiff, AddedModifiedDeleted) {
  FilePatch added = make_patch("exchanges/a.yaml", std::nullopt, "x: 1\ny: 2\n");
  EXPECT_NE(added.text.find("new file mode 100644\n"), std::string::npos) << added.text;
  EXPECT_NE(added.text.find("--- /dev/null\n+++ b/exchanges/a.yaml\n@@ -0,0 +1,2 @@\n+x: 1\n+y: 2\n"), std::string::npos);
  EXPECT_EQ(added.insertions, 2u);
  EXPECT_EQ(added.deletions, 0u);

  FilePatch modified = make_patch("exchanges/a.yaml", "x: 1\ny: 2\n", "x: 1\ny: 3\n");
  EXPECT_NE(modified.text.find("@@ -1,2 +1,2 @@\n x: 1\n-y: 2\n+y: 3\n"), std::string::npos) << modified.text;
  EXPECT_EQ(modified.insertions, 1u);
  EXPECT_EQ(modified.deletions, 1u);

  FilePatch deleted = make_patch("exchanges/a.yaml", "x: 1\n", std::nullopt);
  EXPECT_NE(deleted.text.find("deleted file mode 100644\n"), std::string::npos) << deleted.text;
  EXPECT_EQ(deleted.deletions, 1u);

  FilePatch binary = make_patch("exchanges/b.bin", std::string("a\0b", 3), std::string("a\0c", 3));
  EXPECT_TRUE(binary.binary);
}

TEST(GitUnifiedDiff, StatScalesLongBarsAndCountsTotals) {
  std::string many;
  for (int i = 0; i < 100; ++i) many += "line " + std::to_string(i) + "\n";
  std::vector<FilePatch> patches{make_patch("exchanges/big.yaml", std::nullopt, many),
                                 make_patch("exchanges/s.yaml", "a\n", "b\n")};
  std::ostringstream out;
  write_stat(out, patches, false);
  EXPECT_EQ(out.str(), " exchanges/big.yaml | 100 " + std::string(50, '+') +
                           "\n exchanges/s.yaml   |   2 +-\n 2 files changed, 101 insertions(+), 1 deletion(-)\n");
}

TEST(GitUnifiedDiff, ColouredPatch) {
  std::ostringstream plain, coloured;
  FilePatch p = make_patch("exchanges/a.yaml", "x: 1\n", "x: 2\n");
  write_patch(plain, p, false);
  write_patch(coloured, p, true);
  EXPECT_EQ(plain.str(), p.text);
  EXPECT_NE(coloured.str().find("\033[1m--- a/exchanges/a.yaml\033[m\n"), std::string::npos) << coloured.str();
  EXPECT_NE(coloured.str().find("\033[31m-x: 1\033[m\n\033[32m+x: 2\033[m\n"), std::string::npos) << coloured.str();
}
