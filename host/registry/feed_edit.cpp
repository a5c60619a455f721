#include "registry/feed_edit.hpp"

#include "core/errors.hpp"
#include "registry/text_edit.hpp"


namespace ssmd::registry {



std::vector<YamlEntry> feed_version_entries(const FeedVersion &v, const std::vector<YamlEntry> &extras) {
  std::vector<YamlEntry> out;
  auto add = [&](const char *key, const std::string &value) { out.push_back(YamlEntry{key, value}); };
  add("version", yaml_string(v.version));
  if (v.effective_from) add("effective_from", v.effective_from->str());
  if (v.effective_to) add("effective_to", v.effective_to->str());
  if (!v.protocol.empty()) add("protocol", yaml_string(v.protocol));
  if (!v.endpoint.empty()) add("endpoint", yaml_string(v.endpoint));
  if (!v.auth_method.empty()) add("auth_method", yaml_string(v.auth_method));
  if (v.rate_limit_per_second) add("rate_limit_per_second", std::to_string(*v.rate_limit_per_second));
  if (v.max_symbols_per_connection) add("max_symbols_per_connection", std::to_string(*v.max_symbols_per_connection));
  if (v.supports_orderbook) add("supports_orderbook", *v.supports_orderbook ? "true" : "false");
  if (v.supports_trades) add("supports_trades", *v.supports_trades ? "true" : "false");
  if (v.channels) add("channels", yaml_flow_list(*v.channels));
  out.insert(out.end(), extras.begin(), extras.end());
  return out;
}

std::string render_feed_file(const Feed &feed) {
  std::string out;
  out += "name: " + yaml_string(feed.name) + "\n";
  out += "display_name: " + yaml_string(feed.display_name) + "\n";
  out += "exchange: " + yaml_string(feed.exchange) + "\n";
  out += "type: " + yaml_string(feed.type) + "\n";
  out += "status: " + yaml_string(feed.status) + "\n";
  out += "versions:\n";
  for (const auto &v : feed.versions) out += yaml_block_item(feed_version_entries(v, {}), 2, 4);
  if (feed.calendar) {
    out += "calendar:\n";
    out += "  timezone: " + yaml_string(feed.calendar->timezone) + "\n";
    if (!feed.calendar->holiday_calendar.empty())
      out += "  holiday_calendar: " + yaml_string(feed.calendar->holiday_calendar) + "\n";
  }
  return out;
}

std::string insert_feed_version(const LoadedFeed &loaded, const FeedVersion &v, const std::vector<YamlEntry> &extras) {
  const yaml::Node *versions = loaded.doc->find("versions");
  SourceText source(loaded.text);
  if (!versions || !versions->is_sequence() || versions->size() == 0 || source.is_flow(versions))
    throw DomainError(loaded.file + ": cannot add a version in place: 'versions:' must be a non-empty block list "
                      "(one '- version: ...' item per version)");
  // Before the first version that takes effect later, else after the last one.
  std::optional<size_t> before;
  for (const auto &other : loaded.model->versions)
    if (other.effective_from && v.effective_from && *v.effective_from < *other.effective_from &&
        (!before || other.index < *before))
      before = other.index;
  size_t at = before ? source.before_item(versions, *before) : source.after_last_item(versions);
  std::string block = yaml_block_item(feed_version_entries(v, extras), source.dash_column(versions),
                                      source.key_column(versions));
  if (at == loaded.text.size() && !loaded.text.empty() && loaded.text.back() != '\n') block = "\n" + block;
  std::string out = apply_edits(loaded.text, {TextEdit{at, at, block}});
  verify_item_added(loaded.file, out, "versions", versions->size(), "version", v.version);
  return out;
}

std::vector<YamlEntry> carried_extras(const FeedVersion &from) {
  std::vector<YamlEntry> out;
  for (size_t i = 0; i < from.extra_fields.size() && i < from.extra_values.size(); ++i)
    out.push_back(YamlEntry{from.extra_fields[i], from.extra_values[i]});
  return out;
}

} // namespace ssmd::registry
