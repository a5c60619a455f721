// One manifest.json that a collector writes beside a day's data: what was captured, how much and how well.
// Runtime data only, never in git (DESIGN.md, "Data inventory").
#pragma once

#include "core/date.hpp"
#include "core/result.hpp"
#include "core/timestamp.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmd::data {

struct Gap {
  Timestamp start;
  Timestamp end;
  std::string type;   // e.g. "disconnect", "sequence"
  bool resolved = false;
};

struct DayManifest {
  std::string feed;
  Date date = Date::from_days(0);
  std::string data_type;       // "raw" or "normalized" (the tree), or the kind of records ("trades")
  std::string schema_version;  // "trade:v1" or "v1"; empty for raw data, which has no schema (null or absent)
  std::string status;          // complete | partial | failed | processing
  uint64_t record_count = 0;
  uint64_t byte_size = 0;
  Timestamp first_timestamp;
  Timestamp last_timestamp;
  std::vector<Gap> gaps;
  double quality_score = 0;    // in [0, 1]
  std::string connector_version;
  Timestamp created_at;
};

inline constexpr size_t kMaxManifestBytes = 1u << 20;

// Parses and checks a manifest fetched for `feed` on `date` (what its path says) from the tree `tree`
// ("raw" or "normalized"; empty when unknown). A failure is one sentence, with line:col when the JSON itself
// is at fault.
//
// A `data_type` of `raw` or `normalized` names the tree and must match `tree` (a manifest in the wrong tree
// describes other data); other values (`trades`) name the kind of records. `schema_version` may be null or
// absent for raw data only (data_type `raw`, or the raw tree). `created_at` may fall on any later day: a
// collector writes the manifest after the day it describes.
Result<DayManifest> parse_day_manifest(std::string_view text, std::string_view feed, Date date,
                                       std::string_view tree = {});

// `<root>/<feed>/<yyyy>/<mm>/<dd>/manifest.json` without the root.
std::string manifest_key(std::string_view feed, Date date);

} // namespace ssmd::data
