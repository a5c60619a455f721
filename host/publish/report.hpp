// How `ssmd publish` shows a plan: key by key for a publish and --dry-run, one line per difference for
// --check (a nightly job's log then names every drifted field).
#pragma once

#include "publish/plan.hpp"

#include <iosfwd>

namespace ssmd::publish {

// At most this many differences are listed per document; the rest are counted.
inline constexpr size_t kMaxDifferencesShown = 20;

// "  + environments/a", "  ~ environments/b" followed by its differences, "  - environments/c", "  ~ index".
void print_changes(std::ostream &out, const Plan &plan);

// One line per difference, each naming its key: "environments/b: feed.versions[0].endpoint: ...". Returns
// how many differences there are.
size_t print_drift(std::ostream &out, const Plan &plan);

} // namespace ssmd::publish
