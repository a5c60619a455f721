#include "xml.hpp"

#include <algorithm>
#include <cctype>

namespace ssmd::s3::xml {

namespace {

// pugixml's defaults (CDATA, the predefined entities and character references, line ends normalised)
// without a DOCTYPE node, comments or processing instructions, and with text that is only white space kept:
// a key may be " ".
constexpr unsigned k_options = pugi::parse_default | pugi::parse_ws_pcdata;

bool fail(std::string_view text, size_t offset, std::string message, ParseError &error) {
  offset = std::min(offset, text.size());
  std::string_view before = text.substr(0, offset);
  size_t line_start = before.rfind('\n');
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  error.line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  error.column = offset - line_start + 1;
  error.message = std::move(message);
  return false;
}

} // namespace

bool parse(std::string_view text, pugi::xml_document &document, ParseError &error) {
  if (size_t tags = static_cast<size_t>(std::count(text.begin(), text.end(), '<')); tags > k_max_tags)
    return fail(text, 0, "more than " + std::to_string(k_max_tags) + " tags", error);
  pugi::xml_parse_result result = document.load_buffer(text.data(), text.size(), k_options, pugi::encoding_utf8);
  if (!result) {
    // "Start-end tags mismatch" reads as "start-end tags mismatch" after "line 1, column 2: ".
    std::string message = result.description();
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    return fail(text, static_cast<size_t>(std::max<ptrdiff_t>(result.offset, 0)), message, error);
  }
  // pugixml accepts elements after the first; an answer that is two documents is neither.
  pugi::xml_node second = document.document_element().next_sibling();
  while (second && second.type() != pugi::node_element) second = second.next_sibling();
  if (second) {
    document.reset();
    return fail(text, text.size(), "more than one root element", error);
  }
  return true;
}

std::string_view local_name(const pugi::xml_node &node) {
  std::string_view name = node.name();
  size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node &parent, std::string_view name) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  return {};
}

std::string text(const pugi::xml_node &element) {
  std::string out;
  for (pugi::xml_node c = element.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  return out;
}

} // namespace ssmd::s3::xml
