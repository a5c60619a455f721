// What the S3 answers this plugin reads mean: a ListObjectsV2 page and an error document.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::s3 {

struct ListedObject {
  std::string key; // the full object key, entities decoded
  uint64_t size = 0;
};

struct ListPage {
  std::vector<ListedObject> objects;
  bool truncated = false;
  std::string next_token; // set when `truncated`
};

// Reads a <ListBucketResult>. Every <Contents> needs a <Key> and a decimal <Size>; a truncated page needs a
// <NextContinuationToken>. On failure returns nullopt and sets `error` to a sentence with line and column.
std::optional<ListPage> parse_list_page(std::string_view body, std::string &error);

struct ErrorDocument {
  std::string code;    // "NoSuchKey", "AccessDenied", ...; empty when the body is not an S3 error document
  std::string message; // the server's sentence; may be empty
};

// Reads an <Error> document; gives empty fields for anything else (an HTML page from a proxy, nothing).
ErrorDocument parse_error_document(std::string_view body);

} // namespace ssmd::s3
