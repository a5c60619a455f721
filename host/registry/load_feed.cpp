#include "registry/fields.hpp"
#include "registry/loaders.hpp"
#include "registry/yaml_text.hpp"

namespace ssmd::registry {

const std::vector<std::string> k_feed_keys = {"name", "display_name", "exchange", "type", "status", "versions",
                                              "calendar"};
const std::vector<std::string> k_feed_version_keys = {
    "version",         "effective_from",        "effective_to",
    "protocol",        "endpoint",              "auth_method",
    "rate_limit_per_second", "max_symbols_per_connection", "supports_orderbook",
    "supports_trades", "channels"};
const std::vector<std::string> k_calendar_keys = {"timezone", "holiday_calendar"};

namespace {
FeedVersion load_version(const yaml::Document &doc, const yaml::Node *node, size_t index, Diagnostics &out) {
  FeedVersion v;
  v.index = index;
  FieldReader r(doc, node, "versions[" + std::to_string(index) + "]", "feed", out);
  if (!r.require_map("versions[" + std::to_string(index) + "]")) return v;
  v.version = r.string("version").value_or("");
  v.effective_from = r.date("effective_from");
  v.effective_to = r.date("effective_to");
  v.protocol = r.string("protocol").value_or("");
  v.endpoint = r.string("endpoint").value_or("");
  v.auth_method = r.string("auth_method").value_or("");
  v.rate_limit_per_second = r.integer("rate_limit_per_second");
  v.max_symbols_per_connection = r.integer("max_symbols_per_connection");
  v.supports_orderbook = r.boolean("supports_orderbook");
  v.supports_trades = r.boolean("supports_trades");
  v.channels = r.strings("channels");
  // Feed plugins may define fields of their own; only near misses of ours are flagged.
  v.extra_fields = r.unknown_keys(k_feed_version_keys, UnknownKeys::WarnTypos);
  for (const auto &key : v.extra_fields) v.extra_values.push_back(yaml_flow(node->get(key)));
  return v;
}
} // namespace

std::optional<Feed> load_feed(const yaml::Document &doc, Diagnostics &out) {
  FieldReader r(doc, doc.root(), "", "feed", out);
  if (!r.require_map("a feed file")) return std::nullopt;
  Feed feed;
  feed.name = r.string("name").value_or("");
  feed.display_name = r.string("display_name").value_or("");
  feed.exchange = r.string("exchange").value_or(feed.name);
  feed.type = r.string("type").value_or("");
  feed.status = r.string("status").value_or("");
  if (const yaml::Node *versions = r.node("versions")) {
    if (!versions->is_sequence()) {
      r.error_at(versions, "feed/wrong-type", "versions must be a list of versions, not " + describe(versions));
    } else {
      for (size_t i = 0; i < versions->size(); ++i) feed.versions.push_back(load_version(doc, versions->at(i), i, out));
    }
  }
  if (const yaml::Node *calendar = r.node("calendar")) {
    FieldReader c(doc, calendar, "calendar", "feed", out);
    if (c.require_map("calendar")) {
      feed.calendar = Calendar{c.string("timezone").value_or(""), c.string("holiday_calendar").value_or("")};
      c.unknown_keys(k_calendar_keys, UnknownKeys::Warn);
    }
  }
  r.unknown_keys(k_feed_keys, UnknownKeys::Warn);
  return feed;
}

} // namespace ssmd::registry
