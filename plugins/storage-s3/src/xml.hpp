// How this plugin reads the XML documents S3 answers with (ListBucketResult, Error): pugixml, with the
// options that keep a hostile answer harmless, and the few lookups the readers of those documents need.
//
// pugixml never expands an entity a document declares: a DOCTYPE is skipped (parse_doctype is not asked
// for, so it is not even kept) and a reference such as `&a;` stays in the text as written. Only the five
// predefined entities and numeric character references are decoded. pugixml parses without recursion; the
// number of tags is bounded before it starts, so no answer builds a tree many times larger than itself.
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace ssmd::s3::xml {

struct ParseError {
  std::string message;
  size_t line = 0;   // 1-based
  size_t column = 0; // 1-based, in bytes
};

// Documents with more '<' than this are refused unread: each costs pugixml a node of 64 bytes or so. A full
// ListObjectsV2 page (1000 keys) has about 20,000.
inline constexpr size_t k_max_tags = 400000;

// Parses `text` into `document`. On failure returns false and fills `error`.
bool parse(std::string_view text, pugi::xml_document &document, ParseError &error);

// `node`'s name without its namespace prefix: "Key" for both <Key> and <s3:Key>.
std::string_view local_name(const pugi::xml_node &node);

// The first child element of `parent` whose local name is `name`; an empty node (false) when there is none.
pugi::xml_node child(const pugi::xml_node &parent, std::string_view name);

// The character data directly inside `element` (its text and CDATA sections, in order), entities decoded.
std::string text(const pugi::xml_node &element);

} // namespace ssmd::s3::xml
