// The XML reader and what the plugin takes from S3's documents. Bad input must give an error with a
// position, never a crash: these cases are the seeds a fuzzer will start from.
#include "s3_responses.hpp"
#include "xml.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace ssmd::s3;

namespace {

xml::ParseError parse_fails(const std::string &text) {
  xml::ParseError error;
  EXPECT_FALSE(xml::parse(text, error).has_value()) << text;
  EXPECT_FALSE(error.message.empty()) << text;
  EXPECT_GE(error.line, 1u);
  EXPECT_GE(error.column, 1u);
  return error;
}

const char *k_page =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
    "  <Name>market-data</Name><Prefix>kalshi/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>\n"
    "  <IsTruncated>true</IsTruncated>\n"
    "  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>\n"
    "  <Contents><Key>kalshi/2025/01/01/manifest.json</Key><LastModified>2025-01-02T00:00:00.000Z</LastModified>\n"
    "    <ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>412</Size><StorageClass>STANDARD</StorageClass>"
    "</Contents>\n"
    "  <Contents><Key>kalshi/odd/a&amp;b &lt;c&gt; &#233;&#x65E5;.json</Key><Size>18446744073709551615</Size></Contents>\n"
    "</ListBucketResult>\n";

} // namespace

TEST(XmlReader, ReadsElementsTextAndEntities) {
  xml::ParseError error;
  auto root = xml::parse(k_page, error);
  ASSERT_TRUE(root) << error.message;
  EXPECT_EQ(root->name, "ListBucketResult");
  ASSERT_NE(root->child("Contents"), nullptr);
  EXPECT_EQ(root->child("Contents")->child("ETag")->text, "\"9b2cf535f27731c974343645a3985328\"");
  EXPECT_EQ(root->children.back().child("Key")->text, "kalshi/odd/a&b <c> \xc3\xa9\xe6\x97\xa5.json");
  EXPECT_EQ(root->child("Missing"), nullptr);
}

TEST(XmlReader, HandlesCdataCommentsNamespacesAndSelfClosingTags) {
  xml::ParseError error;
  auto root = xml::parse("\xEF\xBB\xBF<!-- lead --><s3:R a='1' b=\"&amp;\"><s3:K><![CDATA[x<&>y]]>z</s3:K><!-- c -->"
                         "<?pi ignored?><E/><E /></s3:R><!-- trail -->",
                         error);
  ASSERT_TRUE(root) << error.message;
  EXPECT_EQ(root->name, "R");
  EXPECT_EQ(root->child("K")->text, "x<&>yz");
  EXPECT_EQ(root->children.size(), 3u);
}

TEST(XmlReader, RefusesMalformedDocumentsWithAPosition) {
  EXPECT_EQ(parse_fails("").message, "the document has no root element");
  xml::ParseError e = parse_fails("<a>\n  <b></a>");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 6u);
  EXPECT_NE(e.message.find("</a> does not close <b>"), std::string::npos);
  parse_fails("<a>");
  parse_fails("<a><b>text");
  parse_fails("<a></a><b></b>");
  parse_fails("<a></a>trailing");
  parse_fails("<a x></a>");
  parse_fails("<a x=1></a>");
  parse_fails("<a x='<'></a>");
  parse_fails("<a x=\"1\"y=\"2\"></a>");
  parse_fails("<a><!-- never closed</a>");
  parse_fails("<a><![CDATA[never closed</a>");
  parse_fails("<1a></1a>");
  parse_fails("<a:></a:>");
  parse_fails("<a></ a>");
  parse_fails("< a></a>");
  parse_fails("<a>&#0;</a>");
  parse_fails("<a>&#xD800;</a>");
  parse_fails("<a>&#x110000;</a>");
  parse_fails("<a>&#xFFFFFFFFF;</a>");
  parse_fails("<a>&#;</a>");
  parse_fails("<a>&#x;</a>");
  parse_fails("<a>&#12a;</a>");
  parse_fails("<a>&bogus;</a>");
  parse_fails("<a>AT&T</a>");
  parse_fails("<a>&amp</a>");
}

TEST(XmlReader, RefusesDoctypeSoNoEntityCanExpand) {
  xml::ParseError e = parse_fails("<!DOCTYPE lol [<!ENTITY lol \"lol\">]><a>&lol;</a>");
  EXPECT_NE(e.message.find("DOCTYPE"), std::string::npos);
  parse_fails("<a><!ENTITY x \"y\"></a>");
}

