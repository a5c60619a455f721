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
  xml::ParseError parse_error;
  std::optional<xml::Element> root = xml::parse(body, parse_error);
  if (!root) {
    error = "malformed XML at line " + std::to_string(parse_error.line) + ", column " +
            std::to_string(parse_error.column) + ": " + parse_error.message;
    return std::nullopt;
  }
  if (root->name != "ListBucketResult") {
    error = "expected <ListBucketResult>, got <" + root->name + ">";
    return std::nullopt;
  }
  ListPage page;
  size_t index = 0;
  for (const auto &child : root->children) {
    if (child.name == "IsTruncated") {
      std::string value = trimmed(child.text);
      if (value != "true" && value != "false") {
        error = "<IsTruncated> must be true or false, got '" + value + "'";
        return std::nullopt;
      }
      page.truncated = value == "true";
    } else if (child.name == "NextContinuationToken") {
      page.next_token = trimmed(child.text);
    } else if (child.name == "Contents") {
      ++index;
      const xml::Element *key = child.child("Key");
      const xml::Element *size = child.child("Size");
      if (!key || key->text.empty()) {
        error = "<Contents> number " + std::to_string(index) + " has no <Key>";
        return std::nullopt;
      }
      ListedObject object{key->text, 0};
      if (!size || !parse_size(trimmed(size->text), object.size)) {
        error = "<Contents> for key '" + key->text + "' has no decimal <Size>";
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
  xml::ParseError ignored;
  std::optional<xml::Element> root = xml::parse(body, ignored);
  if (!root || root->name != "Error") return {};
  ErrorDocument out;
  if (const auto *code = root->child("Code")) out.code = trimmed(code->text);
  if (const auto *message = root->child("Message")) out.message = trimmed(message->text);
  return out;
}

} // namespace ssmd::s3
