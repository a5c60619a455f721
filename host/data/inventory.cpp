#include "data/inventory.hpp"

#include <cstdio>
#include <set>

namespace ssmd::data {

namespace {

// Fills `slot(day)` for every day from one store: probes keys directly on a local disk, otherwise lists
// once per year of the range and fetches only what exists (one listing beats hundreds of misses).
void fill(Store &store, const std::string &feed, std::vector<DayRecord> &days, Slot DayRecord::*slot,
          const std::function<void(size_t)> &progress) {
  const std::string_view tree = slot == &DayRecord::raw ? "raw" : "normalized";
  std::vector<std::string> keys;
  for (auto &day : days) {
    keys.push_back(manifest_key(feed, day.date));
    (day.*slot).url = store.url(keys.back());
  }
  std::vector<size_t> wanted;
  if (store.prefers_direct_fetch()) {
    for (size_t i = 0; i < days.size(); ++i) wanted.push_back(i);
  } else {
    std::set<std::string> existing;
    std::set<int> years;
    for (const auto &day : days) years.insert(day.date.year());
    for (int year : years)
      for (auto &key : store.list(feed + "/" + std::to_string(year) + "/")) existing.insert(std::move(key));
    for (size_t i = 0; i < days.size(); ++i)
      if (existing.count(keys[i])) wanted.push_back(i);
  }
  // Days a listing showed absent are settled already; the others as each fetch completes.
  if (progress && days.size() > wanted.size()) progress(days.size() - wanted.size());
  std::vector<std::string> fetch_keys;
  for (size_t i : wanted) fetch_keys.push_back(keys[i]);
  Store::OnFetched on_fetched;
  if (progress) on_fetched = [&progress] { progress(1); };
  auto results = store.fetch(fetch_keys, kMaxManifestBytes, on_fetched);
  for (size_t k = 0; k < wanted.size() && k < results.size(); ++k) {
    DayRecord &day = days[wanted[k]];
    Slot &s = day.*slot;
    const Fetched &f = results[k];
    if (!f.found) continue;
    s.present = true;
    if (!f.ok) {
      s.problem = f.error;
      continue;
    }
    if (auto manifest = parse_day_manifest(f.content, feed, day.date, tree))
      s.manifest = std::move(*manifest);
    else
      s.problem = manifest.error();
  }
}

// The worse-of order. A manifest missing from a configured tree while the other tree has one ranks just
// below complete: it is worth a look, but says less than a failed or partial capture.
int status_rank(const std::string &status) {
  if (status == "failed") return 0;
  if (status == "processing") return 1;
  if (status == "partial") return 2;
  if (status == "raw-missing" || status == "normalized-missing") return 3;
  return 4;
}

} // namespace

std::vector<DayRecord> collect_days(Store *raw, Store *normalized, const std::string &feed, Date from, Date to,
                                    const std::function<void(size_t)> &progress) {
  std::vector<DayRecord> days;
  for (int64_t d = from.days(); d <= to.days(); ++d) days.push_back(DayRecord{Date::from_days(d), {}, {}});
  if (raw) fill(*raw, feed, days, &DayRecord::raw, progress);
  if (normalized) fill(*normalized, feed, days, &DayRecord::normalized, progress);
  return days;
}

std::string day_status(const DayRecord &day) {
  if (day.raw.invalid() || day.normalized.invalid()) return "invalid";
  const DayManifest *a = day.raw.manifest ? &*day.raw.manifest : nullptr;
  const DayManifest *b = day.normalized.manifest ? &*day.normalized.manifest : nullptr;
  if (!a && !b) return "-";
  // A slot has a URL only when its tree is configured; an unconfigured tree says nothing about the day.
  std::string first = a ? a->status : day.raw.url.empty() ? "" : "raw-missing";
  std::string second = b ? b->status : day.normalized.url.empty() ? "" : "normalized-missing";
  if (first.empty()) return second;
  if (second.empty()) return first;
  return status_rank(first) <= status_rank(second) ? first : second;
}

std::string human_size(uint64_t bytes) {
  static const char *units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 5) {
    value /= 1000;
    ++unit;
  }
  char buf[32];
  if (unit == 0 || value >= 10) std::snprintf(buf, sizeof buf, "%.0f%s", value, units[unit]);
  else std::snprintf(buf, sizeof buf, "%.1f%s", value, units[unit]);
  return buf;
}

} // namespace ssmd::data