TEST(XmlReader, BoundsNestingDepth) {
  std::string ok, deep;
  for (size_t i = 0; i < xml::k_max_depth; ++i) ok += "<a>";
  for (size_t i = 0; i < xml::k_max_depth; ++i) ok += "</a>";
  xml::ParseError error;
  EXPECT_TRUE(xml::parse(ok, error)) << error.message;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  EXPECT_NE(parse_fails(deep).message.find("nested deeper"), std::string::npos);
}

TEST(XmlReader, BoundsElementCount) {
  std::string many = "<r>";
  for (size_t i = 1; i < xml::k_max_elements; ++i) many += "<e/>";
  xml::ParseError error;
  EXPECT_TRUE(xml::parse(many + "</r>", error)) << error.message;
  EXPECT_NE(parse_fails(many + "<e/></r>").message.find("more than"), std::string::npos);
}

TEST(XmlReader, SurvivesEveryPrefixAndRandomMutationsOfARealPage) {
  const std::string page = k_page;
  for (size_t n = 0; n < page.size(); ++n) {
    xml::ParseError error;
    (void)xml::parse(page.substr(0, n), error); // must return, with or without a tree
  }
  std::mt19937 rng(12345);
  for (int round = 0; round < 2000; ++round) {
    std::string mutated = page;
    for (int k = 0; k < 4; ++k) mutated[rng() % mutated.size()] = static_cast<char>(rng() % 256);
    xml::ParseError error;
    if (!xml::parse(mutated, error)) {
      EXPECT_GE(error.line, 1u);
    }
    std::string ignored;
    (void)parse_list_page(mutated, ignored);
  }
}

TEST(ListPage, ReadsKeysSizesAndTheContinuationToken) {
  std::string error;
  auto page = parse_list_page(k_page, error);
  ASSERT_TRUE(page) << error;
  EXPECT_TRUE(page->truncated);
  EXPECT_EQ(page->next_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
  ASSERT_EQ(page->objects.size(), 2u);
  EXPECT_EQ(page->objects[0].key, "kalshi/2025/01/01/manifest.json");
  EXPECT_EQ(page->objects[0].size, 412u);
  EXPECT_EQ(page->objects[1].size, 18446744073709551615ull);
}

TEST(ListPage, LastPageNeedsNoToken) {
  std::string error;
  auto page = parse_list_page("<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>", error);
  ASSERT_TRUE(page) << error;
  EXPECT_FALSE(page->truncated);
  EXPECT_TRUE(page->objects.empty());
}

TEST(ListPage, RefusesPagesThatCannotBeTrusted) {
  auto fails = [](const std::string &body, const std::string &expected) {
    std::string error;
    EXPECT_FALSE(parse_list_page(body, error)) << body;
    EXPECT_NE(error.find(expected), std::string::npos) << error;
  };
  fails("<Error><Code>AccessDenied</Code></Error>", "expected <ListBucketResult>");
  fails("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>", "no <NextContinuationToken>");
  fails("<ListBucketResult><IsTruncated>yes</IsTruncated></ListBucketResult>", "true or false");
  fails("<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>", "has no <Key>");
  fails("<ListBucketResult><Contents><Key>k</Key></Contents></ListBucketResult>", "no decimal <Size>");
  fails("<ListBucketResult><Contents><Key>k</Key><Size>-1</Size></Contents></ListBucketResult>", "no decimal <Size>");
  fails("<ListBucketResult><Contents><Key>k</Key><Size>18446744073709551616</Size></Contents></ListBucketResult>",
        "no decimal <Size>");
  fails("<ListBucketResult><Contents><Key>k", "malformed XML at line 1, column 35: the document ends inside <Key>");
}

TEST(ErrorDocument, ReadsCodeAndMessage) {
  ErrorDocument doc = parse_error_document(
      "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>The key &lt;k&gt; does not exist.</Message>"
      "<Key>k</Key></Error>");
  EXPECT_EQ(doc.code, "NoSuchKey");
  EXPECT_EQ(doc.message, "The key <k> does not exist.");
  EXPECT_TRUE(parse_error_document("<html>502 Bad Gateway</html>").code.empty());
  EXPECT_TRUE(parse_error_document("").code.empty());
}
