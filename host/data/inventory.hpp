// Gathers the manifests of a feed over a date range from the raw and normalized stores.
#pragma once

#include "data/day_manifest.hpp"
#include "data/store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ssmd::data {

// What one store holds for one day.
struct Slot {
  bool present = false;                 // a manifest object exists
  std::optional<DayManifest> manifest;  // parsed and checked; empty when absent or invalid
  std::string url;                      // where it was (or would be)
  std::string problem;                  // why it is invalid (present but no manifest)
  bool invalid() const { return present && !manifest; }
};

struct DayRecord {
  Date date = Date::from_days(0);
  Slot raw;
  Slot normalized;
};

// One record per day from `from` to `to` inclusive. Either store may be null (not configured).
// Throws EnvironmentError when a store cannot be reached; a bad manifest only marks its day invalid.
// `progress`, when given, is called with a count of manifests settled (read, or known absent from a listing),
// `days × configured stores` in all, possibly from several threads.
std::vector<DayRecord> collect_days(Store *raw, Store *normalized, const std::string &feed, Date from, Date to,
                                    const std::function<void(size_t)> &progress = {});

// The day's status: "-" without manifests, "invalid" when one is invalid, else the worse of the two
// statuses (failed < processing < partial < raw-missing, normalized-missing < complete), where a tree that
// is configured but has no manifest for a day the other tree has counts as "<tree>-missing".
std::string day_status(const DayRecord &day);

// 523MB, 1.2GB, 0B: decimal units, as storage consoles show them.
std::string human_size(uint64_t bytes);

} // namespace ssmd::data
