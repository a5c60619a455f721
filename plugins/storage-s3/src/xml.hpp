// A small XML reader for the documents S3 answers with (ListBucketResult, Error).
//
// It builds a tree of elements with their decoded text and is meant to be safe on any input: it never
// throws on bad input, never recurses, bounds nesting depth and element count, and refuses DOCTYPE (so no
// entity expansion). What it understands: the XML declaration and processing instructions (skipped),
// comments (skipped), CDATA, the five predefined entities and numeric character references, attributes
// (checked, then dropped) and namespace prefixes (dropped from names). Bad input gives a message with a
// 1-based line and column.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::s3::xml {

struct Element {
  std::string name;              // the local name: "Key" for both <Key> and <s3:Key>
  std::string text;              // character data directly inside, entities decoded, CDATA included
  std::vector<Element> children; // child elements in document order

  // The first child with local name `name`, or nullptr.
  const Element *child(std::string_view name) const;
};

struct ParseError {
  std::string message;
  size_t line = 0;   // 1-based
  size_t column = 0; // 1-based, in bytes
};

// Elements nested deeper than this are refused.
inline constexpr size_t k_max_depth = 64;
// Documents with more elements than this are refused, so a hostile answer cannot make the tree many times
// larger than its text. A full ListObjectsV2 page (1000 keys) has about 10,000.
inline constexpr size_t k_max_elements = 200000;

// Parses one document. On failure returns nullopt and fills `error`.
std::optional<Element> parse(std::string_view text, ParseError &error);

// Decodes the entity and character references in `text` (which must not contain '<'). Returns false and
// sets `bad_offset` at the first bad reference.
bool decode_entities(std::string_view text, std::string &out, size_t &bad_offset);

} // namespace ssmd::s3::xml
