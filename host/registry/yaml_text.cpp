#include "registry/yaml_text.hpp"

#include "core/date.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace ssmd::registry {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Would a plain scalar with this text resolve to something other than a string?
bool looks_typed(std::string_view s) {
  static const char *words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf",
                                "+.inf", ".nan"};
  std::string l = lower(s);
  for (const char *w : words)
    if (l == w) return true;
  if (Date::parse(s)) return true;
  // Numbers: decimal, octal, hex, floats.
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) {
    bool numeric = true;
    for (size_t k = i; k < s.size(); ++k) {
      char c = s[k];
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-' &&
          c != '_' && c != 'x' && c != 'o')
        numeric = false;
    }
    if (numeric) return true;
  }
  return false;
}

bool plain_safe(std::string_view s) {
  if (s.empty() || looks_typed(s)) return false;
  if (s.front() == ' ' || s.back() == ' ') return false;
  char first = s.front();
  if (!std::isalnum(static_cast<unsigned char>(first)) && first != '_' && first != '/' && first != '.') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_./:@+-?=&%~ ").find(c) != std::string_view::npos;
    if (!ok) return false;
    if (c == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) return false;
    if (c == ' ' && i + 1 < s.size() && s[i + 1] == '#') return false;
  }
  return true;
}
} // namespace

std::string yaml_string(std::string_view text) {
  if (plain_safe(text)) return std::string(text);
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    default:
      if (c < 0x20 || c == 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  return out + "\"";
}

std::string yaml_flow(const yaml::Node *node) {
  if (!node || node->is_null()) return "null";
  if (node->is_scalar()) {
    // An unquoted number, boolean or date keeps its type; everything else is written as a string.
    if (!node->quoted() && looks_typed(node->scalar())) return node->scalar();
    return yaml_string(node->scalar());
  }
  std::string out = node->is_sequence() ? "[" : "{";
  for (size_t i = 0; i < node->size(); ++i) {
    if (i) out += ", ";
    if (node->is_map()) out += yaml_string(node->key_at(i)) + ": ";
    out += yaml_flow(node->at(i));
  }
  return out + (node->is_sequence() ? "]" : "}");
}

std::string yaml_flow_list(const std::vector<std::string> &items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + yaml_string(items[i]);
  return out + "]";
}

std::string yaml_block_item(const std::vector<YamlEntry> &entries, size_t dash_column, size_t key_column) {
  std::string out;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i == 0) {
      out += std::string(dash_column, ' ') + "-";
      out += std::string(key_column > dash_column + 1 ? key_column - dash_column - 1 : 1, ' ');
    } else {
      out += std::string(key_column, ' ');
    }
    out += entries[i].key + ": " + entries[i].value + "\n";
  }
  return out;
}

} // namespace ssmd::registry
