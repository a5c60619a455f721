#include "registry/views.hpp"

#include "core/printable.hpp"

#include <charconv>

namespace ssmd::registry {

json::Value node_json(const yaml::Node *node) {
  if (!node || node->is_null()) return nullptr;
  if (node->is_scalar()) {
    const std::string &s = node->scalar();
    if (!node->quoted()) {
      if (s == "true") return true;
      if (s == "false") return false;
      int64_t value = 0;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
      if (!s.empty() && ec == std::errc() && end == s.data() + s.size()) return value;
    }
    return s;
  }
  if (node->is_sequence()) {
    json::Array items;
    for (size_t i = 0; i < node->size(); ++i) items.push_back(node_json(node->at(i)));
    return items;
  }
  json::Value object = json::Object{};
  for (size_t i = 0; i < node->size(); ++i) object.set(node->key_at(i), node_json(node->at(i)));
  return object;
}

std::string node_inline(const yaml::Node *node) {
  if (!node) return "-";
  if (node->is_scalar()) return node->scalar();
  std::string out;
  for (size_t i = 0; i < node->size(); ++i) {
    if (!out.empty()) out += " ";
    if (node->is_map()) out += node->key_at(i) + "=";
    out += node_inline(node->at(i));
  }
  return out;
}

std::string date_or_dash(const std::optional<Date> &date) { return date ? date->str() : "-"; }
std::string bool_text(const std::optional<bool> &value) { return value ? (*value ? "true" : "false") : "-"; }
std::string int_text(const std::optional<int64_t> &value) { return value ? std::to_string(*value) : "-"; }
std::string join(const std::vector<std::string> &items, const std::string &sep) {
  std::string out;
  for (const auto &item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

namespace {
template <class T> json::Value opt(const std::optional<T> &value) {
  if (!value) return nullptr;
  if constexpr (std::is_same_v<T, Date>) return value->str();
  else return *value;
}
json::Value text_or_null(const std::string &s) { return s.empty() ? json::Value(nullptr) : json::Value(s); }
} // namespace

json::Value feed_version_json(const FeedVersion &v) {
  json::Value out = json::Object{};
  out.set("version", v.version)
      .set("effective_from", opt(v.effective_from))
      .set("effective_to", opt(v.effective_to))
      .set("protocol", v.protocol)
      .set("endpoint", v.endpoint)
      .set("auth_method", v.auth_method)
      .set("rate_limit_per_second", opt(v.rate_limit_per_second))
      .set("max_symbols_per_connection", opt(v.max_symbols_per_connection))
      .set("supports_orderbook", opt(v.supports_orderbook))
      .set("supports_trades", opt(v.supports_trades));
  if (v.channels) {
    json::Array channels;
    for (const auto &c : *v.channels) channels.push_back(c);
    out.set("channels", channels);
  }
  // Plugin fields are kept as one-line YAML; parse each back to give it its JSON type.
  for (size_t i = 0; i < v.extra_fields.size() && i < v.extra_values.size(); ++i) {
    Diagnostics ignored;
    auto doc = yaml::Document::parse("extra", "v: " + v.extra_values[i] + "\n", ignored);
    out.set(v.extra_fields[i], doc ? node_json(doc->find("v")) : json::Value(v.extra_values[i]));
  }
  return out;
}

json::Value feed_json(const Feed &feed, bool with_versions) {
  json::Value out = json::Object{};
  out.set("name", feed.name)
      .set("display_name", feed.display_name)
      .set("exchange", feed.exchange)
      .set("type", feed.type)
      .set("status", feed.status);
  if (feed.calendar) {
    json::Value calendar = json::Object{};
    calendar.set("timezone", feed.calendar->timezone).set("holiday_calendar", text_or_null(feed.calendar->holiday_calendar));
    out.set("calendar", calendar);
  }
  if (with_versions) {
    json::Array versions;
    for (const auto &v : feed.versions) versions.push_back(feed_version_json(v));
    out.set("versions", versions);
  }
  return out;
}

json::Value schema_version_json(const Schema &schema, const SchemaVersion &v) {
  json::Value out = json::Object{};
  json::Array compatible;
  for (const auto &c : v.compatible_with) compatible.push_back(c);
  out.set("version", v.version)
      .set("effective_from", opt(v.effective_from))
      .set("status", v.status)
      .set("file", schema.file_of(v))
      .set("root", text_or_null(v.root))
      .set("hash", v.hash)
      .set("compatible_with", compatible)
      .set("breaking_changes", text_or_null(v.breaking_changes));
  return out;
}

void print_fields(std::ostream &out, const std::vector<std::pair<std::string, std::string>> &fields,
                  const std::string &indent) {
  size_t width = 0;
  for (const auto &[label, value] : fields) width = std::max(width, label.size());
  for (const auto &[label, value] : fields)
    out << indent << label << ":" << std::string(width - label.size() + 2, ' ') << printable(value) << "\n";
}

} // namespace ssmd::registry
