// The XML reader and what the plugin takes from S3's documents. Bad input must give an error with a
// position, never a crash: these cases are the seeds a fuzzer will start from.
#include "s3_responses.hpp"
#include "xml.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace ssmd::s3;

namespace {

xml::ParseError parse_fails(const std::string &text) {
  pugi::xml_document document;
  xml::ParseError error;
  EXPECT_FALSE(xml::parse(text, document, error)) << text;
  EXPECT_FALSE(error.message.empty()) << text;
  EXPECT_GE(error.line, 1u);
  EXPECT_GE(error.column, 1u);
  return error;
}

// The text of the root element's first child named `name`, or "(no document)".
std::string root_child_text(const std::string &text, const char *name) {
  pugi::xml_document document;
  xml::ParseError error;
  if (!xml::parse(text, document, error)) return "(no document)";
  return xml::text(xml::child(document.document_element(), name));
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
  pugi::xml_document document;
  xml::ParseError error;
  ASSERT_TRUE(xml::parse(k_page, document, error)) << error.message;
  pugi::xml_node root = document.document_element();
  EXPECT_EQ(xml::local_name(root), "ListBucketResult");
  pugi::xml_node contents = xml::child(root, "Contents");
  ASSERT_TRUE(contents);
  EXPECT_EQ(xml::text(xml::child(contents, "ETag")), "\"9b2cf535f27731c974343645a3985328\"");
  pugi::xml_node last;
  for (pugi::xml_node c : root.children("Contents")) last = c;
  EXPECT_EQ(xml::text(xml::child(last, "Key")), "kalshi/odd/a&b <c> \xc3\xa9\xe6\x97\xa5.json");
  EXPECT_FALSE(xml::child(root, "Missing"));
}

TEST(XmlReader, HandlesCdataCommentsNamespacesAndSelfClosingTags) {
  pugi::xml_document document;
  xml::ParseError error;
  ASSERT_TRUE(xml::parse("\xEF\xBB\xBF<!-- lead --><s3:R a='1' b=\"&amp;\"><s3:K><![CDATA[x<&>y]]>z</s3:K><!-- c -->"
                         "<?pi ignored?><E/><E /></s3:R><!-- trail -->",
                         document, error))
      << error.message;
  pugi::xml_node root = document.document_element();
  EXPECT_EQ(xml::local_name(root), "R");
  EXPECT_EQ(xml::text(xml::child(root, "K")), "x<&>yz");
  EXPECT_EQ(std::distance(root.children().begin(), root.children().end()), 3);
  // White space is text too: a key may be a space.
  EXPECT_EQ(root_child_text("<r><K> </K></r>", "K"), " ");
}

TEST(XmlReader, RefusesMalformedDocumentsWithAPosition) {
  EXPECT_EQ(parse_fails("").message, "no document element found");
  xml::ParseError e = parse_fails("<a>\n  <b></a>");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 8u); // the name that does not match
  EXPECT_EQ(e.message, "start-end tags mismatch");
  parse_fails("<a>");
  parse_fails("<a><b>text");
  EXPECT_EQ(parse_fails("<a></a><b></b>").message, "more than one root element");
  parse_fails("<a x></a>");
  parse_fails("<a x=1></a>");
  parse_fails("<a x=\"1\"y=\"2\"></a>");
  parse_fails("<a><!-- never closed</a>");
  parse_fails("<a><![CDATA[never closed</a>");
  parse_fails("<1a></1a>");
  parse_fails("<a></ a>");
  parse_fails("< a></a>");
  parse_fails("<a><!ENTITY x \"y\"></a>");
  parse_fails("<a><!DOCTYPE x></a>");
}

// No entity a document declares is ever expanded, nor one it does not: the reference stays as written. Not
// an internal one (the "billion laughs" start this way), not an external one (a file or URL that would be
// read), not a parameter entity.
TEST(XmlReader, NeverExpandsDeclaredEntities) {
  const std::string listing = "<ListBucketResult><Contents><Key>&a;</Key><Size>1</Size></Contents></ListBucketResult>";
  for (const std::string doctype :
       {"<!DOCTYPE x [<!ENTITY a \"expanded\">]>", "<!DOCTYPE x [<!ENTITY a SYSTEM \"file:///etc/passwd\">]>",
        "<!DOCTYPE x [<!ENTITY a SYSTEM \"http://127.0.0.1:9/x\">]>",
        "<!DOCTYPE x [<!ENTITY % p \"<!ENTITY a 'expanded'>\"> %p;]>",
        "<!DOCTYPE x [<!ENTITY b \"lol\"><!ENTITY a \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"}) {
    std::string error;
    auto page = parse_list_page(doctype + listing, error);
    ASSERT_TRUE(page) << error;
    ASSERT_EQ(page->objects.size(), 1u);
    EXPECT_EQ(page->objects[0].key, "&a;") << doctype;
  }
  EXPECT_EQ(root_child_text("<a><k>&bogus;</k></a>", "k"), "&bogus;");
  EXPECT_EQ(root_child_text("<a><k>AT&T</k></a>", "k"), "AT&T");
}

TEST(XmlReader, ParsesDeepNestingWithoutRecursion) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  EXPECT_EQ(parse_fails(deep).message, "start-end tags mismatch");
  for (int i = 0; i < 100000; ++i) deep += "</a>";
  pugi::xml_document document;
  xml::ParseError error;
  EXPECT_TRUE(xml::parse(deep, document, error)) << error.message;
}

TEST(XmlReader, BoundsTheNumberOfTags) {
  std::string many = "<r>";
  for (size_t i = 2; i < xml::k_max_tags; ++i) many += "<e/>";
  pugi::xml_document document;
  xml::ParseError error;
  EXPECT_TRUE(xml::parse(many + "</r>", document, error)) << error.message;
  EXPECT_EQ(parse_fails(many + "<e/></r>").message, "more than 400000 tags");
}

TEST(XmlReader, SurvivesEveryPrefixAndRandomMutationsOfARealPage) {
  const std::string page = k_page;
  for (size_t n = 0; n < page.size(); ++n) {
    pugi::xml_document document;
    xml::ParseError error;
    if (!xml::parse(page.substr(0, n), document, error)) {
      EXPECT_GE(error.line, 1u);
    }
  }
  std::mt19937 rng(12345);
  for (int round = 0; round < 2000; ++round) {
    std::string mutated = page;
    for (int k = 0; k < 4; ++k) mutated[rng() % mutated.size()] = static_cast<char>(rng() % 256);
    pugi::xml_document document;
    xml::ParseError error;
    if (!xml::parse(mutated, document, error)) {
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
  fails("<ListBucketResult><Contents><Key>k", "malformed XML at line 1, column 34: start-end tags mismatch");
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
