// Feed rules: required fields, enums, endpoints that agree with their protocol, versions that never
// overlap, and a real calendar time zone.
#include "registry/check.hpp"
#include "registry/names.hpp"
#include "registry/reporter.hpp"
#include "registry/url.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>

namespace ssmd::registry {

bool is_iana_timezone(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '+') return false;
  // No `..` or `.` component can sneak in: '.' is not an allowed character at all.
  const char *dir = std::getenv("TZDIR");
  std::string path = std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::string_view(magic, 4) == "TZif";
}

namespace {
const std::vector<std::string> k_types = {"websocket", "rest", "multicast"};
const std::vector<std::string> k_statuses = {"active", "deprecated", "disabled"};
// The protocols each feed type may use; the endpoint's URL scheme must equal the protocol.
const std::map<std::string, std::vector<std::string>> k_protocols_by_type = {
    {"websocket", {"wss", "ws"}}, {"rest", {"https", "http"}}, {"multicast", {"udp"}}};

bool one_of(const std::string &value, const std::vector<std::string> &allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

std::string join(const std::vector<std::string> &items, const std::string &sep = ", ") {
  std::string out;
  for (const auto &item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

// Reports each field of `fields` that the mapping at `at` lacks.
void require_fields(Reporter &r, const std::string &at, std::initializer_list<const char *> fields) {
  for (const char *field : fields) {
    std::string path = at.empty() ? field : at + "." + field;
    if (!r.present(path)) r.error("feed/required", at, std::string("missing required field '") + path + "'");
  }
}

// A string field written as an empty scalar (`endpoint: ""`). A wrong type was reported by the loader.
void require_non_empty(Reporter &r, const std::string &path, const std::string &value) {
  const yaml::Node *node = r.node(path);
  if (value.empty() && node && node->is_scalar()) r.error("feed/required", path, path + " must not be empty");
}

void check_versions(Reporter &r, const Feed &feed) {
  std::map<std::string, size_t> seen_names;
  std::map<Date, size_t> seen_from;
  std::vector<const FeedVersion *> dated;
  for (const auto &v : feed.versions) {
    std::string at = "versions[" + std::to_string(v.index) + "]";
    require_fields(r, at,
                   {"version", "effective_from", "protocol", "endpoint", "auth_method", "rate_limit_per_second",
                    "max_symbols_per_connection", "supports_orderbook", "supports_trades"});
    require_non_empty(r, at + ".version", v.version);
    require_non_empty(r, at + ".protocol", v.protocol);
    require_non_empty(r, at + ".endpoint", v.endpoint);
    require_non_empty(r, at + ".auth_method", v.auth_method);
    if (!v.version.empty()) {
      if (!valid_version_name(v.version))
        r.error("feed/version-name", at + ".version",
                "version '" + v.version + "' must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
      auto [it, fresh] = seen_names.emplace(v.version, v.index);
      if (!fresh)
        r.error("feed/duplicate-version", at + ".version",
                "version '" + v.version + "' is defined twice (also versions[" + std::to_string(it->second) + "])");
    }
    if (v.effective_from) {
      auto [it, fresh] = seen_from.emplace(*v.effective_from, v.index);
      if (!fresh)
        r.error("feed/overlapping-versions", at + ".effective_from",
                "versions[" + std::to_string(it->second) + "] and " + at + " both take effect on " +
                    v.effective_from->str() + "; only one version can be in force on a day");
      dated.push_back(&v);
      if (v.effective_to && *v.effective_to <= *v.effective_from)
        r.error("feed/effective-to-before-from", at + ".effective_to",
                "effective_to " + v.effective_to->str() + " must be after effective_from " + v.effective_from->str());
    }
    if (!v.protocol.empty()) {
      bool known = false;
      for (const auto &[type, protocols] : k_protocols_by_type) known = known || one_of(v.protocol, protocols);
      auto fits = k_protocols_by_type.find(feed.type);
      if (!known)
        r.error("feed/unknown-protocol", at + ".protocol",
                "protocol '" + v.protocol + "' is not one of wss, ws, https, http, udp");
      else if (fits != k_protocols_by_type.end() && !one_of(v.protocol, fits->second))
        r.error("feed/protocol-type-mismatch", at + ".protocol",
                "a " + feed.type + " feed uses protocol " + join(fits->second, " or ") + ", not '" + v.protocol + "'");
    }
    if (!v.endpoint.empty()) {
      auto url = parse_url(v.endpoint);
      if (!url)
        r.error("feed/endpoint-scheme", at + ".endpoint",
                "endpoint '" + v.endpoint + "' is not a URL of the form scheme://host[:port][/path]");
      else if (!v.protocol.empty() && url->scheme != v.protocol)
        r.error("feed/endpoint-scheme", at + ".endpoint",
                "endpoint scheme '" + url->scheme + "' does not agree with protocol '" + v.protocol + "'");
    }
    auto positive = [&](const char *field, const std::optional<int64_t> &value) {
      if (value && *value <= 0)
        r.error("feed/non-positive-limit", at + "." + field,
                std::string(field) + " must be a positive integer, not " + std::to_string(*value));
    };
    positive("rate_limit_per_second", v.rate_limit_per_second);
    positive("max_symbols_per_connection", v.max_symbols_per_connection);
  }
  // In date order, a version's effective_to must not reach past the next version's effective_from.
  std::vector<const FeedVersion *> by_date = dated;
  std::stable_sort(by_date.begin(), by_date.end(),
                   [](const FeedVersion *a, const FeedVersion *b) { return *a->effective_from < *b->effective_from; });
  for (size_t i = 0; i + 1 < by_date.size(); ++i) {
    const FeedVersion &a = *by_date[i], &b = *by_date[i + 1];
    if (a.effective_to && *a.effective_to > *b.effective_from && *a.effective_from != *b.effective_from)
      r.error("feed/overlapping-versions", "versions[" + std::to_string(a.index) + "].effective_to",
              "version '" + a.version + "' runs to " + a.effective_to->str() + " but '" + b.version +
                  "' takes effect on " + b.effective_from->str() + "; two versions would be in force the same day");
  }
  if (by_date != dated)
    r.warning("feed/versions-out-of-order", "versions",
              "versions are not listed in effective_from order; list them oldest first");
}
} // namespace

void check_feed(const LoadedFeed &loaded, Diagnostics &out) {
  if (!loaded.model || !loaded.doc) return; // rules need the document; cached models have none
  const Feed &feed = *loaded.model;
  Reporter r(loaded.doc.get(), loaded.file, out);
  require_fields(r, "", {"name", "display_name", "type", "status", "versions", "calendar"});
  require_non_empty(r, "name", feed.name);
  require_non_empty(r, "display_name", feed.display_name);
  require_non_empty(r, "exchange", feed.exchange);
  require_non_empty(r, "type", feed.type);
  require_non_empty(r, "status", feed.status);
  if (!feed.type.empty() && !one_of(feed.type, k_types))
    r.error("feed/unknown-type", "type", "type '" + feed.type + "' is not one of " + join(k_types));
  if (!feed.status.empty() && !one_of(feed.status, k_statuses))
    r.error("feed/unknown-status", "status", "status '" + feed.status + "' is not one of " + join(k_statuses));
  if (const yaml::Node *versions = r.node("versions"); versions && versions->is_sequence() && feed.versions.empty())
    r.error("feed/no-versions", "versions", "a feed needs at least one version");
  check_versions(r, feed);
  if (feed.calendar) {
    require_fields(r, "calendar", {"timezone"});
    require_non_empty(r, "calendar.timezone", feed.calendar->timezone);
    if (!feed.calendar->timezone.empty() && !is_iana_timezone(feed.calendar->timezone))
      r.error("feed/timezone", "calendar.timezone",
              "'" + feed.calendar->timezone + "' is not an IANA time zone (such as America/New_York or UTC)");
  }
}

} // namespace ssmd::registry
