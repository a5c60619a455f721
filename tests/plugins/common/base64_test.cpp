// plugins/common/ssmd_base64: OpenSSL's encoder and decoder behind a strict check. The decoder must refuse
// everything EVP_DecodeBlock alone would let through, and give exactly the bytes encoded (not the zero bytes
// EVP_DecodeBlock writes for the padding).
#include <ssmd_base64/base64.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace ssmd;

namespace {

// RFC 4648, section 10.
const std::pair<std::string, std::string> k_vectors[] = {
    {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},        {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
};

} // namespace

TEST(Base64, EncodesAndDecodesTheRfcVectors) {
  for (const auto &[bytes, text] : k_vectors) {
    EXPECT_EQ(base64::encode(bytes), text);
    auto decoded = base64::decode(text);
    ASSERT_TRUE(decoded) << text;
    EXPECT_EQ(*decoded, bytes) << text; // "Zg==" is one byte, not "f\0\0"
  }
}

TEST(Base64, RoundTripsEveryByteValue) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (size_t n = 0; n <= bytes.size(); n += 37) {
    std::string part = bytes.substr(256 - n);
    std::string text = base64::encode(part);
    EXPECT_EQ(text.size(), 4 * ((part.size() + 2) / 3));
    EXPECT_EQ(base64::decode(text), part);
  }
  EXPECT_EQ(base64::encode(std::string("\0\xff", 2)), "AP8=");
}

// EVP_*Block take an int length, so long texts go through in pieces; the pieces must join seamlessly.
TEST(Base64, LongTextsCrossThePieceBoundaryIntact) {
  const std::string bytes(3 * base64::detail::k_chunk_groups + 1, 'a');
  std::string expected;
  for (size_t i = 0; i < base64::detail::k_chunk_groups; ++i) expected += "YWFh"; // "aaa"
  expected += "YQ==";                                                              // "a"
  const std::string text = base64::encode(bytes);
  EXPECT_EQ(text, expected);
  EXPECT_EQ(base64::decode(text), bytes);
}

TEST(Base64, RefusesWhatIsNotPaddedStandardBase64) {
  for (const std::string &text : std::initializer_list<std::string>{
           "Zm9",        // not a multiple of 4
           "Z!9v",       // outside the alphabet
           "Zm9-",       // the URL-safe alphabet
           "  Zm9v  ",   // white space, which EVP_DecodeBlock trims
           "Zm9v\n\n\n\n",
           "Z=9v",       // '=' inside, which EVP_DecodeBlock reads as a zero digit
           "====",       // nothing but padding
           "A===",       // three '='
           "Zm8=Zm8=",   // padding before the end
           "Zm9v====",
           std::string("Zm\0v", 4),
       }) {
    EXPECT_FALSE(base64::decode(text)) << text;
  }
}

// As before (and as Go's StdEncoding, which etcd and kubeseal use), bits beyond the data are not checked.
TEST(Base64, IgnoresBitsBeyondTheDataInTheLastDigit) {
  EXPECT_EQ(base64::decode("Zh=="), "f");
  EXPECT_EQ(base64::decode("Zm9="), "fo");
}
