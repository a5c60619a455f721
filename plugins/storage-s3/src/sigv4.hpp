// AWS Signature Version 4 for S3 requests signed in the Authorization header.
//
// The rules follow the S3 API reference ("Signature Calculations for the Authorization Header"):
//   CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n
//                      HashedPayload
//   StringToSign     = "AWS4-HMAC-SHA256" \n amz-date \n <date>/<region>/s3/aws4_request \n hex(sha256(CanonicalRequest))
//   SigningKey       = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), "s3"), "aws4_request")
// Every function here is pure (no clock, no network), so tests check them against the published examples.
#pragma once

#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::s3 {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token; // empty unless the credentials are temporary (sent as x-amz-security-token)
};

struct Header {
  std::string name;
  std::string value;
};

struct QueryParam {
  std::string name;  // raw, not yet encoded
  std::string value; // raw, not yet encoded
};

struct SigningRequest {
  std::string method;             // "GET"
  std::string canonical_uri;      // the path exactly as sent, already encoded with `uri_encode_path`
  std::vector<QueryParam> query;  // raw names and values; `canonical_query` encodes and sorts them
  std::vector<Header> headers;    // every header to sign, as sent; must include host and x-amz-date
  std::string payload_hash;       // hex SHA-256 of the body (also sent as x-amz-content-sha256)
  std::string amz_date;           // "20130524T000000Z"
  std::string region;             // "us-east-1"
  std::string service = "s3";
};

struct SignedRequest {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;     // 64 lower-case hex digits
  std::string authorization; // the Authorization header's value
};

// SHA-256 of the empty string, the payload hash of every GET.
inline constexpr std::string_view k_empty_payload_sha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// Percent-encodes every byte except the unreserved A-Z a-z 0-9 - . _ ~, with upper-case hex; a space becomes
// %20, never '+'. `/` is kept when `keep_slash` is true (object key paths) and encoded otherwise (query).
std::string uri_encode(std::string_view text, bool keep_slash);

// The path of an object in path-style addressing: "/<bucket>/<key>", each part encoded with `uri_encode`.
// Keys are not normalised: "a/./b" stays three segments, as S3 stores it.
std::string uri_encode_path(std::string_view bucket, std::string_view key);

// Encodes names and values, sorts by encoded name then value, and joins them as "a=1&b=2". A parameter with
// an empty value still has its '=' ("lifecycle=").
std::string canonical_query(const std::vector<QueryParam> &query);

// Lower-cases names, trims values and collapses runs of spaces inside them, sorts by name and joins
// repeated names with ','. Returns the canonical header block (each "name:value\n") and sets `signed_names`
// to "host;range;x-amz-date".
std::string canonical_headers(const std::vector<Header> &headers, std::string &signed_names);

// Computes the canonical request, string to sign, signature and Authorization header value.
SignedRequest sign_v4(const SigningRequest &request, const Credentials &credentials);

// "YYYYMMDDTHHMMSSZ" for a UTC time.
std::string amz_date(std::time_t when);

} // namespace ssmd::s3
