#include "xml.hpp"

#include <cstdint>

namespace ssmd::s3::xml {

const Element *Element::child(std::string_view wanted) const {
  for (const auto &c : children)
    if (c.name == wanted) return &c;
  return nullptr;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool name_start(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80; }

bool name_char(unsigned char c) { return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

// The characters XML 1.0 allows in a document (production [2] Char).
bool allowed_code_point(uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

void append_utf8(std::string &out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes one reference `ref` (the text between '&' and ';'). Returns false if it is not one XML knows.
bool decode_reference(std::string_view ref, std::string &out) {
  if (ref == "amp") return out.push_back('&'), true;
  if (ref == "lt") return out.push_back('<'), true;
  if (ref == "gt") return out.push_back('>'), true;
  if (ref == "quot") return out.push_back('"'), true;
  if (ref == "apos") return out.push_back('\''), true;
  if (ref.size() < 2 || ref[0] != '#') return false;
  bool hex = ref[1] == 'x';
  std::string_view digits = ref.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 8) return false;
  uint32_t cp = 0;
  for (char c : digits) {
    uint32_t d;
    if (c >= '0' && c <= '9') d = static_cast<uint32_t>(c - '0');
    else if (hex && c >= 'a' && c <= 'f') d = static_cast<uint32_t>(c - 'a' + 10);
    else if (hex && c >= 'A' && c <= 'F') d = static_cast<uint32_t>(c - 'A' + 10);
    else return false;
    cp = cp * (hex ? 16 : 10) + d; // at most 8 digits: no overflow of 32 bits for decimal, exact for hex
  }
  if (!allowed_code_point(cp)) return false;
  append_utf8(out, cp);
  return true;
}

class Parser {
public:
  Parser(std::string_view text, ParseError &error) : s_(text), error_(error) {}

  std::optional<Element> document() {
    if (starts_with("\xEF\xBB\xBF")) pos_ += 3; // a UTF-8 byte order mark
    if (!skip_misc()) return std::nullopt;
    if (pos_ >= s_.size()) return fail("the document has no root element");
    std::optional<Element> root = element();
    if (!root) return std::nullopt;
    if (!skip_misc()) return std::nullopt;
    if (pos_ < s_.size()) return fail("unexpected content after the root element");
    return root;
  }

private:
  // Skips whitespace, comments and processing instructions outside the root element.
  bool skip_misc() {
    for (;;) {
      while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
      if (starts_with("<?")) {
        if (!skip_past("?>", "unterminated processing instruction")) return false;
      } else if (starts_with("<!--")) {
        if (!skip_past("-->", "unterminated comment")) return false;
      } else if (starts_with("<!")) {
        return fail("DOCTYPE and other declarations are not allowed"), false;
      } else {
        return true;
      }
    }
  }

  // Parses the element that starts at `pos_` and everything inside it, with an explicit stack.
  std::optional<Element> element() {
    std::vector<Element> stack;
    Element first;
    bool empty = false;
    if (!start_tag(first, empty)) return std::nullopt;
    if (empty) return first;
    stack.push_back(std::move(first));
    while (!stack.empty()) {
      if (pos_ >= s_.size()) return fail("the document ends inside <" + stack.back().name + ">");
      if (s_[pos_] != '<') {
        if (!text(stack.back().text)) return std::nullopt;
      } else if (starts_with("</")) {
        size_t at = pos_;
        pos_ += 2;
        std::string name;
        if (!qualified_name(name)) return std::nullopt;
        while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
        if (pos_ >= s_.size() || s_[pos_] != '>') return fail("expected '>' to close </" + name + ">");
        ++pos_;
        if (name != stack.back().name) {
          pos_ = at;
          return fail("</" + name + "> does not close <" + stack.back().name + ">");
        }
        Element done = std::move(stack.back());
        stack.pop_back();
        if (stack.empty()) return done;
        stack.back().children.push_back(std::move(done));
      } else if (starts_with("<!--")) {
        if (!skip_past("-->", "unterminated comment")) return std::nullopt;
      } else if (starts_with("<![CDATA[")) {
        size_t begin = pos_ + 9;
        size_t end = s_.find("]]>", begin);
        if (end == std::string_view::npos) return fail("unterminated CDATA section");
        stack.back().text.append(s_.substr(begin, end - begin));
        pos_ = end + 3;
      } else if (starts_with("<?")) {
        if (!skip_past("?>", "unterminated processing instruction")) return std::nullopt;
      } else if (starts_with("<!")) {
        return fail("declarations are not allowed inside an element");
      } else {
        if (stack.size() >= k_max_depth) return fail("elements are nested deeper than " + std::to_string(k_max_depth));
        Element child;
        if (!start_tag(child, empty)) return std::nullopt;
        if (empty) stack.back().children.push_back(std::move(child));
        else stack.push_back(std::move(child));
      }
    }
    return fail("internal: element stack emptied"); // not reached
  }

  // Reads "<name attr='v' ...>" or "<name .../>" at `pos_`.
  bool start_tag(Element &out, bool &empty) {
    if (pos_ >= s_.size() || s_[pos_] != '<') return fail("expected an element"), false;
    if (++elements_ > k_max_elements) return fail("more than " + std::to_string(k_max_elements) + " elements"), false;
    ++pos_;
    if (!qualified_name(out.name)) return false;
    for (;;) {
      size_t before = pos_;
      while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
      if (pos_ >= s_.size()) return fail("the document ends inside the tag <" + out.name + ">"), false;
      if (s_[pos_] == '>') {
        ++pos_;
        empty = false;
        return true;
      }
      if (starts_with("/>")) {
        pos_ += 2;
        empty = true;
        return true;
      }
      if (pos_ == before) return fail("expected whitespace, '>' or '/>' in the tag <" + out.name + ">"), false;
      if (!attribute()) return false;
    }
  }

  // Reads name="value" and checks the value; attributes carry nothing S3 clients need.
  bool attribute() {
    std::string name;
    if (!qualified_name(name)) return false;
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
    if (pos_ >= s_.size() || s_[pos_] != '=') return fail("expected '=' after the attribute " + name), false;
    ++pos_;
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
    if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) return fail("expected a quoted value"), false;
    char quote = s_[pos_++];
    size_t end = s_.find(quote, pos_);
    if (end == std::string_view::npos) return fail("unterminated attribute value"), false;
    std::string_view raw = s_.substr(pos_, end - pos_);
    size_t lt = raw.find('<');
    if (lt != std::string_view::npos) return pos_ += lt, fail("'<' is not allowed in an attribute value"), false;
    std::string ignored;
    size_t bad = 0;
    if (!decode_entities(raw, ignored, bad)) return pos_ += bad, fail("unknown or malformed entity reference"), false;
    pos_ = end + 1;
    return true;
  }

  // Reads a name and keeps only its local part (after the last ':').
  bool qualified_name(std::string &out) {
    size_t begin = pos_;
    if (pos_ >= s_.size() || !name_start(static_cast<unsigned char>(s_[pos_]))) return fail("expected a name"), false;
    while (pos_ < s_.size() && name_char(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    std::string_view name = s_.substr(begin, pos_ - begin);
    size_t colon = name.rfind(':');
    if (colon != std::string_view::npos) name = name.substr(colon + 1);
    if (name.empty()) return pos_ = begin, fail("a name has an empty local part"), false;
    out.assign(name);
    return true;
  }

  // Reads character data up to the next '<' and appends it decoded.
  bool text(std::string &out) {
    size_t end = s_.find('<', pos_);
    if (end == std::string_view::npos) end = s_.size();
    size_t bad = 0;
    if (!decode_entities(s_.substr(pos_, end - pos_), out, bad)) {
      pos_ += bad;
      return fail("unknown or malformed entity reference"), false;
    }
    pos_ = end;
    return true;
  }

  bool starts_with(std::string_view prefix) const { return s_.substr(pos_).starts_with(prefix); }

  bool skip_past(std::string_view terminator, const char *message) {
    size_t end = s_.find(terminator, pos_);
    if (end == std::string_view::npos) return fail(message), false;
    pos_ = end + terminator.size();
    return true;
  }

  std::nullopt_t fail(const std::string &message) {
    error_.message = message;
    error_.line = 1;
    error_.column = 1;
    for (size_t i = 0; i < pos_ && i < s_.size(); ++i) {
      if (s_[i] == '\n') {
        ++error_.line;
        error_.column = 1;
      } else {
        ++error_.column;
      }
    }
    return std::nullopt;
  }

  std::string_view s_;
  size_t pos_ = 0;
  size_t elements_ = 0;
  ParseError &error_;
};

} // namespace

bool decode_entities(std::string_view text, std::string &out, size_t &bad_offset) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t amp = text.find('&', pos);
    if (amp == std::string_view::npos) {
      out.append(text.substr(pos));
      return true;
    }
    out.append(text.substr(pos, amp - pos));
    size_t semi = text.find(';', amp + 1);
    // References are short; a ';' far away means the '&' was never a reference.
    if (semi == std::string_view::npos || semi - amp > 12 || !decode_reference(text.substr(amp + 1, semi - amp - 1), out)) {
      bad_offset = amp;
      return false;
    }
    pos = semi + 1;
  }
  return true;
}

std::optional<Element> parse(std::string_view text, ParseError &error) {
  return Parser(text, error).document();
}

} // namespace ssmd::s3::xml
