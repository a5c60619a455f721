// The signer against the worked examples of the S3 API reference ("Signature Calculations for the
// Authorization Header: Transferring Payload in a Single Chunk", examples with the documented signatures),
// so signing is checked independently of any server.
#include "crypto.hpp"
#include "sigv4.hpp"

#include <gtest/gtest.h>

using namespace ssmd::s3;

namespace {

// The example credentials of the AWS documentation.
const Credentials k_example{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""};

SigningRequest example(std::string method, std::string uri) {
  SigningRequest r;
  r.method = std::move(method);
  r.canonical_uri = std::move(uri);
  r.amz_date = "20130524T000000Z";
  r.region = "us-east-1";
  r.payload_hash = std::string(k_empty_payload_sha256);
  return r;
}

} // namespace

TEST(SigV4, GetObjectExampleMatchesTheDocumentedSignature) {
  SigningRequest r = example("GET", "/" + uri_encode("test.txt", true));
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"Range", "bytes=0-9"},
               {"x-amz-content-sha256", r.payload_hash},
               {"x-amz-date", r.amz_date}};
  SignedRequest s = sign_v4(r, k_example);
  EXPECT_EQ(s.canonical_request, "GET\n/test.txt\n\n"
                                 "host:examplebucket.s3.amazonaws.com\n"
                                 "range:bytes=0-9\n"
                                 "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                                 "x-amz-date:20130524T000000Z\n\n"
                                 "host;range;x-amz-content-sha256;x-amz-date\n"
                                 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(s.string_to_sign, "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                              "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(s.signature, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  EXPECT_EQ(s.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4, PutObjectExampleEncodesTheDollarInTheKey) {
  // PUT /test$file.text: the key's '$' is %24 in the canonical URI.
  SigningRequest r = example("PUT", "/" + uri_encode("test$file.text", true));
  r.payload_hash = sha256_hex("Welcome to Amazon S3.");
  r.headers = {{"Date", "Fri, 24 May 2013 00:00:00 GMT"},
               {"Host", "examplebucket.s3.amazonaws.com"},
               {"x-amz-date", r.amz_date},
               {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
               {"x-amz-content-sha256", r.payload_hash}};
  SignedRequest s = sign_v4(r, k_example);
  EXPECT_EQ(r.payload_hash, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  EXPECT_EQ(s.canonical_request.substr(0, s.canonical_request.find('\n', 4)), "PUT\n/test%24file.text");
  EXPECT_EQ(s.string_to_sign.substr(s.string_to_sign.rfind('\n') + 1),
            "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
  EXPECT_EQ(s.signature, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4, GetBucketLifecycleExampleKeepsTheEqualsOfAnEmptyValue) {
  SigningRequest r = example("GET", "/");
  r.query = {{"lifecycle", ""}};
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"x-amz-date", r.amz_date},
               {"x-amz-content-sha256", r.payload_hash}};
  SignedRequest s = sign_v4(r, k_example);
  EXPECT_EQ(s.canonical_request.substr(0, s.canonical_request.find("host:")), "GET\n/\nlifecycle=\n");
  EXPECT_EQ(s.signature, "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST(SigV4, ListObjectsExampleSortsTheQuery) {
  SigningRequest r = example("GET", "/");
  r.query = {{"prefix", "J"}, {"max-keys", "2"}}; // given out of order on purpose
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"x-amz-date", r.amz_date},
               {"x-amz-content-sha256", r.payload_hash}};
  SignedRequest s = sign_v4(r, k_example);
  EXPECT_EQ(s.canonical_request.substr(0, s.canonical_request.find("host:")), "GET\n/\nmax-keys=2&prefix=J\n");
  EXPECT_EQ(s.string_to_sign.substr(s.string_to_sign.rfind('\n') + 1),
            "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7");
  EXPECT_EQ(s.signature, "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4, AnotherSecretGivesAnotherSignature) {
  SigningRequest r = example("GET", "/");
  r.query = {{"max-keys", "2"}, {"prefix", "J"}};
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"x-amz-date", r.amz_date},
               {"x-amz-content-sha256", r.payload_hash}};
  Credentials wrong = k_example;
  wrong.secret_access_key.back() = 'X';
  EXPECT_NE(sign_v4(r, wrong).signature, "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  EXPECT_EQ(sign_v4(r, wrong).authorization.find(wrong.secret_access_key), std::string::npos);
}

TEST(SigV4, UriEncodingFollowsTheS3Rules) {
  EXPECT_EQ(uri_encode("AZaz09-._~", false), "AZaz09-._~");
  EXPECT_EQ(uri_encode("a b", false), "a%20b"); // never '+'
  EXPECT_EQ(uri_encode("a+b=c&d", false), "a%2Bb%3Dc%26d");
  EXPECT_EQ(uri_encode("a/b", false), "a%2Fb");
  EXPECT_EQ(uri_encode("a/b", true), "a/b");
  EXPECT_EQ(uri_encode("*!'()%", true), "%2A%21%27%28%29%25");
  EXPECT_EQ(uri_encode("\xc3\xa9", true), "%C3%A9"); // upper-case hex, one escape per byte
  EXPECT_EQ(uri_encode_path("market-data", "kalshi/2025/01/01/manifest.json"),
            "/market-data/kalshi/2025/01/01/manifest.json");
  EXPECT_EQ(uri_encode_path("b", "odd/a&b <c>+d e.json"), "/b/odd/a%26b%20%3Cc%3E%2Bd%20e.json");
  EXPECT_EQ(uri_encode_path("b", "a/./b/../c"), "/b/a/./b/../c"); // S3 keys are not normalised
  EXPECT_EQ(uri_encode_path("b", ""), "/b");
}

TEST(SigV4, CanonicalQueryEncodesThenSortsByNameAndValue) {
  EXPECT_EQ(canonical_query({}), "");
  EXPECT_EQ(canonical_query({{"prefix", "kalshi/2025/"}, {"list-type", "2"}, {"continuation-token", "a+b/c=="}}),
            "continuation-token=a%2Bb%2Fc%3D%3D&list-type=2&prefix=kalshi%2F2025%2F");
  EXPECT_EQ(canonical_query({{"b", "2"}, {"a", "z"}, {"a", "y"}}), "a=y&a=z&b=2");
  // Sorting uses the encoded bytes: "%20" (0x25) sorts before "A" (0x41).
  EXPECT_EQ(canonical_query({{"A", "1"}, {" ", "2"}}), "%20=2&A=1");
}

TEST(SigV4, CanonicalHeadersLowerCaseTrimCollapseAndSort) {
  std::string names;
  std::string block = canonical_headers({{"X-Amz-Date", "20130524T000000Z"},
                                         {"Host", "  example.com  "},
                                         {"X-Amz-Meta-Note", "a   b  c"},
                                         {"x-amz-meta-note", "d"}},
                                        names);
  EXPECT_EQ(block, "host:example.com\nx-amz-date:20130524T000000Z\nx-amz-meta-note:a b c,d\n");
  EXPECT_EQ(names, "host;x-amz-date;x-amz-meta-note");
}

TEST(SigV4, AmzDateIsUtc) {
  EXPECT_EQ(amz_date(0), "19700101T000000Z");
  EXPECT_EQ(amz_date(1369353600), "20130524T000000Z");
}

TEST(Crypto, DigestsMatchKnownValues) {
  EXPECT_EQ(sha256_hex(""), k_empty_payload_sha256);
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  EXPECT_EQ(to_hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}
