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

// What is wrong with `field` ("field 'date' is missing").
Failure field_failure(const std::string &field, const std::string &why) {
  return Failure{field.empty() ? why : "field '" + field + "' " + why};
}

// Reads the manifest's fields. A read that fails returns false and keeps the failure, for the parser to return.
class Reader {
public:
  explicit Reader(const Json &root) : root_(root) {}

  // Keeps why `field` is wrong and returns false, for `if (!r.string(...) || ...) return r.failure();`.
  bool fail(const std::string &field, const std::string &why) {
    failure_ = field_failure(field, why);
    return false;
  }
  const Failure &failure() const { return failure_; }

  const Json *need(const Json &obj, const std::string &field, Kind kind, const char *what) {
    const Json *n = strict_json::member(obj, field);
    if (!n) {
      fail(field, "is missing");
      return nullptr;
    }
    if (!is(*n, kind)) {
      fail(field, std::string("must be ") + what);
      return nullptr;
    }
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
  Failure failure_;
};

} // namespace

Result<DayManifest> parse_day_manifest(std::string_view text, std::string_view feed, Date date, std::string_view tree) {
  if (text.size() > kMaxManifestBytes)
    return Failure{"manifest is " + std::to_string(text.size()) + " bytes; the limit is 1 MiB, refusing to parse it"};
  Json root;
  if (auto err = strict_json::parse(text, root))
    return Failure{"malformed JSON at " + std::to_string(err->line) + ":" + std::to_string(err->column) + ": " +
                   err->message};
  if (!root.is_object()) return Failure{"manifest must be a JSON object"};
  Reader r(root);
  DayManifest m;
  std::string date_text;
  if (!r.string("feed", m.feed) || !r.string("date", date_text) || !r.string("data_type", m.data_type))
    return r.failure();
  // `raw` and `normalized` name a tree; any other value (`trades`) names the kind of records. A manifest whose
  // data_type names the other tree describes other data than the tree it was found in.
  const bool names_tree = m.data_type == "raw" || m.data_type == "normalized";
  if (names_tree && !tree.empty() && m.data_type != tree)
    return field_failure("data_type", "is '" + m.data_type + "' but the manifest is in the " + std::string(tree) +
                                          " tree; it describes other data");
  // Raw data has no schema: null or absent is fine for it, and only for it.
  const bool raw = m.data_type == "raw" || tree == "raw";
  const Json *schema = strict_json::member(root, "schema_version");
  const bool no_schema = !schema || schema->is_null();
  if (no_schema && !raw)
    return field_failure("schema_version", "is required except for raw data: the NAME:VERSION the records follow");
  if (!no_schema && !r.string("schema_version", m.schema_version)) return r.failure();
  if (!r.string("status", m.status) ||
      !r.count("record_count", m.record_count) || !r.count("byte_size", m.byte_size) ||
      !r.timestamp(root, "first_timestamp", m.first_timestamp) ||
      !r.timestamp(root, "last_timestamp", m.last_timestamp) || !r.string("connector_version", m.connector_version) ||
      !r.timestamp(root, "created_at", m.created_at))
    return r.failure();

  if (m.feed != feed) return field_failure("feed", "is '" + m.feed + "' but the path says '" + std::string(feed) + "'");
  auto parsed_date = Date::parse(date_text);
  if (!parsed_date) return field_failure("date", "is not a YYYY-MM-DD date: '" + date_text + "'");
  if (*parsed_date != date)
    return field_failure("date", "is " + date_text + " but the path says " + date.str());
  m.date = *parsed_date;
  if (m.status != "complete" && m.status != "partial" && m.status != "failed" && m.status != "processing")
    return field_failure("status", "must be complete, partial, failed or processing, not '" + m.status + "'");

  const Json *q = r.need(root, "quality_score", Kind::Number, "a number in [0, 1]");
  if (!q) return r.failure();
  const double score = q->get<double>();
  if (!(score >= 0 && score <= 1) || !std::isfinite(score))
    return field_failure("quality_score", "must be in [0, 1], not " + q->dump());
  m.quality_score = score;

  Timestamp day_start{m.date.days() * 86400000};
  Timestamp day_end{(m.date.days() + 1) * 86400000};
  auto inside = [&](Timestamp t) { return t >= day_start && t < day_end; };
  if (!inside(m.first_timestamp)) return field_failure("first_timestamp", "is outside " + m.date.str() + " (UTC)");
  if (!inside(m.last_timestamp)) return field_failure("last_timestamp", "is outside " + m.date.str() + " (UTC)");
  if (m.last_timestamp < m.first_timestamp)
    return field_failure("last_timestamp", "is before first_timestamp");

  const Json *gaps = r.need(root, "gaps", Kind::Array, "an array");
  if (!gaps) return r.failure();
  for (size_t i = 0; i < gaps->size(); ++i) {
    const Json &g = (*gaps)[i];
    std::string where = "gaps[" + std::to_string(i) + "]";
    if (!g.is_object()) return field_failure(where, "must be an object");
    Gap gap;
    if (!r.timestamp(g, "start", gap.start) || !r.timestamp(g, "end", gap.end))
      return Failure{where + ": " + r.failure().message};
    if (!(gap.start < gap.end)) return field_failure(where, "must have start before end");
    if (!inside(gap.start) || gap.end > day_end) return field_failure(where, "lies outside " + m.date.str());
    if (const Json *type = strict_json::member(g, "type"); type && type->is_string()) gap.type = strict_json::text_of(*type);
    if (const Json *resolved = strict_json::member(g, "resolved")) {
      if (!resolved->is_boolean()) return field_failure(where + ".resolved", "must be true or false");
      gap.resolved = resolved->get<bool>();
    }
    m.gaps.push_back(std::move(gap));
  }
  return m;
}

} // namespace ssmd::data
