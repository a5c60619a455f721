// `s3://bucket/key` URLs, the only form this plugin accepts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ssmd::s3 {

struct S3Url {
  std::string bucket;
  std::string key; // raw bytes after "bucket/", not percent-decoded; may be empty
};

// Splits `s3://bucket/key`. Bucket names follow the S3 rules: 3 to 63 characters of a-z, 0-9, '.' and '-',
// starting and ending with a letter or digit. Returns nullopt and sets `error` otherwise.
std::optional<S3Url> parse_s3_url(std::string_view url, std::string &error);

// The key prefix that lists the folder a URL names: "" for the bucket, otherwise the key with one trailing '/'
// ("s3://b/data" and "s3://b/data/" both give "data/").
std::string folder_prefix(const S3Url &url);

} // namespace ssmd::s3
