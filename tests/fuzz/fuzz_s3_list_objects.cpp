// Fuzzes the storage-s3 plugin's reading of S3 answers (its static core library, storage_s3_core, over
// pugixml): any body gives a ListObjectsV2 page or one sentence with line and column, and an error document
// or empty fields.
#include "s3_responses.hpp"
#include "xml.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string_view body(reinterpret_cast<const char *>(data), size);
  std::string error;
  auto page = ssmd::s3::parse_list_page(body, error);
  if (!page && error.empty()) __builtin_trap();
  if (page && page->truncated && page->next_token.empty()) __builtin_trap(); // documented: a token when truncated
  (void)ssmd::s3::parse_error_document(body);
  pugi::xml_document document;
  ssmd::s3::xml::ParseError xml_error;
  if (!ssmd::s3::xml::parse(body, document, xml_error) &&
      (xml_error.message.empty() || xml_error.line == 0 || xml_error.column == 0))
    __builtin_trap();
  return 0;
}
