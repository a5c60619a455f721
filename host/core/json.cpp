#include "core/json.hpp"

#include <ssmd/escape.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace ssmd::json {

Value &Value::set(std::string key, Value value) {
  if (std::holds_alternative<std::nullptr_t>(v_)) v_ = std::make_shared<Object>();
  std::get<std::shared_ptr<Object>>(v_)->emplace_back(std::move(key), std::move(value));
  return *this;
}

Value &Value::push(Value value) {
  if (std::holds_alternative<std::nullptr_t>(v_)) v_ = std::make_shared<Array>();
  std::get<std::shared_ptr<Array>>(v_)->push_back(std::move(value));
  return *this;
}

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    // JSON text is Unicode: a byte that is not part of valid UTF-8 (a Latin-1 git identity, a ref name) is
    // written as U+FFFD, so every reader parses the document, rather than copied into it raw.
    if (c >= 0x80) {
      if (size_t n = text::detail::utf8_sequence(s, i)) {
        out.append(s.substr(i, n));
        i += n - 1;
      } else {
        out += "\\ufffd";
      }
      continue;
    }
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  return out;
}

std::string Value::dump(int indent) const {
  std::string out;
  write(out, indent, 0);
  if (indent >= 0) out += '\n';
  return out;
}

void Value::write(std::string &out, int indent, int depth) const {
  auto newline = [&](int d) {
    if (indent < 0) return;
    out += '\n';
    out.append(static_cast<size_t>(indent * d), ' ');
  };
  if (std::holds_alternative<std::nullptr_t>(v_)) {
    out += "null";
  } else if (auto *b = std::get_if<bool>(&v_)) {
    out += *b ? "true" : "false";
  } else if (auto *i = std::get_if<int64_t>(&v_)) {
    out += std::to_string(*i);
  } else if (auto *d = std::get_if<double>(&v_)) {
    if (!std::isfinite(*d)) {
      out += "null";
    } else {
      // The shortest text that reads back as the same double: 0.97, not %.17g's 0.96999999999999997.
      char buf[32];
      auto end = std::to_chars(buf, buf + sizeof buf, *d).ptr;
      out.append(buf, end);
    }
  } else if (auto *s = std::get_if<std::string>(&v_)) {
    out += '"' + escape(*s) + '"';
  } else if (auto *a = std::get_if<std::shared_ptr<Array>>(&v_)) {
    if ((*a)->empty()) {
      out += "[]";
      return;
    }
    out += '[';
    for (size_t k = 0; k < (*a)->size(); ++k) {
      if (k) out += ',';
      newline(depth + 1);
      (**a)[k].write(out, indent, depth + 1);
    }
    newline(depth);
    out += ']';
  } else if (auto *o = std::get_if<std::shared_ptr<Object>>(&v_)) {
    if ((*o)->empty()) {
      out += "{}";
      return;
    }
    out += '{';
    for (size_t k = 0; k < (*o)->size(); ++k) {
      if (k) out += ',';
      newline(depth + 1);
      out += '"' + escape((**o)[k].first) + "\":";
      if (indent >= 0) out += ' ';
      (**o)[k].second.write(out, indent, depth + 1);
    }
    newline(depth);
    out += '}';
  }
}

} // namespace ssmd::json
