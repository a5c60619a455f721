#include "publish/report.hpp"

#include <ostream>

namespace ssmd::publish {

namespace {

char sign(ChangeKind kind) {
  switch (kind) {
  case ChangeKind::Add: return '+';
  case ChangeKind::Update: return '~';
  case ChangeKind::Remove: return '-';
  }
  return '?';
}

// Calls `line` for the first kMaxDifferencesShown differences, then once for how many more there are.
template <class F> void each_difference(const std::vector<std::string> &differences, F &&line) {
  for (size_t i = 0; i < differences.size() && i < kMaxDifferencesShown; ++i) line(differences[i]);
  if (differences.size() > kMaxDifferencesShown)
    line("… and " + std::to_string(differences.size() - kMaxDifferencesShown) + " more differences");
}

} // namespace

void print_changes(std::ostream &out, const Plan &plan) {
  for (const auto &change : plan.changes) {
    out << "  " << sign(change.kind) << " " << environment_key(change.name) << "\n";
    each_difference(change.differences, [&](const std::string &d) { out << "      " << d << "\n"; });
  }
  if (plan.index.revision == 0) {
    out << "  + " << kIndexKey << "\n";
    return;
  }
  out << "  ~ " << kIndexKey;
  if (!plan.index_reasons.empty()) out << " (" << plan.index_reasons.front() << ")";
  out << "\n";
}

size_t print_drift(std::ostream &out, const Plan &plan) {
  size_t count = 0;
  for (const auto &change : plan.changes) {
    const std::string key = environment_key(change.name);
    switch (change.kind) {
    case ChangeKind::Add: out << key << ": missing from the store\n"; ++count; break;
    case ChangeKind::Remove: out << key << ": in the store, but the commit has no such environment\n"; ++count; break;
    case ChangeKind::Update:
      each_difference(change.differences, [&](const std::string &d) { out << key << ": " << d << "\n"; });
      count += change.differences.size();
      break;
    }
  }
  for (const auto &reason : plan.index_reasons) {
    out << kIndexKey << ": " << reason << "\n";
    ++count;
  }
  return count;
}

} // namespace ssmd::publish
