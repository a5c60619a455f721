#include "data/day_manifest.hpp"

#include <ssmd_json/strict_json.hpp>

#include <cmath>
#include <cstdio>

namespace ssmd::data {

std::string manifest_key(std::string_view feed, Date date) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "/%04d/%02d/%02d/manifest.json", date.year(), date.month(), date.day());
  return std::string(feed) + buf;
}

namespace {

using strict_json::Json;

// The kinds of value a manifest's field may need to be.
enum class Kind { String, Number, Array };

bool is(const Json &value, Kind kind) {
  switch (kind) {
  case Kind::String: return value.is_string();
  case Kind::Number: return value.is_number();
  case Kind::Array: return value.is_array();
  }
  return false;
}

// Reads the manifest's fields, stopping at the first problem.
class Reader {
public:
  Reader(const Json &root, std::string &problem) : root_(root), problem_(problem) {}

  bool fail(const std::string &field, const std::string &why) {
    problem_ = field.empty() ? why : "field '" + field + "' " + why;
    return false;
  }

  const Json *need(const Json &obj, const std::string &field, Kind kind, const char *what) {
    const Json *n = strict_json::member(obj, field);
    if (!n) return fail(field, "is missing"), nullptr;
    if (!is(*n, kind)) return fail(field, std::string("must be ") + what), nullptr;
    return n;
  }

  bool string(const std::string &field, std::string &out) {
    const Json *n = need(root_, field, Kind::String, "a string");
    if (!n) return false;
    out = strict_json::text_of(*n);
    return true;
  }

  bool count(const std::string &field, uint64_t &out) {
    const Json *n = need(root_, field, Kind::Number, "a non-negative integer");
    if (!n) return false;
    if (!n->is_number_unsigned()) return fail(field, "must be a non-negative integer, not " + n->dump());
    out = n->get<uint64_t>();
    return true;
  }

  bool timestamp(const Json &obj, const std::string &field, Timestamp &out) {
    const Json *n = need(obj, field, Kind::String, "an RFC 3339 timestamp string");
    if (!n) return false;
    const std::string text(strict_json::text_of(*n));
    auto t = parse_timestamp(text);
    if (!t) return fail(field, "is not an RFC 3339 timestamp: '" + text + "'");
    out = *t;
    return true;
  }

  const Json &root() const { return root_; }

private:
  const Json &root_;
  std::string &problem_;
};

} // namespace

std::optional<DayManifest> parse_day_manifest(std::string_view text, std::string_view feed, Date date,
                                              std::string &problem, std::string_view tree) {
  if (text.size() > kMaxManifestBytes) {
    problem = "manifest is " + std::to_string(text.size()) + " bytes; the limit is 1 MiB, refusing to parse it";
    return std::nullopt;
  }
  Json root;
  if (auto err = strict_json::parse(text, root)) {
    problem = "malformed JSON at " + std::to_string(err->line) + ":" + std::to_string(err->column) + ": " + err->message;
    return std::nullopt;
  }
  if (!root.is_object()) {
    problem = "manifest must be a JSON object";
    return std::nullopt;
  }
  Reader r(root, problem);
  DayManifest m;
  std::string date_text;
  if (!r.string("feed", m.feed) || !r.string("date", date_text) || !r.string("data_type", m.data_type))
    return std::nullopt;
  // `raw` and `normalized` name a tree; any other value (`trades`) names the kind of records. A manifest whose
  // data_type names the other tree describes other data than the tree it was found in.
  const bool names_tree = m.data_type == "raw" || m.data_type == "normalized";
  if (names_tree && !tree.empty() && m.data_type != tree)
    return r.fail("data_type", "is '" + m.data_type + "' but the manifest is in the " + std::string(tree) +
                                   " tree; it describes other data"),
           std::nullopt;
  // Raw data has no schema: null or absent is fine for it, and only for it.
  const bool raw = m.data_type == "raw" || tree == "raw";
  const Json *schema = strict_json::member(root, "schema_version");
  const bool no_schema = !schema || schema->is_null();
  if (no_schema && !raw)
    return r.fail("schema_version", "is required except for raw data: the NAME:VERSION the records follow"),
           std::nullopt;
  if (!no_schema && !r.string("schema_version", m.schema_version)) return std::nullopt;
  if (!r.string("status", m.status) ||
      !r.count("record_count", m.record_count) || !r.count("byte_size", m.byte_size) ||
      !r.timestamp(root, "first_timestamp", m.first_timestamp) ||
      !r.timestamp(root, "last_timestamp", m.last_timestamp) || !r.string("connector_version", m.connector_version) ||
      !r.timestamp(root, "created_at", m.created_at))
    return std::nullopt;

  if (m.feed != feed) return r.fail("feed", "is '" + m.feed + "' but the path says '" + std::string(feed) + "'"), std::nullopt;
  auto parsed_date = Date::parse(date_text);
  if (!parsed_date) return r.fail("date", "is not a YYYY-MM-DD date: '" + date_text + "'"), std::nullopt;
  if (*parsed_date != date)
    return r.fail("date", "is " + date_text + " but the path says " + date.str()), std::nullopt;
  m.date = *parsed_date;
  if (m.status != "complete" && m.status != "partial" && m.status != "failed" && m.status != "processing")
    return r.fail("status", "must be complete, partial, failed or processing, not '" + m.status + "'"), std::nullopt;

  const Json *q = r.need(root, "quality_score", Kind::Number, "a number in [0, 1]");
  if (!q) return std::nullopt;
  const double score = q->get<double>();
  if (!(score >= 0 && score <= 1) || !std::isfinite(score))
    return r.fail("quality_score", "must be in [0, 1], not " + q->dump()), std::nullopt;
  m.quality_score = score;

  Timestamp day_start{m.date.days() * 86400000};
  Timestamp day_end{(m.date.days() + 1) * 86400000};
  auto inside = [&](Timestamp t) { return t >= day_start && t < day_end; };
  if (!inside(m.first_timestamp)) return r.fail("first_timestamp", "is outside " + m.date.str() + " (UTC)"), std::nullopt;
  if (!inside(m.last_timestamp)) return r.fail("last_timestamp", "is outside " + m.date.str() + " (UTC)"), std::nullopt;
  if (m.last_timestamp < m.first_timestamp)
    return r.fail("last_timestamp", "is before first_timestamp"), std::nullopt;

  const Json *gaps = r.need(root, "gaps", Kind::Array, "an array");
  if (!gaps) return std::nullopt;
  for (size_t i = 0; i < gaps->size(); ++i) {
    const Json &g = (*gaps)[i];
    std::string where = "gaps[" + std::to_string(i) + "]";
    if (!g.is_object()) return r.fail(where, "must be an object"), std::nullopt;
    Gap gap;
    if (!r.timestamp(g, "start", gap.start) || !r.timestamp(g, "end", gap.end)) {
      problem = where + ": " + problem;
      return std::nullopt;
    }
    if (!(gap.start < gap.end)) return r.fail(where, "must have start before end"), std::nullopt;
    if (!inside(gap.start) || gap.end > day_end) return r.fail(where, "lies outside " + m.date.str()), std::nullopt;
    if (const Json *type = strict_json::member(g, "type"); type && type->is_string()) gap.type = strict_json::text_of(*type);
    if (const Json *resolved = strict_json::member(g, "resolved")) {
      if (!resolved->is_boolean()) return r.fail(where + ".resolved", "must be true or false"), std::nullopt;
      gap.resolved = resolved->get<bool>();
    }
    m.gaps.push_back(std::move(gap));
  }
  return m;
}

} // namespace ssmd::data
