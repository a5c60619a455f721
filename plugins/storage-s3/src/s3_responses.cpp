#include "s3_responses.hpp"

#include "xml.hpp"

#include <limits>

namespace ssmd::s3 {

namespace {

bool parse_size(std::string_view text, uint64_t &out) {
  if (text.empty() || text.size() > 20) return false;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) return false;
    value = value * 10 + digit;
  }
  out = value;
  return true;
}

std::string trimmed(const std::string &text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

} // namespace

std::optional<ListPage> parse_list_page(std::string_view body, std::string &error) {
  pugi::xml_document document;
  xml::ParseError parse_error;
  if (!xml::parse(body, document, parse_error)) {
    error = "malformed XML at line " + std::to_string(parse_error.line) + ", column " +
            std::to_string(parse_error.column) + ": " + parse_error.message;
    return std::nullopt;
  }
  pugi::xml_node root = document.document_element();
  if (xml::local_name(root) != "ListBucketResult") {
    error = "expected <ListBucketResult>, got <" + std::string(xml::local_name(root)) + ">";
    return std::nullopt;
  }
  ListPage page;
  size_t index = 0;
  for (pugi::xml_node child = root.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = xml::local_name(child);
    if (name == "IsTruncated") {
      std::string value = trimmed(xml::text(child));
      if (value != "true" && value != "false") {
        error = "<IsTruncated> must be true or false, got '" + value + "'";
        return std::nullopt;
      }
      page.truncated = value == "true";
    } else if (name == "NextContinuationToken") {
      page.next_token = trimmed(xml::text(child));
    } else if (name == "Contents") {
      ++index;
      pugi::xml_node key = xml::child(child, "Key");
      pugi::xml_node size = xml::child(child, "Size");
      ListedObject object{key ? xml::text(key) : std::string(), 0};
      if (object.key.empty()) {
        error = "<Contents> number " + std::to_string(index) + " has no <Key>";
        return std::nullopt;
      }
      if (!size || !parse_size(trimmed(xml::text(size)), object.size)) {
        error = "<Contents> for key '" + object.key + "' has no decimal <Size>";
        return std::nullopt;
      }
      page.objects.push_back(std::move(object));
    }
  }
  if (page.truncated && page.next_token.empty()) {
    error = "<IsTruncated> is true but there is no <NextContinuationToken>";
    return std::nullopt;
  }
  return page;
}

ErrorDocument parse_error_document(std::string_view body) {
  pugi::xml_document document;
  xml::ParseError ignored;
  if (!xml::parse(body, document, ignored)) return {};
  pugi::xml_node root = document.document_element();
  if (xml::local_name(root) != "Error") return {};
  ErrorDocument out;
  if (pugi::xml_node code = xml::child(root, "Code")) out.code = trimmed(xml::text(code));
  if (pugi::xml_node message = xml::child(root, "Message")) out.message = trimmed(xml::text(message));
  return out;
}

} // namespace ssmd::s3
