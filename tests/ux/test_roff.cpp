// Troff text for the man pages: escaping and the small Markdown of docs/*.md.
#include "manpage/roff.hpp"

#include <gtest/gtest.h>

using namespace ssmd;

TEST(Roff, EscapesDashesBackslashesAndRequestsAtLineStart) {
  EXPECT_EQ(roff::escape("--as-of"), "\\-\\-as\\-of");
  EXPECT_EQ(roff::escape("C:\\path"), "C:\\epath");
  EXPECT_EQ(roff::escape(".ssmd/config.yaml"), "\\&.ssmd/config.yaml");
  EXPECT_EQ(roff::escape("a\n'b"), "a\n\\&'b");
  EXPECT_EQ(roff::escape("plain text"), "plain text");
}

TEST(Roff, InlineMarkupBecomesFonts) {
  EXPECT_EQ(roff::inline_markup("use `--repo DIR` now"), "use \\fB\\-\\-repo DIR\\fR now");
  EXPECT_EQ(roff::inline_markup("**bold** and *it*"), "\\fBbold\\fR and \\fIit\\fR");
  EXPECT_EQ(roff::inline_markup("see [the docs](https://example.invalid/x)"), "see the docs");
  EXPECT_EQ(roff::inline_markup("a lone * star"), "a lone * star");
  EXPECT_EQ(roff::inline_markup("`.ssmd/` first"), "\\fB\\&.ssmd/\\fR first");
}

TEST(Roff, MarkdownPageBecomesManMacros) {
  std::string page = "# Title\n\nFirst paragraph\ncontinues.\n\n## Section\n\n- item `one`\n- item two\n\n"
                     "| Name | Meaning |\n| --- | --- |\n| `A` | the a |\n| `B` | the b, 1 | 2 |\n\n```\n.raw -x\n```\n";
  std::string man = roff::from_markdown(page);
  EXPECT_EQ(man.find("Title"), std::string::npos) << "the title is the caller's";
  EXPECT_NE(man.find(".PP\nFirst paragraph\ncontinues.\n"), std::string::npos) << man;
  EXPECT_NE(man.find(".SS Section\n"), std::string::npos) << man;
  EXPECT_NE(man.find(".IP \\(bu 2\nitem \\fBone\\fR\n"), std::string::npos) << man;
  EXPECT_NE(man.find(".TP\n\\fBA\\fR\nthe a\n"), std::string::npos) << man;
  EXPECT_NE(man.find(".TP\n\\fBB\\fR\nthe b, 1 2\n"), std::string::npos) << man;
  EXPECT_EQ(man.find("Meaning"), std::string::npos) << "the header row is dropped";
  EXPECT_NE(man.find(".nf\n\\&.raw \\-x\n.fi\n"), std::string::npos) << man;
}
