#include "plugins/plugin_rules.hpp"

#include "plugins/abi_slot.hpp"
#include "yaml/document.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <map>
#include <set>
#include <type_traits>

namespace ssmd {

namespace {

// Bounds past which a table is corrupt rather than large: no plugin has more rules, and no struct of a
// later ABI will be this big.
constexpr size_t kMaxRules = 4096;
constexpr uint32_t kMaxStructSize = 64 * 1024;
constexpr size_t kMaxIdSize = 128;
constexpr size_t kMaxCategorySize = 32;
constexpr size_t kMaxTextSize = 2048;

// One extension point's rules, as its tables list them.
struct RuleSource {
  std::string owner;                     // "feed validator 'kalshi'"
  const ssmd_rule_table *table = nullptr; // ABI 1.3
  const ssmd_rule_info *legacy = nullptr; // before ABI 1.3, read only when `table` is NULL
  size_t legacy_count = 0;
};

std::string text_of(ssmd_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }

// The rule table of extension table `t`: ABI 1.3 gave feeds, schema formats, secret and storage backends a
// reserved slot for it, and 1.4 publishers; an older plugin left the slot NULL. It is read only from a plugin
// built against that minor version or later, and only when `t` is large enough to hold it.
template <class T> const ssmd_rule_table *rule_table_of(const ssmd_plugin &p, const T &t) {
  return slot_since(p, std::is_same_v<T, ssmd_publisher> ? 4 : 3, t, &T::rule_table);
}

template <class T, class Name>
void add_sources(const ssmd_plugin &p, const T *const *items, size_t count, const char *label, Name name,
                 std::vector<RuleSource> &out) {
  for (size_t i = 0; i < count; ++i) {
    const T &t = *items[i];
    out.push_back(RuleSource{std::string(label) + " '" + text_of(t.*name) + "'", rule_table_of(p, t), nullptr, 0});
    if constexpr (requires(const T &x) { x.rules; }) {
      if (!out.back().table) {
        out.back().legacy = t.rules;
        out.back().legacy_count = t.rule_count;
      }
    }
  }
}

// Every extension point that may list rules (subcommands list none).
std::vector<RuleSource> rule_sources(const ssmd_plugin &p) {
  std::vector<RuleSource> out;
  add_sources(p, p.feed_validators, p.feed_validator_count, "feed validator", &ssmd_feed_validator::exchange, out);
  add_sources(p, p.schema_formats, p.schema_format_count, "schema format", &ssmd_schema_format::format, out);
  add_sources(p, p.secret_backends, p.secret_backend_count, "secret backend", &ssmd_secret_backend::prefix, out);
  add_sources(p, p.storage_backends, p.storage_backend_count, "storage backend", &ssmd_storage_backend::scheme, out);
  // Publishers arrived with ABI 1.3, in slots an older plugin left NULL.
  if (p.abi_minor >= 3)
    add_sources(p, p.publishers, p.publisher_count, "publisher", &ssmd_publisher::scheme, out);
  return out;
}

// Copies one string of a rule into `out`, or says why it cannot be shown: too long, not UTF-8, or holding a
// control character (it is printed to terminals and written into JSON and SARIF). `what` is "an id", ...
std::optional<std::string> read_text(ssmd_str s, size_t max, const char *what, std::string &out) {
  if (s.size > 0 && !s.data) return std::string("has ") + what + " with a length but no text";
  if (s.size > max) return std::string("has ") + what + " longer than " + std::to_string(max) + " bytes";
  out = text_of(s);
  yaml::Mark where;
  std::string why;
  if (!yaml::valid_utf8(out, where, why)) return std::string("has ") + what + " that is not UTF-8";
  if (std::any_of(out.begin(), out.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    return std::string("has ") + what + " holding a control character";
  return std::nullopt;
}

bool is_valid_category(std::string_view c) {
  if (c.empty() || c.size() > kMaxCategorySize || c[0] < 'a' || c[0] > 'z') return false;
  return std::all_of(c.begin(), c.end(),
                     [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'; });
}

// One rule of an ABI 1.3 table, or why it is malformed.
std::optional<std::string> read_rule(const ssmd_rule *r, PluginRule &out) {
  if (!r) return std::string("is NULL");
  if (r->struct_size < offsetof(ssmd_rule, reserved) || r->struct_size > kMaxStructSize)
    return "has struct_size " + std::to_string(r->struct_size) + " (at least " +
           std::to_string(offsetof(ssmd_rule, reserved)) + ", at most " + std::to_string(kMaxStructSize) + " expected)";
  if (auto why = read_text(r->id, kMaxIdSize, "an id", out.id)) return why;
  if (!is_valid_rule_id(out.id)) return std::string("has no valid id (family/name, lower case)");
  // Read as an int: a plugin may have stored any number in the enum.
  static_assert(sizeof(ssmd_severity) == sizeof(int));
  int severity = 0;
  std::memcpy(&severity, &r->severity, sizeof severity);
  if (severity < SSMD_SEVERITY_ERROR || severity > SSMD_SEVERITY_INFO)
    return "has severity " + std::to_string(severity) + " (0 error, 1 warning or 2 info expected)";
  out.severity = static_cast<ssmd_severity>(severity);
  if (auto why = read_text(r->category, kMaxCategorySize, "a category", out.category)) return why;
  if (!out.category.empty() && !is_valid_category(out.category))
    return "has category '" + out.category + "' (one word of a-z, 0-9 and '-' expected)";
  if (auto why = read_text(r->purpose, kMaxTextSize, "a purpose", out.purpose)) return why;
  if (out.purpose.empty()) return std::string("has no purpose");
  if (auto why = read_text(r->source, kMaxTextSize, "a source", out.source)) return why;
  return std::nullopt;
}

// One rule of a table older than ABI 1.3.
std::optional<std::string> read_legacy_rule(const ssmd_rule_info &r, PluginRule &out) {
  if (auto why = read_text(r.id, kMaxIdSize, "an id", out.id)) return why;
  if (!is_valid_rule_id(out.id)) return std::string("has no valid id (family/name, lower case)");
  if (auto why = read_text(r.purpose, kMaxTextSize, "a purpose", out.purpose)) return why;
  if (out.purpose.empty()) return std::string("has no purpose");
  if (auto why = read_text(r.source, kMaxTextSize, "a source", out.source)) return why;
  return std::nullopt;
}

// "rule 3 ('kalshi/x')" or "rule 3" when the id could not be read.
std::string rule_label(size_t index, const PluginRule &rule) {
  return "rule " + std::to_string(index) + (rule.id.empty() ? "" : " ('" + rule.id + "')");
}

// Reads the rules of one source into `out`, adding problems to `review`.
void read_source(const RuleSource &source, std::vector<PluginRule> &out, RuleTableReview &review) {
  auto error = [&](const std::string &why) { review.errors.push_back("the " + source.owner + " " + why); };
  size_t count = source.legacy_count;
  if (source.table) {
    const ssmd_rule_table &t = *source.table;
    if (t.struct_size < offsetof(ssmd_rule_table, reserved) || t.struct_size > kMaxStructSize)
      return error("has a rule table with struct_size " + std::to_string(t.struct_size) + " (at least " +
                   std::to_string(offsetof(ssmd_rule_table, reserved)) + ", at most " + std::to_string(kMaxStructSize) +
                   " expected)");
    count = t.rule_count;
    if (count > 0 && !t.rules) return error("lists " + std::to_string(count) + " rules but no table");
  } else if (count > 0 && !source.legacy) {
    return error("lists " + std::to_string(count) + " rules but no table");
  }
  if (count > kMaxRules)
    return error("lists " + std::to_string(count) + " rules (at most " + std::to_string(kMaxRules) + ")");
  if (count == 0) {
    review.warnings.push_back("the " + source.owner + " lists no rules: `ssmd rules list` and SARIF output cannot "
                              "describe its findings");
    return;
  }
  if (!source.table)
    review.warnings.push_back("the " + source.owner + " lists its rules in the table of ABI 1.2 and earlier, which "
                              "has no severity and no category; rebuild it against the SDK of ABI 1.3");
  std::set<std::string> seen;
  for (size_t i = 0; i < count; ++i) {
    PluginRule rule;
    auto why = source.table ? read_rule(source.table->rules[i], rule) : read_legacy_rule(source.legacy[i], rule);
    if (why) {
      error(rule_label(i, rule) + " " + *why);
      continue;
    }
    if (!seen.insert(rule.id).second) {
      error("lists rule '" + rule.id + "' twice");
      continue;
    }
    if (source.table && rule.category.empty())
      review.warnings.push_back("rule '" + rule.id + "' of the " + source.owner + " has no category");
    out.push_back(std::move(rule));
  }
}

bool same_rule(const PluginRule &a, const PluginRule &b) {
  return a.severity == b.severity && a.category == b.category && a.purpose == b.purpose && a.source == b.source;
}

// Reads every source; an id two extension points list must describe the same rule, and is kept once.
std::vector<PluginRule> read_all(const ssmd_plugin &plugin, RuleTableReview &review) {
  std::map<std::string, std::pair<PluginRule, std::string>> by_id;
  for (const auto &source : rule_sources(plugin)) {
    std::vector<PluginRule> rules;
    read_source(source, rules, review);
    for (auto &rule : rules) {
      auto [it, fresh] = by_id.try_emplace(rule.id, rule, source.owner);
      if (!fresh && !same_rule(it->second.first, rule))
        review.errors.push_back("rule '" + rule.id + "' is described differently by the " + it->second.second +
                                " and the " + source.owner);
    }
  }
  std::vector<PluginRule> out;
  for (auto &[id, entry] : by_id) out.push_back(std::move(entry.first));
  return out;
}

} // namespace

bool is_valid_rule_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdSize) return false;
  size_t segments = 0, pos = 0;
  while (pos <= id.size()) {
    size_t end = id.find('/', pos);
    if (end == std::string_view::npos) end = id.size();
    std::string_view segment = id.substr(pos, end - pos);
    if (segment.empty() || !((segment[0] >= 'a' && segment[0] <= 'z') || (segment[0] >= '0' && segment[0] <= '9')))
      return false;
    if (!std::all_of(segment.begin(), segment.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        }))
      return false;
    ++segments;
    pos = end + 1;
  }
  return segments >= 2;
}

RuleTableReview review_rule_tables(const ssmd_plugin &plugin) {
  RuleTableReview review;
  read_all(plugin, review);
  return review;
}

std::vector<PluginRule> plugin_rules(const ssmd_plugin &plugin) {
  RuleTableReview ignored;
  return read_all(plugin, ignored);
}

} // namespace ssmd
